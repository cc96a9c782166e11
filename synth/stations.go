package synth

import (
	"math"
	"math/rand/v2"
)

// Rates of stations along street edges.
const (
	boxRate = 1.0 / 200   // regulator boxes, per distribution pipe
	cngRate = 1.0 / 2500  // CNG filling stations, per arterial
	lngRate = 1.0 / 30000 // LNG satellite stations, per arterial
	lpgRate = 1.0 / 3000  // LPG bottle stations, per local street
	nearP   = 0.35        // share of stations that do not keep buildings 10 m away
)

// planStation maybe puts a station along the street: a regulator box beside
// a distribution pipe, or a filling or LPG station set back from the street.
func (g *gen) planStation(r *rand.Rand, st *street) {
	if st.class >= roadRing {
		return
	}
	u := r.Float64()
	kind := ""
	switch {
	case u < boxRate:
		kind = "regulator_box"
	case st.class == roadArterial && u < boxRate+cngRate:
		kind = "cng"
	case st.class == roadArterial && u < boxRate+cngRate+lngRate:
		kind = "lng"
	case st.class == roadLocal && u < boxRate+lpgRate:
		kind = "lpg"
	default:
		return
	}
	c, dir := pointAt(st.centre, uniform(r, 0.3, 0.7)*lineLength(st.centre))
	n := dir.perp()
	at := c.add(n.mul(st.side * (st.pipeOff + 1)))
	if kind != "regulator_box" {
		at = c.add(n.mul(-st.side * uniform(r, 12, 18)))
	}
	st.station, st.hasStation = g.newStation(r, kind, at), true
	switch kind {
	case "regulator_box":
		// A cabinet fed by the main it stands beside (an LP network is fed
		// from MPB).
		st.station.setting, st.station.inlet = "cabinet", st.pressure
		if st.pressure == "LP" {
			st.station.inlet = "MPB"
		}
	case "lpg":
		p := g.p
		u := unitHash(p.seed, tagLPGClass+uint64(st.kind), st.i-p.ax.c, st.j-p.ay.c)
		st.station.lpgClass = [...]string{"I", "II", "III"}[wpick(u, 25, 60, 15)]
	}
}

// nodeStation returns the station at grid node (i, j), if any: city gates
// and a storage station at corners of the high-pressure ring, regulators
// along the ring and where the spokes step down to medium pressure.
func (g *gen) nodeStation(i, j int) (stationRec, bool) {
	p := g.p
	pos, in := p.node(i, j)
	kind := p.nodeStationKind(i, j)
	if !in || kind == "" {
		return stationRec{}, false
	}
	r := g.nodeRS.at(p.seed, tagNodeStation, i-p.ax.c, j-p.ay.c)
	dir := vec{math.Copysign(1, pos.x), math.Copysign(1, pos.y)}.unit()
	if kind == "regulator" {
		dir = polar(1, math.Pi/4+math.Pi/2*float64(r.IntN(4)))
	}
	s := g.newStation(r, kind, pos.add(dir.mul(uniform(r, 7, 10))))
	if kind == "regulator" {
		// On the ring: fed from the HPB ring; at a spoke's end: from its
		// SHPB stretch.
		s.setting, s.inlet = "above_ground", "SHPB"
		if p.onRing(i, j) {
			s.inlet = "HPB"
		}
	}
	return s, true
}

// onRing reports whether grid node (i, j) lies on the high-pressure ring.
func (p *plan) onRing(i, j int) bool {
	ax, ay := &p.ax, &p.ay
	return (i == ax.ringLo || i == ax.ringHi) && j >= ay.ringLo && j <= ay.ringHi ||
		(j == ay.ringLo || j == ay.ringHi) && i >= ax.ringLo && i <= ax.ringHi
}

func (p *plan) nodeStationKind(i, j int) string {
	ax, ay := &p.ax, &p.ay
	onRing := p.onRing(i, j)
	switch {
	case i == ax.ringHi && j == ay.ringHi, i == ax.ringLo && j == ay.ringLo:
		return "city_gate"
	case i == ax.ringLo && j == ay.ringHi:
		return "storage"
	case (i == ax.spokeLo || i == ax.spokeHi) && j == ay.c,
		(j == ay.spokeLo || j == ay.spokeHi) && i == ax.c:
		return "regulator"
	case onRing && (i+j)%6 == 0:
		return "regulator"
	}
	return ""
}

// newStation fills in a station's year and name.
func (g *gen) newStation(r *rand.Rand, kind string, at vec) stationRec {
	lo, hi := 1985, 2022
	switch kind {
	case "city_gate":
		lo, hi = 1990, 2015
	case "storage":
		lo, hi = 1985, 2010
	case "regulator_box":
		lo, hi = 1998, 2025
	case "cng":
		lo, hi = 2005, 2022
	case "lng":
		lo, hi = 2010, 2024
	case "lpg":
		lo, hi = 1995, 2020
	}
	stem := g.p.dist.stems[g.p.dist.locate(at)]
	return stationRec{
		at:   at,
		kind: kind,
		year: between(r, lo, hi),
		name: stationName(stem, kind, between(r, 1, 99)),
		near: chance(r, nearP),
	}
}
