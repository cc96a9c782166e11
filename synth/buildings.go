package synth

import (
	"math"
	"math/rand/v2"
)

// Building rules, metres.
const (
	minSetback     = 5.0  // from street centrelines
	maxSetback     = 15.0 // for ordinary frontage
	buildingGap    = 3.0  // between buildings
	stationSpacing = 10.0 // ordinary buildings keep this far from stations
)

// front is one side of a street seen from a block.
type front struct {
	st   *street
	sign float64 // +1: the block lies left of the street's direction
}

// blockCtx is the scratch state for filling one block with buildings.
type blockCtx struct {
	quad     [4]vec // corners, counter-clockwise
	fronts   []front
	near     []*street
	stations []vec
	placed   []buildingRec
}

// buildBlock fills block (i, j) — the cell between grid nodes (i, j) and
// (i+1, j+1) — with buildings along its streets, then writes them and the
// dense-occupancy places among them to b.
func (g *gen) buildBlock(i, j int, b *batch) {
	blk := &g.blk
	for n, c := range [4][2]int{{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}} {
		pos, in := g.p.node(c[0], c[1])
		if !in {
			return
		}
		blk.quad[n] = pos
	}
	g.collectFronts(blk, i, j)
	if len(blk.fronts) == 0 {
		return
	}
	g.collectNear(blk, i, j)
	blk.placed = blk.placed[:0]
	for _, f := range blk.fronts {
		if f.st.intent.kind != intentNone && f.sign == f.st.side {
			g.placeIntent(blk, f)
		}
	}
	r := g.blockRS.at(g.p.seed, tagBlock, i-g.p.ax.c, j-g.p.ay.c)
	c := blk.quad[0].add(blk.quad[2]).mul(0.5)
	z := g.p.zoneAt(c, 0)
	for _, f := range blk.fronts {
		g.placeFrontage(r, blk, f, z)
	}
	cr := g.custRS.at(g.p.seed, tagCustomer, i-g.p.ax.c, j-g.p.ay.c)
	for k := range blk.placed {
		blk.placed[k].customer = customerFor(cr, blk.placed[k].use, blk.placed[k].floors)
		b.buildings = append(b.buildings, blk.placed[k])
		g.maybePlace(r, &blk.placed[k], b)
	}
}

// collectFronts lists the built streets around the block and the side of
// each the block lies on; a diagonal through the block counts twice.
func (g *gen) collectFronts(blk *blockCtx, i, j int) {
	blk.fronts = blk.fronts[:0]
	add := func(s *street, sign float64) {
		if s != nil {
			blk.fronts = append(blk.fronts, front{s, sign})
		}
	}
	add(g.street(edgeH, i, j), 1)
	add(g.street(edgeV, i+1, j), 1)
	add(g.street(edgeH, i, j+1), -1)
	add(g.street(edgeV, i, j), -1)
	for _, k := range [2]edgeKind{edgeD1, edgeD2} {
		if d := g.street(k, i, j); d != nil {
			add(d, 1)
			add(d, -1)
		}
	}
}

// collectNear lists every street and station that a building in block
// (i, j) could come near.
func (g *gen) collectNear(blk *blockCtx, i, j int) {
	blk.near, blk.stations = blk.near[:0], blk.stations[:0]
	for jj := j - 1; jj <= j+1; jj++ {
		for ii := i - 1; ii <= i+1; ii++ {
			for _, k := range [...]edgeKind{edgeH, edgeV, edgeD1, edgeD2} {
				if s := g.street(k, ii, jj); s != nil {
					blk.near = append(blk.near, s)
					if s.hasStation && !s.station.near {
						blk.stations = append(blk.stations, s.station.at)
					}
				}
			}
		}
	}
	for jj := j; jj <= j+1; jj++ {
		if row := g.win.row(jj); row != nil {
			for _, s := range row.stations {
				if !s.near && s.at.dist(blk.quad[0]) < 500 {
					blk.stations = append(blk.stations, s.at)
				}
			}
		}
	}
}

// placeFrontage lines one side of a street with buildings, set back 5–15 m
// (and clear of the gas pipe's clearance), leaving gaps and vacant lots.
func (g *gen) placeFrontage(r *rand.Rand, blk *blockCtx, f front, z zone) {
	st := f.st
	l := lineLength(st.centre)
	for pos := uniform(r, 10, 25); pos < l-20; {
		if chance(r, [...]float64{0.7, 0.74, 0.8}[z]) {
			pos += uniform(r, 15, 45)
			continue
		}
		spec := pickBuilding(r, z)
		spec.w = math.Min(spec.w, l-10-pos)
		if spec.w < 10 {
			break
		}
		set := uniform(r, minSetback, maxSetback)
		if f.sign == st.side {
			set = math.Max(set, st.pipeOff+st.clearance+0.3)
		}
		rc := frontRect(st.centre, pos, spec.w, f.sign, set, spec.depth)
		if g.fits(blk, &rc, nil, intentNone) {
			blk.add(rc, spec.use, spec.floors)
		}
		pos += spec.w + uniform(r, 8, 30)
	}
}

// placeIntent puts the building a pipe's intent asks for.
func (g *gen) placeIntent(blk *blockCtx, f front) {
	st, it := f.st, &f.st.intent
	set := math.Max(0.8, st.pipeOff+it.delta)
	rc := frontRect(st.centre, it.s-it.w/2, it.w, f.sign, set, it.depth)
	if g.fits(blk, &rc, st, it.kind) {
		blk.add(rc, it.use, it.floors)
	}
}

// frontRect is a w × depth rectangle facing the street along line from arc
// length pos on, on side sign, its front set back from the centreline.
func frontRect(line []vec, pos, w, sign, set, depth float64) rect {
	c, dir := pointAt(line, pos+w/2)
	n := dir.perp().mul(sign)
	return orientedRect(c.add(n.mul(set+depth/2)), dir, w/2, depth/2)
}

func (blk *blockCtx) add(rc rect, use string, floors int) {
	blk.placed = append(blk.placed, buildingRec{ring: rc, box: rc.box(), use: use, floors: floors})
}

// fits checks a candidate building: inside its block, clear of the other
// buildings, of street centrelines, of gas pipes and of stations. For an
// intended building (own != nil), the own pipe must be at the intended
// distance instead.
func (g *gen) fits(blk *blockCtx, rc *rect, own *street, want intentKind) bool {
	margin := 1.0
	if own != nil {
		margin = -6
	}
	if !blk.inside(rc, margin) {
		return false
	}
	bb := rc.box()
	for k := range blk.placed {
		o := &blk.placed[k]
		if o.box.grow(buildingGap).overlaps(bb) && !separated(o.ring[:], rc[:], buildingGap) {
			return false
		}
	}
	for _, st := range blk.near {
		if !st.box.grow(st.clearance + minSetback).overlaps(bb) {
			continue
		}
		if st == own {
			if !want.accepts(ringLineDist(rc[:], st.pipe)) || ringLineNearer(rc[:], st.centre, 0.5) {
				return false
			}
			continue
		}
		if ringLineNearer(rc[:], st.centre, minSetback) || ringLineNearer(rc[:], st.pipe, st.clearance) {
			return false
		}
	}
	for _, s := range blk.stations {
		if ringPointDist(rc[:], s) < stationSpacing {
			return false
		}
	}
	return true
}

// inside reports whether every corner lies inside the block's quad, at
// least margin metres from each side.
func (blk *blockCtx) inside(rc *rect, margin float64) bool {
	for k := range blk.quad {
		a, b := blk.quad[k], blk.quad[(k+1)%4]
		ab := b.sub(a)
		l := ab.norm()
		for _, c := range rc {
			if ab.cross(c.sub(a))/l < margin {
				return false
			}
		}
	}
	return true
}
