package synth

// A gas network is connected where its pipes meet: at a street node the
// in-service pipes of one pressure class are joined by short stubs from
// their ends to the node (a tee at the intersection), and at a node with a
// station every pipe is joined (the station connects the pressure systems
// it regulates). Pipes of different classes otherwise cross without
// meeting, and abandoned pipes are cut off.

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
// join its ends to their nodes, and records the valves along it.
func (g *gen) pipeLine(st *street, b *batch) span {
	a := len(b.pts)
	var ends [2]nodeEnd
	for n, start := range [2]bool{true, false} {
		i, j := nodeOf(st, start)
		ends[n].i, ends[n].j = i, j
		ends[n].joined, ends[n].degree = g.joins(endRef{st, start}, i, j)
	}
	if ends[0].joined {
		pos, _ := g.p.node(ends[0].i, ends[0].j)
		b.pts = append(b.pts, pos)
	}
	b.pts = append(b.pts, st.pipe...)
	if ends[1].joined {
		pos, _ := g.p.node(ends[1].i, ends[1].j)
		b.pts = append(b.pts, pos)
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
