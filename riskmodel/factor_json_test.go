package riskmodel

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"unicode/utf8"
)

// TestAppendFactorsJSON: the hand-written encoder writes exactly what
// json.Marshal writes, for the assessments of every material × pressure
// class and for awkward strings and numbers.
func TestAppendFactorsJSON(t *testing.T) {
	c := DefaultConfig()
	var cases [][]Factor
	for _, m := range Materials() {
		for _, p := range PressureClasses() {
			f := Facts{Material: m, PressureClass: p, InstallYear: 1975, AsOfYear: 2026, LengthM: 100, DiameterMM: 200,
				Occupied: true, ClearanceKinds: []string{"sewer"}, SewerCrossings: 1, CrossingsWithoutDetector: 1,
				Receptors: []ReceptorCount{{Use: "school", Count: 1, Floors: 3}}, DensePlaces: 1, PlaceCapacity: 400,
				TemporaryMeasures: []string{"guard"}, DepthM: 0.4, ThirdPartyWorks: 2}
			cases = append(cases, Assess(c, f).Factors, Assess(c, Facts{Material: m, PressureClass: p}).Factors)
		}
	}
	odd := []string{"", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnewline\n\u0001", "\u2028\u2029", "bad \xff utf-8",
		"基础失效率 × 0.828 per km·yr", "\x7f", "次/(km·年)", "钢\u2028管", "管\xe2\x80", "\xe2\x80\xa8", "\xe2\x80\xaa ok",
		"cut \xe5\x9f", "影响半径 r = 10.0 m（DN150，0.01 MPa，低压）<", "\xed\xa0\x80 surrogate", "\U0001F525 fire"}
	nums := []float64{0, -0.0, 1, -1, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 1.2345e22, 0.000014241600000000001,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 10.073435891804492}
	for i, s := range odd {
		cases = append(cases, []Factor{{Code: s, Side: s, Unit: s, UnitZH: s, Label: s, LabelZH: s, Detail: s, DetailZH: s,
			Value: nums[i%len(nums)], Contribution: nums[(i+3)%len(nums)]}})
		cases = append(cases, []Factor{{Code: "x", DetailZH: s + odd[(i+1)%len(odd)], Unit: odd[(i+2)%len(odd)] + s}})
	}
	for _, v := range nums {
		cases = append(cases, []Factor{{Code: "x", Value: v, Contribution: -v}})
	}
	cases = append(cases, nil, []Factor{})
	for i, fs := range cases {
		want, err := json.Marshal(fs)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendFactorsJSON([]byte("prefix"), fs)
		if err != nil || !bytes.Equal(got, append([]byte("prefix"), want...)) {
			t.Errorf("case %d:\n got %s (%v)\nwant prefix%s", i, got, err, want)
		}
	}
}

func TestAppendFactorsJSONNonFinite(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := AppendFactorsJSON(nil, []Factor{{Code: "x", Value: v}}); err == nil {
			t.Errorf("value %v: no error", v)
		}
		if _, err := AppendFactorsJSON(nil, []Factor{{Code: "x", Contribution: v}}); err == nil {
			t.Errorf("contribution %v: no error", v)
		}
	}
}

func FuzzAppendFactorsJSON(f *testing.F) {
	f.Add("occupied", "基础失效率 <&>", "管道保护范围内有建（构）筑物占压（学校）", 1.5, 1e-7)
	f.Add("\u2028", "\xff", "\xe2\x80\xa9", 1e21, -0.0)
	f.Fuzz(func(t *testing.T, code, detail, detailZH string, value, contribution float64) {
		fs := []Factor{{Code: code, Side: SideLikelihood, Detail: detail, DetailZH: detailZH, Unit: detailZH, Value: value,
			Contribution: contribution}}
		want, werr := json.Marshal(fs)
		got, gerr := AppendFactorsJSON(nil, fs)
		if (werr != nil) != (gerr != nil) || werr == nil && !bytes.Equal(got, want) {
			t.Fatalf("got %s (%v), want %s (%v)", got, gerr, want, werr)
		}
	})
}

// plainASCII marks exactly the ASCII bytes that json.Marshal writes
// unescaped inside a string.
func TestPlainASCII(t *testing.T) {
	if len(plainASCII) != utf8.RuneSelf {
		t.Fatalf("%d entries", len(plainASCII))
	}
	for c := 0; c < utf8.RuneSelf; c++ {
		b, _ := json.Marshal(string(rune(c)))
		if plain := len(b) == 3; plain != (plainASCII[c] == '1') {
			t.Errorf("byte %#x: marshals as %s, table says %c", c, b, plainASCII[c])
		}
	}
}

// TestPlainJSON: plainJSON agrees with json.Marshal on every lead byte
// with every second byte and telling third bytes, alone, after eight ASCII
// bytes (the word-at-a-time path) and before ASCII, and on ASCII words
// holding each byte.
func TestPlainJSON(t *testing.T) {
	check := func(s string) {
		b, _ := json.Marshal(s)
		if want := string(b) == `"`+s+`"`; plainJSON(s) != want {
			t.Fatalf("plainJSON(%q) = %v, json.Marshal writes %s", s, !want, b)
		}
	}
	for c := 0x80; c < 0x100; c++ {
		for b1 := 0; b1 < 0x100; b1++ {
			for _, b2 := range []byte{0x00, 0x41, 0x80, 0xa8, 0xa9, 0xbf, 0xc0} {
				s := string([]byte{byte(c), byte(b1), b2})
				check(s)
				check("abcdefgh" + s)
				check(s + "xyz\x80")
				check(string([]byte{byte(c), byte(b1)}))
			}
		}
	}
	for c := 0; c < 0x100; c++ {
		for at := 0; at < 8; at++ {
			b := []byte("0123456789abcdef")
			b[at+3] = byte(c)
			check(string(b))
		}
	}
}
