package synth

import (
	"math"
	"math/rand/v2"
)

// laySewer runs a sewer or water main along most streets, usually 2–6 m
// from the gas pipe on the other side of the centreline, sometimes closer
// than 1.5 m on the same side; some streets also get a lateral that crosses
// the gas pipe in plan.
func (g *gen) laySewer(r *rand.Rand, st *street) {
	has := 0.72
	if st.class != roadLocal {
		has = 0.88
	}
	if !chance(r, has) {
		return
	}
	if chance(r, 0.07) {
		st.sewerOff = st.side * (st.pipeOff - uniform(r, 0.6, 1.4))
	} else {
		st.sewerOff = -st.side * uniform(r, 0.5, math.Min(3, 6-st.pipeOff))
	}
	st.sewer = offsetLine(st.sewer, st.centre, st.sewerOff)
	mid, _ := pointAt(st.sewer, lineLength(st.sewer)/2)
	st.sewerAttrs = mainAttrs(r, g.p.zoneAt(mid, uniform(r, -0.1, 0.1)))
	if chance(r, 0.22) {
		layLateral(r, st)
	}
}

// layLateral runs a short lateral from the main across the gas pipe, and
// maybe puts a leak detector at the crossing.
func layLateral(r *rand.Rand, st *street) {
	c, dir := pointAt(st.centre, uniform(r, 0.25, 0.75)*lineLength(st.centre))
	n := dir.perp()
	from := c.add(n.mul(st.sewerOff))
	to := c.add(n.mul(st.side * (st.pipeOff + uniform(r, 1.0, 1.9))))
	st.lateral = append(st.lateral, from, to)
	st.lateralAttrs = lateralAttrs(r)
	for k := 1; k < len(st.pipe); k++ {
		if x, ok := segCross(from, to, st.pipe[k-1], st.pipe[k]); ok {
			if chance(r, detectorShare) {
				st.detector, st.hasDetector = detectorIn(r, x, to.sub(from)), true
			}
			break
		}
	}
}

// mainAttrs: combined sewers in the old core, separate sanitary and storm
// sewers outside, water mains and culverts among them.
func mainAttrs(r *rand.Rand, z zone) sewerAttrs {
	var k int
	switch z {
	case zoneCore:
		k = wpick(r.Float64(), 20, 20, 45, 3, 12)
	case zoneMiddle:
		k = wpick(r.Float64(), 35, 30, 10, 8, 17)
	default:
		k = wpick(r.Float64(), 38, 35, 3, 7, 17)
	}
	kind := [...]string{"sanitary", "storm", "combined", "culvert", "water"}[k]
	pick := func(sizes ...int) int { return sizes[r.IntN(len(sizes))] }
	a := sewerAttrs{kind: kind, depth: uniform(r, 1.5, 4.5)}
	switch kind {
	case "sanitary":
		a.diameter = pick(300, 400, 500, 600, 800)
	case "storm":
		a.diameter = pick(400, 600, 800, 1000, 1200, 1500)
	case "combined":
		a.diameter = pick(600, 800, 1000, 1200, 1500, 2000)
	case "culvert":
		a.diameter = pick(1500, 2000, 2500, 3000)
	default:
		a.diameter = pick(100, 150, 200, 300, 400, 600, 800)
		a.depth = uniform(r, 0.8, 1.6)
	}
	a.depth = math.Round(a.depth*100) / 100
	if chance(r, 0.15) {
		a.depth = math.NaN()
	}
	return a
}

// lateralAttrs: house connections and gully pipes, shallow.
func lateralAttrs(r *rand.Rand) sewerAttrs {
	a := sewerAttrs{kind: "sanitary", diameter: [...]int{150, 200, 225, 300}[r.IntN(4)]}
	if chance(r, 0.45) {
		a.kind = "storm"
	}
	a.depth = math.Round(uniform(r, 0.8, 1.8)*100) / 100
	if chance(r, 0.2) {
		a.depth = math.NaN()
	}
	return a
}
