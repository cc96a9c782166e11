package phmsa

import (
	"math"
	"reflect"
	"testing"
)

func TestAntitonic(t *testing.T) {
	tests := []struct {
		name string
		v, w []float64
		want []float64
	}{
		{"already decreasing", []float64{3, 2, 1}, []float64{1, 1, 1}, []float64{3, 2, 1}},
		{"pool the tail", []float64{3, 1, 2}, []float64{1, 1, 1}, []float64{3, 1.5, 1.5}},
		{"weighted pool", []float64{1, 4}, []float64{3, 1}, []float64{1.75, 1.75}},
		{"cascade", []float64{2, 1, 0.5, 5}, []float64{1, 1, 1, 1}, []float64{2.125, 2.125, 2.125, 2.125}},
		{"zero weight takes older", []float64{3, 9, 1}, []float64{1, 0, 1}, []float64{3, 3, 1}},
		{"zero weight first takes newer", []float64{9, 2, 1}, []float64{0, 1, 1}, []float64{2, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := antitonic(tt.v, tt.w); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("antitonic(%v, %v) = %v, want %v", tt.v, tt.w, got, tt.want)
			}
		})
	}
}

// A grid generated exactly from a·b·e with decreasing b is recovered.
func TestFitRecoversExactModel(t *testing.T) {
	a := []float64{4, 1, 2, 0, 0, 0, 0}
	b := []float64{3, 2.5, 2, 1.5, 1.2, 1, 0.9, 0.8, 0.8, 0.7, 1.4}
	e, n := newGrid(), newGrid()
	for i := range a {
		for j := range b {
			if i < 3 {
				e[i][j] = float64(100 * (i + j + 1))
			}
			n[i][j] = a[i] * b[j] * e[i][j]
		}
	}
	ga, gb := fitMainEffects(e, n, orderedDecades())
	for i := range a {
		for j := range b {
			if got, want := ga[i]*gb[j], a[i]*b[j]; math.Abs(got-want) > 1e-9*math.Max(1, want) {
				t.Fatalf("cell %d,%d: %v, want %v", i, j, got, want)
			}
		}
	}
}

// An increasing decade trend is flattened to a constant.
func TestFitIsOrderRestricted(t *testing.T) {
	e, n := newGrid(), newGrid()
	for j := range e[0] {
		e[0][j] = 1000
		n[0][j] = float64(j + 1)
	}
	_, b := fitMainEffects(e, n, orderedDecades())
	for _, k := range orderedDecades()[1:] {
		if b[k] > b[k-1]+1e-12 {
			t.Fatalf("factor rises: %v", b)
		}
	}
}

func TestPoissonLinear(t *testing.T) {
	lam := []float64{2, 0.5}
	x := [][]float64{{10, 0}, {0, 10}, {5, 5}, {1, 9}}
	y := make([]float64, len(x))
	for r := range x {
		y[r] = dot(lam, x[r])
	}
	got := poissonLinear(y, x)
	for k := range lam {
		if math.Abs(got[k]-lam[k]) > 1e-6 {
			t.Fatalf("λ = %v, want %v", got, lam)
		}
	}
}
