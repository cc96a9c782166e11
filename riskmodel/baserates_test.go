package riskmodel

import (
	"math"
	"testing"
)

func TestDefaultBaseRates(t *testing.T) {
	b := DefaultBaseRates()
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	if b.Unit != "per km·yr" || b.Period == "" || b.Source == "" {
		t.Fatalf("provenance missing: %+v", b)
	}
	// Grey cast iron fails more often than steel, steel more than PE.
	r := b.MaterialRates
	if !(r[MaterialCastIron] > r[MaterialSteel] && r[MaterialSteel] > r[MaterialPE]) {
		t.Fatalf("material order: %v", r)
	}
}

func TestDecadeFactorsNonIncreasing(t *testing.T) {
	b := DefaultBaseRates()
	keys := DecadeKeys()
	for i := 1; i < len(keys)-1; i++ { // last key is "unknown"
		if b.DecadeFactors[keys[i]] > b.DecadeFactors[keys[i-1]] {
			t.Errorf("%s factor %v above older %s %v", keys[i], b.DecadeFactors[keys[i]], keys[i-1], b.DecadeFactors[keys[i-1]])
		}
	}
}

func TestDecade(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{0, "unknown"}, {-5, "unknown"}, {1890, "pre1940"}, {1939, "pre1940"}, {1940, "1940s"},
		{1969, "1960s"}, {1970, "1970s"}, {2019, "2010s"}, {2020, "2020s"}, {2031, "2020s"},
	}
	for _, tt := range tests {
		if got := Decade(tt.year); got != tt.want {
			t.Errorf("Decade(%d) = %s, want %s", tt.year, got, tt.want)
		}
	}
}

func TestRate(t *testing.T) {
	b := DefaultBaseRates()
	for _, m := range append(Materials(), "asbestos", "") {
		for _, y := range []int{0, 1900, 1965, 2024} {
			r, mk, dk := b.Rate(m, y)
			if !(r > 0) || math.IsInf(r, 0) {
				t.Fatalf("Rate(%q, %d) = %v", m, y, r)
			}
			if r != b.MaterialRates[mk]*b.DecadeFactors[dk] {
				t.Fatalf("Rate(%q, %d) is not material × decade", m, y)
			}
		}
	}
	if _, mk, _ := b.Rate("asbestos", 1990); mk != MaterialUnknown {
		t.Fatalf("unrecognised material mapped to %s", mk)
	}
}
