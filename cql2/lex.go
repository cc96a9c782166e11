package cql2

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gasrisk"
)

// tokKind is the kind of a lexical token.
type tokKind int

const (
	tEOF    tokKind = iota
	tIdent          // a property name or a keyword (text upper-cased in word)
	tString         // '...' (text unquoted)
	tNumber         // a numeric literal
	tOp             // = <> < <= > >= ( ) ,
)

// token is one lexical token and where it starts (byte offset).
type token struct {
	kind   tokKind
	text   string
	word   string // tIdent: the text upper-cased, "" for a quoted identifier
	quoted bool   // tIdent: written "..."
	pos    int
}

// lex splits a filter into tokens.
func lex(src string) ([]token, error) {
	if !utf8.ValidString(src) {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "filter: invalid UTF-8")
	}
	var out []token
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return nil, errAt(i, "invalid UTF-8")
		case unicode.IsSpace(r):
			i += size
		case r == '\'':
			s, n, err := lexQuoted(src, i, '\'')
			if err != nil {
				return nil, err
			}
			out = append(out, token{kind: tString, text: s, pos: i})
			i += n
		case r == '"':
			s, n, err := lexQuoted(src, i, '"')
			if err != nil {
				return nil, err
			}
			out = append(out, token{kind: tIdent, text: s, quoted: true, pos: i})
			i += n
		case r >= '0' && r <= '9' || r == '.' || (r == '-' || r == '+') && i+1 < len(src) && (isDigit(src[i+1]) || src[i+1] == '.'):
			n := lexNumber(src[i:])
			out = append(out, token{kind: tNumber, text: src[i : i+n], pos: i})
			i += n
		case r == '_' || unicode.IsLetter(r):
			j := i
			for j < len(src) {
				r, size := utf8.DecodeRuneInString(src[j:])
				if r != '_' && r != ':' && r != '.' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += size
			}
			out = append(out, token{kind: tIdent, text: src[i:j], word: strings.ToUpper(src[i:j]), pos: i})
			i = j
		default:
			op := string(r)
			if two := src[i:min(i+2, len(src))]; two == "<>" || two == "<=" || two == ">=" || two == "!=" {
				op = two
			}
			n := len(op)
			if op == "!=" {
				op = "<>"
			}
			if !strings.Contains("=<>(),", op[:1]) {
				return nil, errAt(i, "unexpected %q", op)
			}
			out = append(out, token{kind: tOp, text: op, pos: i})
			i += n
		}
	}
	return append(out, token{kind: tEOF, pos: len(src)}), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lexNumber returns the length of the number at the start of s.
func lexNumber(s string) int {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
		i++
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '-' || s[j] == '+') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for i = j; i < len(s) && isDigit(s[i]); i++ {
			}
		}
	}
	return i
}

// lexQuoted reads a quoted string or identifier starting at src[at]
// (doubled quotes stand for one); it returns the text and the length read.
func lexQuoted(src string, at int, q byte) (string, int, error) {
	var b strings.Builder
	for i := at + 1; i < len(src); i++ {
		if src[i] != q {
			b.WriteByte(src[i])
			continue
		}
		if i+1 < len(src) && src[i+1] == q {
			b.WriteByte(q)
			i++
			continue
		}
		return b.String(), i + 1 - at, nil
	}
	return "", 0, errAt(at, "unterminated %c", q)
}

// errAt is a parse error at a byte offset of the filter.
func errAt(pos int, format string, args ...any) error {
	return gasrisk.Errorf(gasrisk.EINVALID, "filter: "+format+" (at character %d)", append(args, pos+1)...)
}
