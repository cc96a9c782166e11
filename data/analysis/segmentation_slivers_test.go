package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSplitSlivers: no piece shorter than the minimum unless the part is
// one piece; a sliver joins the neighbour with the worse findings.
func TestSplitSlivers(t *testing.T) {
	ev := func(kind string, f0, f1 float64, ref int64) event { return event{Kind: kind, F0: f0, F1: f1, Ref: ref} }
	occ := func(f0, f1 float64, ref int64) event { return ev(findOccupied, f0, f1, ref) }
	clr := func(f0, f1 float64, ref int64) event { return ev(findClearanceBuilding, f0, f1, ref) }
	type span struct {
		f0, f1 float64
		kinds  []string
	}
	const grown = 1 + sliverSlack // a piece grown to the minimum
	tests := []struct {
		name    string
		lengthM float64
		minM    float64
		events  []event
		want    []span
	}{
		{"0.4 m clean piece between occupied and clearance joins the occupied", 100, 1,
			[]event{occ(0.2, 0.3, 1), clr(0.304, 0.4, 2)},
			[]span{{0, 0.2, nil}, {0.2, 0.304, []string{"occupied"}}, {0.304, 0.4, []string{"clearance_building"}}, {0.4, 1, nil}}},
		{"the same with the minimum off", 100, 0,
			[]event{occ(0.2, 0.3, 1), clr(0.304, 0.4, 2)},
			[]span{{0, 0.2, nil}, {0.2, 0.3, []string{"occupied"}}, {0.3, 0.304, nil},
				{0.304, 0.4, []string{"clearance_building"}}, {0.4, 1, nil}}},
		{"0.6 m pipe stays one segment", 0.6, 1,
			[]event{occ(0.2, 0.5, 1)},
			[]span{{0, 1, []string{"occupied"}}}},
		{"0.6 m pipe with two findings: one segment with both", 0.6, 1,
			[]event{occ(0, 0.3, 1), clr(0.3, 1, 2)},
			[]span{{0, 1, []string{"clearance_building", "occupied"}}}},
		{"0.3 m occupied corner in a clearance stretch takes 0.7 m from the wider side", 100, 1,
			[]event{clr(0.4, 0.5, 1), occ(0.45, 0.453, 2)},
			[]span{{0, 0.4, nil}, {0.4, 0.453 - 0.01*grown, []string{"clearance_building"}},
				{0.453 - 0.01*grown, 0.453, []string{"clearance_building", "occupied"}},
				{0.453, 0.5, []string{"clearance_building"}}, {0.5, 1, nil}}},
		{"0.4 m gap between two stretches of one finding closes", 100, 1,
			[]event{occ(0.2, 0.3, 1), occ(0.304, 0.4, 2)},
			[]span{{0, 0.2, nil}, {0.2, 0.4, []string{"occupied"}}, {0.4, 1, nil}}},
		{"two adjacent slivers", 100, 1,
			// occupied 0.3 m, clearance 0.5 m: the occupied sliver joins the
			// clearance one (worse than clean, too short to give 0.7 m);
			// the 0.8 m they make takes 0.2 m from the wider clean side.
			[]event{occ(0.5, 0.503, 1), clr(0.503, 0.508, 2)},
			[]span{{0, 0.508 - 0.01*grown, nil}, {0.508 - 0.01*grown, 0.508, []string{"clearance_building", "occupied"}}, {0.508, 1, nil}}},
		{"occupied sliver at the start takes from its clean neighbour", 100, 1,
			[]event{occ(0, 0.005, 1)},
			[]span{{0, 0.01 * grown, []string{"occupied"}}, {0.01 * grown, 1, nil}}},
		{"clean sliver at the end joins the occupied piece", 100, 1,
			[]event{occ(0, 0.995, 1)},
			[]span{{0, 1, []string{"occupied"}}}},
		{"clearance sliver at the end takes 0.6 m from the occupied piece", 100, 1,
			[]event{occ(0.9, 0.996, 1), clr(0.996, 1, 2)},
			[]span{{0, 0.9, nil}, {0.9, 1 - 0.01*grown, []string{"occupied"}},
				{1 - 0.01*grown, 1, []string{"clearance_building", "occupied"}}}},
		{"a crossing without detector is worse than a building clearance", 100, 1,
			[]event{clr(0.2, 0.5, 1), {Kind: findSewerCrossing, F0: 0.504, F1: 0.6, Ref: 2, NoDetector: true}},
			[]span{{0, 0.2, nil}, {0.2, 0.5, []string{"clearance_building"}}, {0.5, 0.6, []string{"sewer_crossing"}}, {0.6, 1, nil}}},
		{"a clean sliver joins the worse neighbour, though shorter", 100, 1,
			// the 0.4 m gap goes to the 0.6 m occupied piece, not the 10 m clearance
			[]event{ev(findClearanceWater, 0.1, 0.2, 1), occ(0.204, 0.21, 2)},
			[]span{{0, 0.1, nil}, {0.1, 0.2, []string{"clearance_water"}}, {0.2, 0.21, []string{"occupied"}}, {0.21, 1, nil}}},
		{"tie in findings: the wider neighbour", 100, 1,
			[]event{occ(0.3, 0.303, 1)},
			[]span{{0, 0.3, nil}, {0.3, 0.3 + 0.01*grown, []string{"occupied"}}, {0.3 + 0.01*grown, 1, nil}}},
	}
	const eps = 1e-12
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.events)
			ps := split(tt.events, tt.lengthM, tt.minM)
			var got []span
			for _, p := range ps {
				got = append(got, span{p.F0, p.F1, kinds(p.Events)})
			}
			same := len(got) == len(tt.want)
			for i := 0; same && i < len(got); i++ {
				g, w := got[i], tt.want[i]
				same = math.Abs(g.f0-w.f0) < eps && math.Abs(g.f1-w.f1) < eps && slices.Equal(g.kinds, w.kinds)
			}
			if !same {
				t.Errorf("split = %v\nwant    %v", got, tt.want)
			}
			if err := checkPieces(in, ps, tt.lengthM, tt.minM, 2*tt.minM); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestSplitSliversRandom checks the rules of checkPieces on random parts.
func TestSplitSliversRandom(t *testing.T) {
	kindsOf := []string{findOccupied, findSewerCrossing, findClearanceBuilding, findClearanceSewer, findClearanceWater, findThirdParty}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		lengthM := []float64{0.5, 1, 3, 10, 100, 2000}[rng.IntN(6)] * (0.5 + rng.Float64())
		minM := []float64{0, 1, 1, 1, 2.5}[rng.IntN(5)]
		var evs []event
		for i := rng.IntN(8); i > 0; i-- {
			// fractions on a 1e-4 grid: no event narrower than minPieceFraction
			f0 := float64(rng.IntN(10000)) / 10000
			f1 := min(1, f0+float64(1+rng.IntN([]int{30, 300, 3000}[rng.IntN(3)]))/10000)
			evs = append(evs, event{Kind: kindsOf[rng.IntN(len(kindsOf))], F0: f0, F1: f1, Ref: int64(rng.IntN(4)),
				NoDetector: rng.IntN(2) == 0})
		}
		in := slices.Clone(evs)
		slivers := 0
		if minM > 0 {
			for _, p := range split(slices.Clone(evs), lengthM, 0) {
				if isSliver(p, minM/lengthM) {
					slivers++
				}
			}
		}
		spread := math.Inf(1) // in a run of slivers, spreads add up
		if slivers <= 1 {
			spread = 2 * minM
		}
		if err := checkPieces(in, split(evs, lengthM, minM), lengthM, minM, spread); err != nil {
			t.Fatalf("%v m, min %v m, events %+v: %v", lengthM, minM, in, err)
		}
	}
}

// checkPieces checks split's output ps for the events evs on a part of
// lengthM metres with the minimum minM:
//   - the pieces cover [0, 1] contiguously;
//   - neighbours differ in finding kinds (maximal runs);
//   - none is shorter than minM unless it is the only one;
//   - every event is on every piece that overlaps it (no finding lost);
//   - a piece with a finding kind lies within spreadM metres of where that
//     kind was found (one sliver spreads a finding by less than 2·minM).
func checkPieces(evs []event, ps []piece, lengthM, minM, spreadM float64) error {
	if len(ps) == 0 || ps[0].F0 != 0 || ps[len(ps)-1].F1 != 1 {
		return fmt.Errorf("pieces %v do not cover [0, 1]", ps)
	}
	minF := minM / lengthM
	for i, p := range ps {
		if !(p.F1 > p.F0) {
			return fmt.Errorf("piece %d empty: %v", i, p)
		}
		if i > 0 && ps[i-1].F1 != p.F0 {
			return fmt.Errorf("gap or overlap between pieces %d and %d: %v", i-1, i, ps)
		}
		if i > 0 && sameKinds(ps[i-1].Events, p.Events) {
			return fmt.Errorf("pieces %d and %d have the same kinds: %v", i-1, i, ps)
		}
		if len(ps) > 1 && isSliver(p, minF) {
			return fmt.Errorf("piece %d is %.3f m, under the minimum %v m: %v", i, p.width()*lengthM, minM, ps)
		}
	}
	for _, e := range evs {
		f0, f1 := clamp01(min(e.F0, e.F1)), clamp01(max(e.F0, e.F1))
		for i, p := range ps {
			if min(f1, p.F1)-max(f0, p.F0) > 1e-9 && !slices.ContainsFunc(p.Events, func(x event) bool { return x.Kind == e.Kind && x.Ref == e.Ref }) {
				return fmt.Errorf("piece %d %v lacks event %+v", i, p, e)
			}
		}
	}
	for i, p := range ps {
		for _, k := range kinds(p.Events) {
			// the piece minus the kind's stretches widened by spreadM must be empty
			d := spreadM/lengthM + 1e-9
			var near [][2]float64
			for _, e := range evs {
				if e.Kind == k {
					near = append(near, [2]float64{min(e.F0, e.F1) - d, max(e.F0, e.F1) + d})
				}
			}
			slices.SortFunc(near, func(a, b [2]float64) int { return cmpFloat(a[0], b[0]) })
			at := p.F0
			for _, iv := range near {
				if iv[0] > at {
					break
				}
				at = max(at, iv[1])
			}
			if at < p.F1 {
				return fmt.Errorf("piece %d %v: %s spread %.3f m beyond %v m", i, p, k, (p.F1-at)*lengthM, spreadM)
			}
		}
	}
	return nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
