package riskmodel

import (
	"math"
	"testing"
)

func TestImpactRadius(t *testing.T) {
	c := DefaultConfig()
	tests := []struct {
		name   string
		d, p   float64
		want   float64
		within float64
	}{
		{"HPA DN500 (ASME: 0.69·19.7in·√580psi ≈ 327 ft)", 500, 4.0, 99.7, 0.05},
		{"SHPA DN300", 300, 1.6, 0.0997 * 300 * math.Sqrt(1.6), 1e-9},
		{"MPA DN400", 400, 0.4, 0.0997 * 400 * math.Sqrt(0.4), 1e-9},
		{"LP DN100 floored", 100, 0.01, 10, 0},
		{"MPB DN100 floored", 100, 0.2, 10, 0},
		{"zero diameter", 0, 1.6, 10, 0},
		{"zero pressure", 300, 0, 10, 0},
		{"NaN", math.NaN(), 0.4, 10, 0},
		{"Inf", 300, math.Inf(1), 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.ImpactRadius(tt.d, tt.p); math.Abs(got-tt.want) > tt.within {
				t.Fatalf("ImpactRadius(%v, %v) = %v, want %v", tt.d, tt.p, got, tt.want)
			}
		})
	}
	// Imperial check: 0.69 ft/(in·√psi) → 0.0997 m/(mm·√MPa).
	si := 0.69 * 0.3048 / 25.4 * math.Sqrt(1/0.00689476)
	if math.Abs(si-0.0997) > 0.0001 {
		t.Fatalf("unit conversion gives %v", si)
	}
	c.Consequence.MinImpactRadiusM = 8
	if got := c.ImpactRadius(100, 0.01); got != 8 {
		t.Fatalf("configured floor not used: %v", got)
	}
}
