package riskmodel

import "testing"

// BenchmarkAssess grades the golden cases and writes their factors as
// JSON, as the analysis does for every segment (with an Assessor).
func BenchmarkAssess(b *testing.B) {
	c := DefaultConfig()
	cases := goldenCases()
	var buf []byte
	b.ReportAllocs()
	as := NewAssessor(c)
	for b.Loop() {
		for _, f := range cases {
			a := as.Assess(f)
			var err error
			if buf, err = AppendFactorsJSON(buf[:0], a.Factors); err != nil {
				b.Fatal(err)
			}
		}
	}
}
