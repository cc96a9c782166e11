package riskmodel

import (
	"math"
	"testing"
)

func TestPressureMPa(t *testing.T) {
	want := map[string]float64{"LP": 0.01, "MPB": 0.2, "MPA": 0.4, "SHPB": 0.8, "SHPA": 1.6, "HPB": 2.5, "HPA": 4.0}
	for class, mpa := range want {
		t.Run(class, func(t *testing.T) {
			got, ok := PressureMPa(class)
			if !ok || got != mpa {
				t.Fatalf("PressureMPa(%s) = %v, %v; want %v", class, got, ok, mpa)
			}
			// LP's bound (0.01 MPa) is exclusive: 0.01 itself is MPB.
			if back := PressureClass(got); back != class && class != ClassLP {
				t.Fatalf("PressureClass(%v) = %s, want %s", got, back, class)
			}
		})
	}
	if _, ok := PressureMPa("MP"); ok {
		t.Fatal("unknown class accepted")
	}
}

func TestPressureClassBoundaries(t *testing.T) {
	tests := []struct {
		mpa  float64
		want string
	}{
		{0.002, "LP"}, {0.00999, "LP"}, {0.01, "MPB"}, {0.2, "MPB"}, {0.2001, "MPA"}, {0.4, "MPA"},
		{0.41, "SHPB"}, {0.8, "SHPB"}, {0.81, "SHPA"}, {1.6, "SHPA"}, {1.61, "HPB"}, {2.5, "HPB"},
		{2.51, "HPA"}, {4.0, "HPA"}, {6.3, "HPA"}, {0, ""}, {-1, ""}, {math.NaN(), ""},
	}
	for _, tt := range tests {
		if got := PressureClass(tt.mpa); got != tt.want {
			t.Errorf("PressureClass(%v) = %q, want %q", tt.mpa, got, tt.want)
		}
	}
}
