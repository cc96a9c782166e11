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
// ASCII bytes are looked up in plainASCII; U+2028 and U+2029 are the
// bytes E2 80 A8 and E2 80 A9 (E2 only ever starts a character); the
// rest must be valid UTF-8. Chinese texts are most of the bytes, so they
// are checked without decoding them rune by rune.
func plainJSON(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] != '1' {
				return false
			}
			continue
		}
		ascii = false
		if c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&^1 == 0xa8 {
			return false
		}
	}
	return ascii || utf8.ValidString(s)
}

// plainASCII has, for each ASCII byte, '1' if encoding/json writes it as
// is inside a string: not a control character, quote, backslash, <, > or
// & (TestPlainASCII derives it).
const plainASCII = "0000000000000000000000000000000011011101111111111111111111110101" +
	"1111111111111111111111111111011111111111111111111111111111111111"
