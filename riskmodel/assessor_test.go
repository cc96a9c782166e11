package riskmodel

import (
	"reflect"
	"testing"
)

// An Assessor assesses every segment as Assess does, the first time it
// writes a detail text and when it reuses it.
func TestAssessorMatchesAssess(t *testing.T) {
	c := DefaultConfig()
	var cases []Facts
	for _, f := range goldenCases() {
		cases = append(cases, f)
	}
	for _, m := range append(Materials(), "asbestos") {
		for _, cl := range append(PressureClasses(), "") {
			for _, year := range []int{0, 1960, 2001, 2024} {
				f := plain()
				f.Material, f.PressureClass, f.InstallYear = m, cl, year
				f.DiameterMM = float64(year % 7 * 50)
				aged := f
				aged.Condition, aged.LeakHistory = ConditionCorrosion, year%3
				unsafe := f
				unsafe.DuctileUnsafe, unsafe.HazardUncontrollable, unsafe.Occupied = true, true, true
				cases = append(cases, f, aged, unsafe)
			}
		}
	}
	a := NewAssessor(c)
	for pass := range 2 {
		for i, f := range cases {
			if got, want := a.Assess(f), Assess(c, f); !reflect.DeepEqual(got, want) {
				t.Fatalf("pass %d, case %d (%+v):\n got %+v\nwant %+v", pass, i, f, got, want)
			}
		}
	}
	if len(a.texts.radius) == 0 || len(a.texts.base) == 0 || len(a.texts.aged) == 0 {
		t.Errorf("remembered %d radius, %d base-rate, %d ageing texts", len(a.texts.radius), len(a.texts.base), len(a.texts.aged))
	}
}
