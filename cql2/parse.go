package cql2

import (
	"strconv"
	"strings"
	"time"

	"gasrisk"
)

// Limits of a filter, so that a request cannot make the server parse or
// the database plan without end.
const (
	MaxLen    = 4096 // characters of filter text
	maxDepth  = 32   // nesting of parentheses and NOT
	maxValues = 1000 // literals in one IN list
)

// Parse reads a CQL2-text filter. Errors are gasrisk.EINVALID, naming
// what was wrong and where.
func Parse(src string) (Expr, error) {
	if strings.TrimSpace(src) == "" {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "filter: empty")
	}
	if len(src) > MaxLen {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "filter: %d characters, at most %d", len(src), MaxLen)
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	e, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, errAt(t.pos, "unexpected %q after the expression", t.text)
	}
	return e, nil
}

// parser is a recursive-descent parser over the tokens of one filter.
type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

// keyword consumes the keyword w if it comes next.
func (p *parser) keyword(w string) bool {
	if t := p.peek(); t.kind == tIdent && !t.quoted && t.word == w {
		p.i++
		return true
	}
	return false
}

// op consumes the operator o if it comes next.
func (p *parser) op(o string) bool {
	if t := p.peek(); t.kind == tOp && t.text == o {
		p.i++
		return true
	}
	return false
}

func (p *parser) expect(o string) error {
	if !p.op(o) {
		t := p.peek()
		return errAt(t.pos, "want %q, found %s", o, describe(t))
	}
	return nil
}

// describe names a token in an error.
func describe(t token) string {
	if t.kind == tEOF {
		return "the end"
	}
	return strconv.Quote(t.text)
}

// or: and {OR and}
func (p *parser) or(depth int) (Expr, error) {
	return p.logical(depth, "OR", p.and)
}

// and: not {AND not}
func (p *parser) and(depth int) (Expr, error) {
	return p.logical(depth, "AND", p.not)
}

func (p *parser) logical(depth int, op string, sub func(int) (Expr, error)) (Expr, error) {
	e, err := sub(depth)
	if err != nil {
		return nil, err
	}
	args := []Expr{e}
	for p.keyword(op) {
		e, err := sub(depth)
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	}
	if len(args) == 1 {
		return args[0], nil
	}
	return &Logical{Op: op, Args: args}, nil
}

// not: NOT not | ( or ) | predicate
func (p *parser) not(depth int) (Expr, error) {
	if depth > maxDepth {
		return nil, errAt(p.peek().pos, "nested deeper than %d", maxDepth)
	}
	if p.keyword("NOT") {
		e, err := p.not(depth + 1)
		if err != nil {
			return nil, err
		}
		return &Not{Arg: e}, nil
	}
	if p.op("(") {
		e, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		return e, p.expect(")")
	}
	return p.predicate()
}

// comparisons maps each comparison operator to its mirror image, for a
// literal written before the property.
var comparisons = map[string]string{"=": "=", "<>": "<>", "<": ">", "<=": ">=", ">": "<", ">=": "<="}

// predicate: operand compOp operand | prop [NOT] (LIKE|ILIKE) string |
// prop [NOT] IN (lit, ...) | prop [NOT] BETWEEN lit AND lit | prop IS [NOT] NULL
func (p *parser) predicate() (Expr, error) {
	start := p.peek()
	if start.kind == tIdent && !start.quoted && !literalWord(start.word) && keyword(start.text) {
		return nil, errAt(start.pos, "want a property name, found the keyword %s", start.word)
	}
	if start.kind != tIdent || literalWord(start.word) && !start.quoted {
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		t := p.next()
		mirror, ok := comparisons[t.text]
		if t.kind != tOp || !ok {
			return nil, errAt(t.pos, "want a comparison after %s, found %s", lit, describe(t))
		}
		prop, err := p.property()
		if err != nil {
			return nil, err
		}
		return &Compare{Op: mirror, Prop: prop, Value: lit}, nil
	}
	prop, _ := p.property()
	if t := p.peek(); t.kind == tOp {
		if _, ok := comparisons[t.text]; ok {
			p.i++
			lit, err := p.literal()
			if err != nil {
				return nil, err
			}
			return &Compare{Op: t.text, Prop: prop, Value: lit}, nil
		}
	}
	if p.keyword("IS") {
		neg := p.keyword("NOT")
		if !p.keyword("NULL") {
			return nil, errAt(p.peek().pos, "want NULL after IS, found %s", describe(p.peek()))
		}
		return &IsNull{Prop: prop, Not: neg}, nil
	}
	neg := p.keyword("NOT")
	switch {
	case p.keyword("LIKE"):
		return p.like(prop, neg, false)
	case p.keyword("ILIKE"):
		return p.like(prop, neg, true)
	case p.keyword("IN"):
		return p.in(prop, neg)
	case p.keyword("BETWEEN"):
		lo, err := p.literal()
		if err != nil {
			return nil, err
		}
		if !p.keyword("AND") {
			return nil, errAt(p.peek().pos, "want AND in BETWEEN, found %s", describe(p.peek()))
		}
		hi, err := p.literal()
		if err != nil {
			return nil, err
		}
		return &Between{Prop: prop, Lo: lo, Hi: hi, Not: neg}, nil
	}
	t := p.peek()
	return nil, errAt(t.pos, "want a comparison, LIKE, IN, BETWEEN or IS NULL after %s, found %s", quoteProp(prop), describe(t))
}

func (p *parser) like(prop string, neg, ci bool) (Expr, error) {
	t := p.next()
	if t.kind != tString {
		return nil, errAt(t.pos, "want a quoted pattern after LIKE, found %s", describe(t))
	}
	return &Like{Prop: prop, Pattern: t.text, Not: neg, CaseInsensitive: ci}, nil
}

func (p *parser) in(prop string, neg bool) (Expr, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	e := &In{Prop: prop, Not: neg}
	for {
		lit, err := p.literal()
		if err != nil {
			return nil, err
		}
		if e.Values = append(e.Values, lit); len(e.Values) > maxValues {
			return nil, errAt(p.peek().pos, "more than %d values in IN", maxValues)
		}
		if !p.op(",") {
			break
		}
	}
	return e, p.expect(")")
}

// property reads a property name.
func (p *parser) property() (string, error) {
	t := p.next()
	if t.kind != tIdent || !t.quoted && (keyword(t.text) || literalWord(t.word)) {
		return "", errAt(t.pos, "want a property name, found %s", describe(t))
	}
	return t.text, nil
}

// literal reads a string, number, boolean, DATE('…') or TIMESTAMP('…').
func (p *parser) literal() (Literal, error) {
	t := p.next()
	switch {
	case t.kind == tString:
		return Literal{Kind: String, Str: t.text}, nil
	case t.kind == tNumber:
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return Literal{}, errAt(t.pos, "bad number %q", t.text)
		}
		return Literal{Kind: Number, Num: f}, nil
	case t.kind == tIdent && !t.quoted && (t.word == "TRUE" || t.word == "FALSE"):
		return Literal{Kind: Bool, Bool: t.word == "TRUE"}, nil
	case t.kind == tIdent && !t.quoted && (t.word == "DATE" || t.word == "TIMESTAMP"):
		return p.instant(t)
	}
	return Literal{}, errAt(t.pos, "want a literal ('text', a number, TRUE, FALSE, DATE('…'), TIMESTAMP('…')), found %s", describe(t))
}

// instant reads the ('…') of a DATE or TIMESTAMP literal and checks it.
func (p *parser) instant(kw token) (Literal, error) {
	if err := p.expect("("); err != nil {
		return Literal{}, err
	}
	t := p.next()
	layout := map[string]string{"DATE": time.DateOnly, "TIMESTAMP": time.RFC3339}[kw.word]
	if t.kind != tString {
		return Literal{}, errAt(t.pos, "want a quoted %s in %s(…)", strings.ToLower(kw.word), kw.word)
	}
	if _, err := time.Parse(layout, t.text); err != nil {
		return Literal{}, errAt(t.pos, "%s(%q): want %s", kw.word, t.text, layout)
	}
	return Literal{Kind: String, Str: t.text}, p.expect(")")
}

// keyword reports whether an unquoted word is reserved.
func keyword(s string) bool {
	switch strings.ToUpper(s) {
	case "AND", "OR", "NOT", "LIKE", "ILIKE", "IN", "BETWEEN", "IS", "NULL":
		return true
	}
	return false
}

// literalWord reports whether an (upper-cased) word starts a literal.
func literalWord(w string) bool {
	return w == "TRUE" || w == "FALSE" || w == "DATE" || w == "TIMESTAMP"
}
