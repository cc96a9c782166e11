package analysis

import (
	"fmt"
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	occ := func(f0, f1 float64, ref int64) event { return event{Kind: findOccupied, F0: f0, F1: f1, Ref: ref} }
	clr := func(f0, f1 float64, ref int64) event {
		return event{Kind: findClearanceBuilding, F0: f0, F1: f1, Ref: ref}
	}
	type span struct {
		f0, f1 float64
		kinds  []string
	}
	tests := []struct {
		name   string
		events []event
		want   []span
	}{
		{"no events: one piece", nil, []span{{0, 1, nil}}},
		{"20 m occupied inside 2 km", []event{occ(0.50, 0.51, 1)},
			[]span{{0, 0.50, nil}, {0.50, 0.51, []string{"occupied"}}, {0.51, 1, nil}}},
		{"reversed fractions", []event{occ(0.51, 0.50, 1)},
			[]span{{0, 0.50, nil}, {0.50, 0.51, []string{"occupied"}}, {0.51, 1, nil}}},
		{"two buildings side by side merge", []event{occ(0.2, 0.3, 1), occ(0.3, 0.4, 2)},
			[]span{{0, 0.2, nil}, {0.2, 0.4, []string{"occupied"}}, {0.4, 1, nil}}},
		{"overlapping kinds nest", []event{clr(0.1, 0.5, 1), occ(0.2, 0.3, 1)},
			[]span{{0, 0.1, nil}, {0.1, 0.2, []string{"clearance_building"}},
				{0.2, 0.3, []string{"clearance_building", "occupied"}}, {0.3, 0.5, []string{"clearance_building"}}, {0.5, 1, nil}}},
		{"whole part", []event{occ(-0.1, 1.2, 1)}, []span{{0, 1, []string{"occupied"}}}},
		{"sliver ignored", []event{occ(0.5, 0.5+1e-9, 1)}, []span{{0, 1, nil}}},
		{"no gap over a hair between two findings", []event{occ(0.2, 0.3, 1), clr(0.3+5e-7, 0.4, 2)},
			[]span{{0, 0.2, nil}, {0.2, 0.3, []string{"occupied"}}, {0.3, 0.4, []string{"clearance_building"}}, {0.4, 1, nil}}},
	}
	for _, tt := range tests {
		// on a 2 km part no piece is a sliver: the minimum changes nothing
		for _, minM := range []float64{0, 1} {
			t.Run(fmt.Sprintf("%s, min %v m", tt.name, minM), func(t *testing.T) {
				var got []span
				for _, p := range split(tt.events, 2000, minM) {
					got = append(got, span{p.F0, p.F1, kinds(p.Events)})
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("split = %v\nwant    %v", got, tt.want)
				}
			})
		}
	}
}
