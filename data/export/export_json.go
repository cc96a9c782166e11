package export

import (
	"bytes"
	"unicode/utf8"
)

// Raw values are PostgreSQL's text output: they are written without
// parsing where JSON has the same syntax (numbers, JSON), and escaped
// where it does not (strings).

// appendJSONValue appends one raw text value of kind k as JSON.
func appendJSONValue(dst []byte, k colKind, v []byte) []byte {
	if v == nil {
		return append(dst, "null"...)
	}
	switch k {
	case kInt, kJSON:
		return append(dst, v...)
	case kNum:
		if !finite(v) {
			return append(dst, "null"...)
		}
		return append(dst, v...)
	case kBool:
		if len(v) > 0 && v[0] == 't' {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case kTextArray:
		return appendJSONArray(dst, v)
	}
	return appendJSONString(dst, v)
}

// finite reports whether a float's text is a number (not NaN/Infinity).
func finite(v []byte) bool {
	return len(v) > 0 && (v[0] >= '0' && v[0] <= '9' || v[0] == '-' && len(v) > 1 && v[1] >= '0' && v[1] <= '9')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string, escaping quotes,
// backslashes and control characters and replacing invalid UTF-8.
func appendJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(append(dst, s[start:i]...), "\ufffd"...)
				i++
				start = i
				continue
			}
			i += size
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}

// appendJSONArray appends a PostgreSQL one-dimensional text[] literal
// ({a,b,"c d"}) as a JSON array of strings.
func appendJSONArray(dst, v []byte) []byte {
	dst = append(dst, '[')
	for i, e := range pgArrayElems(v) {
		if i > 0 {
			dst = append(dst, ',')
		}
		if e == nil {
			dst = append(dst, "null"...)
			continue
		}
		dst = appendJSONString(dst, e)
	}
	return append(dst, ']')
}

// pgArrayElems splits a one-dimensional array literal into its elements
// (nil for NULL), undoing quoting and backslash escapes.
func pgArrayElems(v []byte) [][]byte {
	v = bytes.TrimSuffix(bytes.TrimPrefix(v, []byte("{")), []byte("}"))
	var out [][]byte
	for len(v) > 0 {
		var e []byte
		if v[0] == '"' {
			i := 1
			for ; i < len(v) && v[i] != '"'; i++ {
				if v[i] == '\\' && i+1 < len(v) {
					i++
				}
				e = append(e, v[i])
			}
			if e == nil {
				e = []byte{}
			}
			v = v[min(i+1, len(v)):]
		} else {
			i := bytes.IndexByte(v, ',')
			if i < 0 {
				i = len(v)
			}
			e = v[:i]
			if string(e) == "NULL" {
				e = nil
			}
			v = v[i:]
		}
		out = append(out, e)
		v = bytes.TrimPrefix(v, []byte(","))
	}
	return out
}
