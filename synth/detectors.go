package synth

import (
	"math"
	"math/rand/v2"
)

// detectorShare is the share of gas/sewer crossings with a leak detector.
const detectorShare = 0.4

// detectorIn puts a leak detector in the sewer, 0.5–3 m from the crossing
// x along the sewer's direction along (in the nearest manhole, as cities
// watch the sewers at gas crossings).
func detectorIn(r *rand.Rand, x, along vec) detectorRec {
	d, side := uniform(r, 0.5, 3), uniform(r, 0, 2*math.Pi)
	if math.Cos(side) < 0 {
		d = -d
	}
	return detectorRec{at: x.add(along.unit().mul(d)), year: between(r, 2012, 2025)}
}

// endRef is a street seen from one of its end nodes.
type endRef struct {
	st    *street
	start bool // the street starts (rather than ends) at the node
}

// seg returns the segment of line (the street's pipe or sewer) at the node.
func (e endRef) seg(line []vec) (vec, vec) {
	if e.start {
		return line[0], line[1]
	}
	n := len(line)
	return line[n-1], line[n-2]
}

// incident appends the built streets that meet at node (i, j).
func (g *gen) incident(dst []endRef, i, j int) []endRef {
	for _, e := range [...]struct {
		k     edgeKind
		di    int
		dj    int
		start bool
	}{
		{edgeH, 0, 0, true}, {edgeH, -1, 0, false},
		{edgeV, 0, 0, true}, {edgeV, 0, -1, false},
		{edgeD1, 0, 0, true}, {edgeD1, -1, -1, false},
		{edgeD2, -1, 0, true}, {edgeD2, 0, -1, false},
	} {
		if s := g.street(e.k, i+e.di, j+e.dj); s != nil {
			dst = append(dst, endRef{s, e.start})
		}
	}
	return dst
}

// nodeDetectors finds where the gas pipes and sewers of the streets meeting
// at node (i, j) cross each other, and puts leak detectors at some of them.
func (g *gen) nodeDetectors(i, j int, b *batch) {
	if _, in := g.p.node(i, j); !in {
		return
	}
	g.inc = g.incident(g.inc[:0], i, j)
	var r *rand.Rand
	for _, a := range g.inc {
		p0, p1 := a.seg(a.st.pipe)
		for _, c := range g.inc {
			if c.st == a.st || len(c.st.sewer) == 0 {
				continue
			}
			s0, s1 := c.seg(c.st.sewer)
			x, ok := segCross(p0, p1, s0, s1)
			if !ok {
				continue
			}
			if r == nil {
				r = g.nodeRS.at(g.p.seed, tagCrossing, i-g.p.ax.c, j-g.p.ay.c)
			}
			if chance(r, detectorShare) {
				b.detectors = append(b.detectors, detectorIn(r, x, s1.sub(s0)))
			}
		}
	}
}
