package geo_test

import (
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"gasrisk/geo"
)

func TestSubtract(t *testing.T) {
	iv := func(f0, f1 float64) geo.Interval { return geo.Interval{F0: f0, F1: f1} }
	for _, tc := range []struct {
		name     string
		in, cuts []geo.Interval
		min      float64
		want     []geo.Interval
	}{
		{"no cuts", []geo.Interval{iv(0.1, 0.5)}, nil, 0, []geo.Interval{iv(0.1, 0.5)}},
		{"cut in the middle", []geo.Interval{iv(0, 1)}, []geo.Interval{iv(0.4, 0.6)}, 0,
			[]geo.Interval{iv(0, 0.4), iv(0.6, 1)}},
		{"cut covers all", []geo.Interval{iv(0.2, 0.3)}, []geo.Interval{iv(0.1, 0.5)}, 0, nil},
		{"cuts at both ends", []geo.Interval{iv(0, 1)}, []geo.Interval{iv(0.9, 1), iv(0, 0.1)}, 0,
			[]geo.Interval{iv(0.1, 0.9)}},
		{"overlapping cuts", []geo.Interval{iv(0, 1)}, []geo.Interval{iv(0.2, 0.5), iv(0.4, 0.6)}, 0,
			[]geo.Interval{iv(0, 0.2), iv(0.6, 1)}},
		{"remainder under the minimum dropped", []geo.Interval{iv(0, 1)}, []geo.Interval{iv(0.005, 0.5)}, 0.01,
			[]geo.Interval{iv(0.5, 1)}},
		{"unsorted input", []geo.Interval{iv(0.6, 0.8), iv(0, 0.2)}, []geo.Interval{iv(0.1, 0.7)}, 0,
			[]geo.Interval{iv(0, 0.1), iv(0.7, 0.8)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := geo.Subtract(tc.in, tc.cuts, tc.min); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Subtract = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPointIndexWithinWhere(t *testing.T) {
	x := geo.NewPointIndex([]orb.Point{{0, 0}, {5, 0}, {20, 0}}, 10)
	east := func(p orb.Point) bool { return p[0] > 1 }
	for _, tc := range []struct {
		name string
		p    orb.Point
		r    float64
		ok   func(orb.Point) bool
		want bool
	}{
		{"any point near", orb.Point{1, 0}, 1, nil, true},
		{"none near", orb.Point{12, 0}, 2, nil, false},
		{"near but refused", orb.Point{1, 0}, 1, east, false},
		{"a farther one accepted", orb.Point{1, 0}, 4, east, true},
		{"on the radius", orb.Point{15, 0}, 5, east, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := x.WithinWhere(tc.p, tc.r, tc.ok); got != tc.want {
				t.Errorf("WithinWhere(%v, %v) = %v, want %v", tc.p, tc.r, got, tc.want)
			}
		})
	}
}
