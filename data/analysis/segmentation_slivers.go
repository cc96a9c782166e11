package analysis

import "slices"

// Slivers: pieces of a part shorter than the model's
// detection.min_segment_m (docs/risk-model.md §4, "Dynamic segmentation").

// findingRank orders finding kinds for choosing the neighbour a sliver
// joins: the higher, the worse. A sewer crossing the pipe passes through
// is worse than one without a detector or with too small a vertical gap,
// and those are worse than a compliant one. A kind not in the order ranks
// just above none.
func findingRank(e event) int {
	switch e.Kind {
	case findOccupied:
		return 9
	case findSewerCrossing:
		switch {
		case e.Through:
			return 8
		case e.NoDetector || e.VerticalGap:
			return 7
		}
		return 6
	case findClearanceBuilding:
		return 5
	case findClearanceSewer:
		return 4
	case findClearanceWater:
		return 3
	case findThirdParty:
		return 2
	}
	return 1
}

// severity is the distinct ranks of a piece's findings, worst first;
// pieces compare by their worst finding, then the next, and so on (more
// findings beat fewer).
func severity(p piece) []int {
	var rs []int
	for _, e := range p.Events {
		if r := findingRank(e); !slices.Contains(rs, r) {
			rs = append(rs, r)
		}
	}
	slices.Sort(rs)
	slices.Reverse(rs)
	return rs
}

func (p piece) width() float64 { return p.F1 - p.F0 }

// sliverSlack makes a piece grown to the minimum longer by a relative
// 1e-9, so that rounding never leaves it a hair short of the minimum;
// and a piece short of it by no more than that is no sliver.
const sliverSlack = 1e-9

// isSliver reports whether p is narrower than minF.
func isSliver(p piece, minF float64) bool { return p.width() < minF*(1-sliverSlack) }

// mergeSlivers removes the pieces narrower than minF (the minimum segment
// as a fraction of the part) from the maximal runs ps, the narrowest
// first, until none is left or one piece covers the part. A sliver goes
// to its neighbour with the worse findings (by severity; tie → the wider,
// then the one before):
//   - when that neighbour has every finding kind of the sliver, or is too
//     short to give up what the sliver lacks and stay at the minimum, the
//     two become one piece with the events of both;
//   - otherwise the sliver takes from it just enough to reach the minimum:
//     the piece it makes carries the events of both, the neighbour keeps
//     the rest (a finding of the sliver does not spread over a long
//     neighbour).
//
// Neighbours left with the same kinds merge, so the pieces stay maximal
// runs. No event is lost: each stays on every piece over its extent. A
// finding spreads by less than minF for one sliver (less than 2·minF where
// the neighbour was too short to give); over a run of slivers these add.
func mergeSlivers(ps []piece, minF float64) []piece {
	for len(ps) > 1 {
		i := -1
		for k, p := range ps {
			if isSliver(p, minF) && (i < 0 || p.width() < ps[i].width()) {
				i = k
			}
		}
		if i < 0 {
			break
		}
		j := worseNeighbour(ps, i)
		s, nb := ps[i], ps[j]
		need := minF*(1+sliverSlack) - s.width()
		if subset(kinds(s.Events), kinds(nb.Events)) || nb.width()-need < minF {
			nb.F0, nb.F1 = min(nb.F0, s.F0), max(nb.F1, s.F1)
			nb.Events = union(nb.Events, s.Events)
			ps[j] = nb
			ps = slices.Delete(ps, i, i+1)
			ps = coalesce(ps, min(i, j))
			continue
		}
		grown := piece{F0: s.F0, F1: s.F1, Events: union(slices.Clone(s.Events), nb.Events)}
		if j < i {
			grown.F0 = s.F1 - minF*(1+sliverSlack)
			nb.F1 = grown.F0
		} else {
			grown.F1 = s.F0 + minF*(1+sliverSlack)
			nb.F0 = grown.F1
		}
		ps[i], ps[j] = grown, nb
		ps = coalesce(ps, i)
	}
	return ps
}

// worseNeighbour is the index of the neighbour sliver i joins.
func worseNeighbour(ps []piece, i int) int {
	switch {
	case i == 0:
		return 1
	case i == len(ps)-1:
		return i - 1
	}
	a, b := ps[i-1], ps[i+1]
	if c := slices.Compare(severity(a), severity(b)); c != 0 {
		if c > 0 {
			return i - 1
		}
		return i + 1
	}
	if b.width() > a.width() {
		return i + 1
	}
	return i - 1
}

// coalesce merges piece i with its neighbours where they have the same
// finding kinds.
func coalesce(ps []piece, i int) []piece {
	if i+1 < len(ps) && sameKinds(ps[i].Events, ps[i+1].Events) {
		ps[i].F1 = ps[i+1].F1
		ps[i].Events = union(ps[i].Events, ps[i+1].Events)
		ps = slices.Delete(ps, i+1, i+2)
	}
	if i > 0 && sameKinds(ps[i-1].Events, ps[i].Events) {
		ps[i-1].F1 = ps[i].F1
		ps[i-1].Events = union(ps[i-1].Events, ps[i].Events)
		ps = slices.Delete(ps, i, i+1)
	}
	return ps
}

// subset reports whether every string of a (sorted) is in b.
func subset(a, b []string) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}
