package analysis

import (
	"gasrisk/hazard"
	"sort"
)

// Finding kinds that split a pipe into segments: a segment is a maximal
// run of a pipe part over which the same findings hold.
const (
	findOccupied          = "occupied"
	findClearanceBuilding = "clearance_building"
	findClearanceSewer    = "clearance_sewer"
	findClearanceWater    = "clearance_water"
	findSewerCrossing     = "sewer_crossing"
	findThirdParty        = hazard.ThirdParty
)

// event is one finding on a pipe part, over the fractions [F0, F1] of its
// length (0 = start, 1 = end).
type event struct {
	Kind   string
	F0, F1 float64
	Use    string // occupying building's use (occupied, clearance_building)
	// for sewer crossings
	NoDetector  bool
	VerticalGap bool
	Through     bool  // the pipe passes through the sewer
	Exposed     bool  // through, without casing or detector in the sewer
	Ref         int64 // the other feature's gid
}

// piece is one segment of a part: its extent and the events over it.
type piece struct {
	F0, F1 float64
	Events []event
}

// minPieceFraction drops hairs: cuts closer together than this (as a
// fraction of the part) are merged.
const minPieceFraction = 1e-6

// split cuts a part of lengthM metres at every event boundary and merges
// neighbours whose findings are the same, so each piece is a maximal run;
// then the pieces shorter than minM metres (slivers) join a neighbour
// (mergeSlivers) unless the part is one piece; minM 0 keeps them. Events
// are clamped to [0, 1].
func split(events []event, lengthM, minM float64) []piece {
	cuts := []float64{0, 1}
	for i := range events {
		e := &events[i]
		e.F0, e.F1 = clamp01(min(e.F0, e.F1)), clamp01(max(e.F0, e.F1))
		cuts = append(cuts, e.F0, e.F1)
	}
	sort.Float64s(cuts)
	var out []piece
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if b-a < minPieceFraction {
			continue
		}
		p := piece{F0: a, F1: b}
		if n := len(out); n > 0 {
			p.F0 = out[n-1].F1 // over a skipped hair: no gap between pieces
		}
		for _, e := range events {
			if e.F0 <= a+minPieceFraction && e.F1 >= b-minPieceFraction && e.F1-e.F0 >= minPieceFraction {
				p.Events = append(p.Events, e)
			}
		}
		if n := len(out); n > 0 && sameKinds(out[n-1].Events, p.Events) {
			out[n-1].F1 = b
			out[n-1].Events = union(out[n-1].Events, p.Events)
			continue
		}
		out = append(out, p)
	}
	if len(out) > 0 {
		out[0].F0, out[len(out)-1].F1 = 0, 1
	}
	if minM > 0 && lengthM > 0 {
		out = mergeSlivers(out, minM/lengthM)
	}
	return out
}

func clamp01(f float64) float64 { return max(0, min(1, f)) }

// kinds is the set of finding kinds in events, sorted.
func kinds(events []event) []string {
	seen := map[string]bool{}
	var ks []string
	for _, e := range events {
		if !seen[e.Kind] {
			seen[e.Kind] = true
			ks = append(ks, e.Kind)
		}
	}
	sort.Strings(ks)
	return ks
}

func sameKinds(a, b []event) bool {
	ka, kb := kinds(a), kinds(b)
	if len(ka) != len(kb) {
		return false
	}
	for i := range ka {
		if ka[i] != kb[i] {
			return false
		}
	}
	return true
}

// union adds to a the events of b it lacks (same kind and reference).
func union(a, b []event) []event {
	for _, e := range b {
		found := false
		for _, x := range a {
			if x.Kind == e.Kind && x.Ref == e.Ref {
				found = true
				break
			}
		}
		if !found {
			a = append(a, e)
		}
	}
	return a
}
