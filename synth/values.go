package synth

import (
	"math"
	"strconv"
)

// valueKind is the type of an attribute value.
type valueKind uint8

const (
	valNull valueKind = iota
	valText
	valInt
	valDecimal // written with at most two decimals
	valID      // a prefix and a zero-padded number
	valBool    // n: 0 false, 1 true
)

// value is one attribute value of a feature, formatted without allocating.
type value struct {
	kind valueKind
	s    string
	n    int
	f    float64
}

func text(s string) value { return value{kind: valText, s: s} }

// optText is s, or null when s is empty.
func optText(s string) value {
	if s == "" {
		return value{}
	}
	return text(s)
}

// tristate is a boolean that may be unknown: -1 null, 0 false, 1 true.
func tristate(n int8) value {
	if n < 0 {
		return value{}
	}
	return value{kind: valBool, n: int(n)}
}
func integer(n int) value { return value{kind: valInt, n: n} }
func ident(prefix string, n, width int) value {
	return value{kind: valID, s: prefix, n: n, f: float64(width)}
}

// decimal is a number with two decimals; NaN is null.
func decimal(f float64) value {
	if math.IsNaN(f) {
		return value{}
	}
	return value{kind: valDecimal, f: f}
}

// appendPlain appends the value as bare text (numbers, or the string
// unquoted); null appends nothing.
func appendPlain(b []byte, v value) []byte {
	switch v.kind {
	case valText:
		return append(b, v.s...)
	case valInt:
		return strconv.AppendInt(b, int64(v.n), 10)
	case valBool:
		return strconv.AppendBool(b, v.n != 0)
	case valDecimal:
		return appendFixed(b, v.f, 2)
	case valID:
		b = append(b, v.s...)
		var digits [20]byte
		d := strconv.AppendInt(digits[:0], int64(v.n), 10)
		for k := len(d); k < int(v.f); k++ {
			b = append(b, '0')
		}
		return append(b, d...)
	}
	return b
}

// appendFixed appends f rounded to prec decimals, without trailing zeros.
func appendFixed(b []byte, f float64, prec int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', prec, 64)
	if prec > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

// coordDecimals is the precision of written coordinates (about 1 cm).
const coordDecimals = 7

// b2t is b as a known tristate: 1 true, 0 false.
func b2t(b bool) int8 {
	if b {
		return 1
	}
	return 0
}
