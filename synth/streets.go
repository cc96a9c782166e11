package synth

import (
	"math"
	"math/rand/v2"
)

// street is one edge of the street network with what runs along it: the
// gas pipe on one side of the centreline, maybe a sewer or water main and a
// lateral crossing the street, and what the edge plans for its
// surroundings (a building built too close, a station).
type street struct {
	ok    bool
	kind  edgeKind
	i, j  int
	class roadClass

	centre  []vec
	side    float64 // +1: the pipe lies left of the centreline, -1: right
	pipeOff float64 // distance of the pipe from the centreline, m
	pipe    []vec
	pipeAttrs
	clearance float64 // ordinary buildings keep this far from the pipe

	sewerOff     float64 // signed offset of the sewer main
	sewer        []vec   // empty: no sewer main
	sewerAttrs   sewerAttrs
	lateral      []vec // empty: no lateral
	lateralAttrs sewerAttrs
	detector     detectorRec
	hasDetector  bool

	intent     intent
	station    stationRec
	hasStation bool
	box        bbox
}

func (st *street) reset(k edgeKind, i, j int) {
	*st = street{
		kind: k, i: i, j: j,
		centre:  st.centre[:0],
		pipe:    st.pipe[:0],
		sewer:   st.sewer[:0],
		lateral: st.lateral[:0],
	}
}

// buildStreet lays out edge (k, i, j) and everything along it. It is a pure
// function of the plan and the edge, so any edge can be rebuilt alike.
func (g *gen) buildStreet(st *street, k edgeKind, i, j int) {
	st.reset(k, i, j)
	p := g.p
	if !p.exists(k, i, j) {
		return
	}
	ia, ja, ib, jb := ends(k, i, j)
	a, _ := p.node(ia, ja)
	b, _ := p.node(ib, jb)
	r := g.edgeRS.at(p.seed, tagEdge+uint64(k), i-p.ax.c, j-p.ay.c)
	st.ok, st.class = true, p.class(k, i, j)
	st.centre = centreline(r, st.centre, a, b)
	g.layPipe(r, st)
	st.condition = assessCondition(g.condRS.at(p.seed, tagCondition+uint64(k), i-p.ax.c, j-p.ay.c), st.material, st.year)
	g.laySewer(r, st)
	planIntent(r, st)
	g.planStation(r, st)
	st.box = emptyBox()
	st.box.extend(st.centre...)
	st.box.extend(st.pipe...)
	st.box.extend(st.sewer...)
	st.box.extend(st.lateral...)
}

// centreline appends a street centreline from a to b: 2–6 vertices with a
// gentle bow and a little wiggle, segments no shorter than about 15 m.
func centreline(r *rand.Rand, dst []vec, a, b vec) []vec {
	d := b.sub(a)
	l := d.norm()
	n := between(r, 2, 6)
	n = max(2, min(n, 1+int(l/15)))
	bow := uniform(r, -1, 1) * math.Min(3, 0.02*l)
	nrm := d.mul(1 / l).perp()
	dst = append(dst, a)
	for k := 1; k < n-1; k++ {
		t := (float64(k) + uniform(r, -0.15, 0.15)) / float64(n-1)
		off := bow*math.Sin(math.Pi*t) + uniform(r, -0.4, 0.4)
		dst = append(dst, a.add(d.mul(t)).add(nrm.mul(off)))
	}
	return append(dst, b)
}

// window keeps the three edge rows around the grid row being written, so
// that blocks and intersections can see all their neighbouring streets.
type window struct {
	rows  [3]edgeRow
	valid [3]bool
}

// edgeRow is edge row k with the stations at the nodes of grid row k.
type edgeRow struct {
	k        int
	h, v     []street
	d        [2]street // the diagonal cells of kinds edgeD1 and edgeD2
	stations []stationRec
}

func (w *window) row(k int) *edgeRow {
	s := ((k % 3) + 3) % 3
	if !w.valid[s] || w.rows[s].k != k {
		return nil
	}
	return &w.rows[s]
}

// advance makes edge rows j-1, j and j+1 available.
func (g *gen) advance(j int) {
	for k := j - 1; k <= j+1; k++ {
		if k < 0 || k >= g.p.ny || g.win.row(k) != nil {
			continue
		}
		s := ((k % 3) + 3) % 3
		g.buildRow(&g.win.rows[s], k)
		g.win.valid[s] = true
	}
}

func (g *gen) buildRow(row *edgeRow, k int) {
	p := g.p
	row.k = k
	for len(row.h) < p.nx {
		row.h = append(row.h, street{})
		row.v = append(row.v, street{})
	}
	for i := range p.nx {
		g.buildStreet(&row.h[i], edgeH, i, k)
		g.buildStreet(&row.v[i], edgeV, i, k)
	}
	for n, kind := range [2]edgeKind{edgeD1, edgeD2} {
		g.buildStreet(&row.d[n], kind, p.diagColumn(kind, k), k)
	}
	row.stations = row.stations[:0]
	for i := range p.nx {
		if s, ok := g.nodeStation(i, k); ok {
			row.stations = append(row.stations, s)
		}
	}
}

// street returns edge (k, i, j) if it is in the window and built.
func (g *gen) street(k edgeKind, i, j int) *street {
	row := g.win.row(j)
	if row == nil || i < 0 || i >= g.p.nx {
		return nil
	}
	var s *street
	switch k {
	case edgeH:
		s = &row.h[i]
	case edgeV:
		s = &row.v[i]
	default:
		s = &row.d[k-edgeD1]
		if s.i != i {
			return nil
		}
	}
	if !s.ok {
		return nil
	}
	return s
}
