package synth

import "math"

// A gas network is connected where its pipes meet: at a street node the
// in-service pipes of one pressure class are joined by short stubs from
// their ends to a junction of that class beside the node (a tee at the
// intersection; each class its own junction, 1.2 m from the node's
// centre, so that systems of different pressure cross without meeting).
// At a node with a station every in-service pipe is joined: the station,
// within a few metres of the junctions, connects the systems it
// regulates. Abandoned pipes are cut off.

// nodeOf returns the grid node at the start or end of the street.
func nodeOf(st *street, start bool) (int, int) {
	ia, ja, ib, jb := ends(st.kind, st.i, st.j)
	if start {
		return ia, ja
	}
	return ib, jb
}

// joins reports whether the end of e's street at node (i, j) is joined to
// the node, and how many pipe ends are joined there in all.
func (g *gen) joins(e endRef, i, j int) (bool, int) {
	g.inc = g.incident(g.inc[:0], i, j)
	station := g.p.nodeStationKind(i, j) != ""
	joined := func(a *street) bool {
		if a.status != "in_service" {
			return false
		}
		if station {
			return true
		}
		for _, c := range g.inc {
			if c.st != a && c.st.status == "in_service" && c.st.pressure == a.pressure {
				return true
			}
		}
		return false
	}
	n, self := 0, false
	for _, c := range g.inc {
		if joined(c.st) {
			n++
			if c.st == e.st {
				self = true
			}
		}
	}
	return self, n
}

// majorNode reports whether a ring, spoke or arterial road meets at node
// (i, j): crossing it is a major crossing, with valves on both sides.
func (g *gen) majorNode(i, j int) bool {
	g.inc = g.incident(g.inc[:0], i, j)
	for _, c := range g.inc {
		if c.st.class != roadLocal {
			return true
		}
	}
	return false
}

// pipeLine copies the street's pipe into the batch, with the stubs that
// join its ends to their nodes in a connected city, and records the valves
// along it (where a utility would put them in either city).
func (g *gen) pipeLine(st *street, b *batch) span {
	a := len(b.pts)
	var ends [2]nodeEnd
	for n, start := range [2]bool{true, false} {
		i, j := nodeOf(st, start)
		ends[n].i, ends[n].j = i, j
		ends[n].joined, ends[n].degree = g.joins(endRef{st, start}, i, j)
	}
	if ends[0].joined && g.p.connected {
		pos, _ := g.p.node(ends[0].i, ends[0].j)
		b.pts = append(b.pts, pos.add(classJunction(st.pressure)))
	}
	b.pts = append(b.pts, st.pipe...)
	if ends[1].joined && g.p.connected {
		pos, _ := g.p.node(ends[1].i, ends[1].j)
		b.pts = append(b.pts, pos.add(classJunction(st.pressure)))
	}
	g.streetValves(st, ends, b)
	return span{a, len(b.pts)}
}

// nodeEnd is a pipe's end at a grid node.
type nodeEnd struct {
	i, j   int
	joined bool
	degree int // pipe ends joined at the node
}

// classJunction is where the pipes of pressure class pc meet at a node,
// relative to its centre: 1.2 m out, at an angle of its own per class
// (neighbouring classes' junctions are 1.04 m apart, twice the snapping
// tolerance of network.DefaultOptions).
func classJunction(pc string) vec {
	k := 0
	for i, c := range [...]string{"LP", "MPB", "MPA", "SHPB", "SHPA", "HPB", "HPA"} {
		if c == pc {
			k = i
		}
	}
	return polar(1.2, 2*math.Pi*float64(k)/7)
}
