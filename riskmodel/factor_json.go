package riskmodel

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendFactorsJSON appends fs as a JSON array, byte for byte what
// json.Marshal(fs) writes, without its reflection and allocations: the
// analysis writes the factors of a million segments a run. A non-finite
// value is an error, as it is for json.Marshal.
func AppendFactorsJSON(dst []byte, fs []Factor) ([]byte, error) {
	if fs == nil {
		return append(dst, "null"...), nil
	}
	dst = append(dst, '[')
	for i, f := range fs {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = f.appendJSON(dst); err != nil {
			return dst, err
		}
	}
	return append(dst, ']'), nil
}

// appendJSON appends the factor as a JSON object in field order.
func (f Factor) appendJSON(dst []byte) ([]byte, error) {
	if !finite(f.Value) || !finite(f.Contribution) {
		return dst, fmt.Errorf("factor %s: unsupported value %v / %v", f.Code, f.Value, f.Contribution)
	}
	dst = appendJSONString(append(dst, `{"code":`...), f.Code)
	dst = appendJSONString(append(dst, `,"side":`...), f.Side)
	dst = appendJSONFloat(append(dst, `,"value":`...), f.Value)
	dst = appendJSONString(append(dst, `,"unit":`...), f.Unit)
	dst = appendJSONString(append(dst, `,"unit_zh":`...), f.UnitZH)
	dst = appendJSONFloat(append(dst, `,"contribution":`...), f.Contribution)
	dst = appendJSONString(append(dst, `,"label":`...), f.Label)
	dst = appendJSONString(append(dst, `,"label_zh":`...), f.LabelZH)
	dst = appendJSONString(append(dst, `,"detail":`...), f.Detail)
	dst = appendJSONString(append(dst, `,"detail_zh":`...), f.DetailZH)
	if f.Threat != "" {
		dst = appendJSONString(append(dst, `,"threat":`...), f.Threat)
	}
	return append(dst, '}'), nil
}

// appendJSONFloat formats a finite float64 as encoding/json does: 'f'
// between 1e-6 and 1e21, 'e' outside with a one-digit negative exponent
// written without its leading zero.
func appendJSONFloat(dst []byte, v float64) []byte {
	format := byte('f')
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, v, format, -1, 64)
	if format == 'e' {
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// appendJSONString appends s quoted. Strings that need no escaping under
// encoding/json's rules (HTML-safe ASCII, valid UTF-8 other than U+2028
// and U+2029) are copied; others go through json.Marshal.
func appendJSONString(dst []byte, s string) []byte {
	if plainJSON(s) {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	b, _ := json.Marshal(s) // a string always marshals
	return append(dst, b...)
}

// plainJSON reports whether encoding/json writes s between quotes as is:
// printable ASCII but for quote, backslash, <, > and & (plainASCII), and
// valid UTF-8 other than U+2028 and U+2029. Every factor string goes
// through it, a million segments' worth a run, most of it ASCII or
// Chinese: ASCII is checked eight bytes at a time, two- and three-byte
// characters (CJK) are validated as they come, anything else is decoded.
func plainJSON(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&hi|below(w, 0x20)|equal(w, '"')|equal(w, '\\')|equal(w, '<')|equal(w, '>')|equal(w, '&') != 0 {
			break
		}
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if plainASCII[c] != '1' {
				return false
			}
			i++
		case c >= 0xc2 && c < 0xe0: // two bytes
			if i+1 >= len(s) || s[i+1]&0xc0 != 0x80 {
				return false
			}
			i += 2
		case c >= 0xe0 && c < 0xf0: // three bytes: no overlong forms, no surrogates, not U+2028/U+2029
			if i+2 >= len(s) {
				return false
			}
			b1, b2 := s[i+1], s[i+2]
			lo, up := byte(0x80), byte(0xbf)
			switch c {
			case 0xe0:
				lo = 0xa0
			case 0xed:
				up = 0x9f
			case 0xe2:
				if b1 == 0x80 && b2&^1 == 0xa8 {
					return false
				}
			}
			if b1 < lo || b1 > up || b2&0xc0 != 0x80 {
				return false
			}
			i += 3
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			i += size
		}
	}
	return true
}

// Eight-byte words for plainJSON: hi has every byte's top bit; below(w, n)
// is non-zero if a byte of w (each under 0x80) is under n; equal(w, b) if
// a byte equals b.
const (
	ones = 0x0101010101010101
	hi   = 0x8080808080808080
)

func below(w uint64, n byte) uint64 { return (w - ones*uint64(n)) &^ w & hi }

func equal(w uint64, b byte) uint64 { return below(w^(ones*uint64(b)), 1) }

// plainASCII has, for each ASCII byte, '1' if encoding/json writes it as
// is inside a string: not a control character, quote, backslash, <, > or
// & (TestPlainASCII derives it).
const plainASCII = "0000000000000000000000000000000011011101111111111111111111110101" +
	"1111111111111111111111111111011111111111111111111111111111111111"
