package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Valve placement, after the usual practice of a gas utility (CJJ 51-2016
// §3.3 and GB 50028-2006 §6.3.11 place valves at branches of mains, on both
// sides of major crossings, at station inlets and outlets and at intervals
// along the medium and high pressure mains).
const (
	mainValveSpacing = 400.0 // m between line valves on MP, SHP and HP mains
	localBranchShare = 0.4   // share of LP/MPB branches with a valve
	inoperableShare  = 0.03  // valves found seized or buried when exercised
	closedShare      = 0.01  // line valves normally closed (a zone boundary)
	unexercisedShare = 0.2   // valves with no record of being exercised
)

// valveRec is one valve on a pipe.
type valveRec struct {
	at        vec
	kind      string
	closed    bool
	inop      bool
	exercised string // YYYY-MM-DD, "" unknown
	pressure  string
}

// streetValves puts the valves of the street's pipe into b: near each
// joined end at a branch, a major crossing or a station, along the pipe
// every few hundred metres on a main, and at the inlet of a regulator box
// beside it. Each valve stands on the pipe itself, clear of the stubs.
func (g *gen) streetValves(st *street, ends [2]nodeEnd, b *batch) {
	p := g.p
	r := g.valveRS.at(p.seed, tagValve+uint64(st.kind), st.i-p.ax.c, st.j-p.ay.c)
	l := lineLength(st.pipe)
	if l < 20 {
		return
	}
	for n, e := range ends {
		if !e.joined {
			continue
		}
		station := p.nodeStationKind(e.i, e.j)
		major := g.majorNode(e.i, e.j)
		if station == "" && !major && (e.degree < 3 || !chance(r, branchShare(st.pressure))) {
			continue
		}
		d := uniform(r, 3, 8)
		if n == 1 {
			d = l - d
		}
		at, _ := pointAt(st.pipe, d)
		kind := valveKind(r, st.pipeAttrs)
		if station != "" && st.pressure == stationInlet(p, e.i, e.j) {
			kind = "regulator_inlet"
		}
		b.valves = append(b.valves, newValve(r, at, kind, st.pressure, false))
	}
	if st.status == "in_service" && st.class != roadLocal && st.pressure != "LP" {
		k := int(l/mainValveSpacing + r.Float64())
		for m := range k {
			at, _ := pointAt(st.pipe, (float64(m)+0.5)*l/float64(k))
			b.valves = append(b.valves, newValve(r, at, valveKind(r, st.pipeAttrs), st.pressure, true))
		}
	}
	if st.hasStation && st.station.kind == "regulator_box" && st.status == "in_service" {
		b.valves = append(b.valves, newValve(r, nearestOn(st.pipe, st.station.at), "regulator_inlet", st.pressure, false))
	}
}

// branchShare is the share of branches of a main of class pc with a valve.
func branchShare(pc string) float64 {
	if pc == "LP" || pc == "MPB" {
		return localBranchShare
	}
	return 1
}

// stationInlet is the inlet pressure class of the station at node (i, j).
func stationInlet(p *plan, i, j int) string {
	switch p.nodeStationKind(i, j) {
	case "regulator":
		if p.onRing(i, j) {
			return "HPB"
		}
		return "SHPB"
	case "city_gate", "storage":
		return "HPB"
	}
	return ""
}

// valveKind: ball valves on PE, gate valves on steel and iron mains, now
// and then a plug valve on a small low pressure pipe.
func valveKind(r *rand.Rand, a pipeAttrs) string {
	switch {
	case a.material == "pe":
		return "ball"
	case a.pressure == "LP" && a.diameter <= 150 && chance(r, 0.3):
		return "plug"
	}
	return "gate"
}

// newValve draws a valve's condition: a few percent inoperable, some line
// valves normally closed, most exercised in the last few years.
func newValve(r *rand.Rand, at vec, kind, pressure string, line bool) valveRec {
	v := valveRec{at: at, kind: kind, pressure: pressure, inop: chance(r, inoperableShare)}
	v.closed = line && chance(r, closedShare)
	if !chance(r, unexercisedShare) {
		v.exercised = fmt.Sprintf("%d-%02d-%02d", between(r, 2018, 2025), between(r, 1, 12), between(r, 1, 28))
	}
	return v
}

// nearestOn returns the point of the polyline nearest to q.
func nearestOn(line []vec, q vec) vec {
	best, bd := line[0], math.Inf(1)
	for k := 1; k < len(line); k++ {
		a, s := line[k-1], line[k].sub(line[k-1])
		t := 0.0
		if l2 := s.dot(s); l2 > 0 {
			t = clamp(q.sub(a).dot(s)/l2, 0, 1)
		}
		c := a.add(s.mul(t))
		if d := c.dist(q); d < bd {
			best, bd = c, d
		}
	}
	return best
}
