package synth

import (
	"math"
	"math/rand/v2"
)

// layPipe puts the edge's gas pipe 2–4 m to one side of the centreline and
// gives it attributes that fit its era and its place in the network.
func (g *gen) layPipe(r *rand.Rand, st *street) {
	st.side = 1
	if r.IntN(2) == 0 {
		st.side = -1
	}
	st.pipeOff = uniform(r, 2, 4)
	st.pipe = offsetLine(st.pipe, st.centre, st.side*st.pipeOff)
	mid, _ := pointAt(st.pipe, lineLength(st.pipe)/2)
	z := g.p.zoneAt(mid, uniform(r, -0.12, 0.12))
	pc := pressureFor(r, st.class, z)
	mat := materialFor(r, z, pc)
	st.pipeAttrs = pipeAttrs{
		material: mat,
		pressure: pc,
		diameter: diameterFor(r, mat, pc),
		year:     installYear(r, mat, z, st.class),
		depth:    depthFor(r, st.class),
		district: g.p.dist.ids[g.p.dist.locate(mid)],
		status:   "in_service",
		wall:     math.NaN(),
	}
	if isHighPressure(pc) {
		p := g.p
		st.wall = wallFor(pc, unitHash(p.seed, tagPipeWall+uint64(st.kind), st.i-p.ax.c, st.j-p.ay.c))
		st.protection = unitHash(p.seed, tagPipeProtection+uint64(st.kind), st.i-p.ax.c, st.j-p.ay.c) < protectedShare
	}
	abandon := 0.012
	if mat == "cast_iron" {
		abandon = 0.05
	}
	if chance(r, abandon) {
		st.status = "abandoned"
	}
	st.clearance = clearanceFor(st.pipeAttrs)
}

// protectedShare is the share of sub-high and high pressure pipes with
// agreed protective measures where they pass buildings.
const protectedShare = 0.15

// wallFor picks the wall thickness (mm, GB/T 9711 line pipe sizes) of a
// sub-high or high pressure steel pipe from u in [0, 1): SHPB mostly under
// 9.5 mm; SHPA mostly thickened to 9.5 mm or more, the wall that lets it
// keep 6.5 m (11.9 mm: 3.0 m) from buildings; HP at least 8.7 mm.
func wallFor(pc string, u float64) float64 {
	switch pc {
	case "SHPB":
		return [...]float64{6.4, 7.1, 7.9, 8.7, 9.5}[wpick(u, 20, 30, 30, 15, 5)]
	case "SHPA":
		return [...]float64{7.9, 8.7, 9.5, 10.3, 11.1, 11.9, 12.7}[wpick(u, 10, 10, 30, 15, 10, 15, 10)]
	}
	return [...]float64{8.7, 9.5, 10.3, 11.1, 11.9, 12.7, 14.3}[wpick(u, 10, 25, 15, 15, 15, 10, 10)]
}

// pressureFor: HPB ring, SHPA/SHPB spokes, MPA arterials, LP/MPB elsewhere
// (more LP in the old core).
func pressureFor(r *rand.Rand, c roadClass, z zone) string {
	switch c {
	case roadRing:
		return "HPB"
	case roadSpokeOuter:
		return "SHPA"
	case roadSpokeInner:
		return "SHPB"
	case roadArterial:
		if chance(r, 0.75) {
			return "MPA"
		}
		return "MPB"
	}
	if chance(r, [...]float64{0.55, 0.30, 0.12}[z]) {
		return "LP"
	}
	return "MPB"
}

// materialFor: cast iron and old steel in the core, ductile iron and steel
// in the middle ring, PE outside; transmission is steel.
func materialFor(r *rand.Rand, z zone, pc string) string {
	if isHighPressure(pc) {
		return "steel"
	}
	var k int
	switch z {
	case zoneCore:
		k = wpick(r.Float64(), 42, 22, 12, 18, 1, 2, 3)
	case zoneMiddle:
		k = wpick(r.Float64(), 4, 33, 38, 20, 0.5, 1.5, 3)
	default:
		k = wpick(r.Float64(), 0, 14, 7, 76, 0, 1, 2)
	}
	m := [...]string{"cast_iron", "steel", "ductile_iron", "pe", "copper", "other", "unknown"}[k]
	if m == "cast_iron" && pc == "MPA" {
		m = "ductile_iron"
	}
	return m
}

func isHighPressure(pc string) bool {
	return pc == "SHPB" || pc == "SHPA" || pc == "HPB" || pc == "HPA"
}

// installYear draws a year from the era of the material in its zone.
func installYear(r *rand.Rand, mat string, z zone, c roadClass) int {
	lo, hi := 1970, 2015
	switch {
	case c >= roadRing:
		lo, hi = 1995, 2015
	case mat == "cast_iron":
		lo, hi = 1950, 1988
	case mat == "steel":
		lo, hi = [...]int{1955, 1978, 1995}[z], [...]int{1995, 2008, 2024}[z]
	case mat == "ductile_iron":
		lo, hi = 1982, 2010
	case mat == "pe":
		lo, hi = [...]int{2005, 1995, 2000}[z], 2025
	case mat == "copper":
		lo, hi = 1960, 1995
	case mat == "unknown":
		lo, hi = 1955, 2010
	}
	return between(r, lo, hi)
}

// diameterFor picks a catalogue size (mm) for the material and pressure.
func diameterFor(r *rand.Rand, mat, pc string) int {
	pick := func(sizes ...int) int { return sizes[r.IntN(len(sizes))] }
	pe := mat == "pe"
	switch {
	case mat == "copper":
		return pick(63, 75)
	case pc == "HPB" || pc == "HPA":
		return pick(508, 610)
	case pc == "SHPA" || pc == "SHPB":
		return pick(323, 406, 508)
	case pc == "MPA" && pe:
		return pick(200, 250, 315)
	case pc == "MPA":
		return pick(300, 400, 500)
	case pc == "MPB" && pe:
		return pick(110, 160, 200, 250)
	case pc == "MPB":
		return pick(150, 200, 300)
	case pe:
		return pick(63, 90, 110, 160)
	}
	return pick(100, 150, 200)
}

// depthFor is the cover depth in metres: 0.8–2.2 m mostly, deeper for
// transmission, a few shallow pipes under 0.8 m.
func depthFor(r *rand.Rand, c roadClass) float64 {
	var d float64
	switch {
	case c >= roadRing:
		d = uniform(r, 1.5, 2.5)
	case chance(r, 0.03):
		d = uniform(r, 0.6, 0.79)
	default:
		d = clamp(1.2+0.25*r.NormFloat64(), 0.8, 2.2)
	}
	return math.Round(d*100) / 100
}

// clearanceFor is how far ordinary buildings keep from a pipe's
// centreline: beyond the protection range and the GB 50028 clearance of its
// pressure class (t.6.3.3-1 with its note's reductions for a thick wall or
// protective measures, §6.4.11 for HP), from its outer wall.
func clearanceFor(a pipeAttrs) float64 {
	var c float64
	thick := func(mm float64) bool { return !math.IsNaN(a.wall) && a.wall >= mm }
	switch a.pressure {
	case "SHPB":
		c = 5.0
		if a.protection {
			c = 3.0
		}
	case "SHPA":
		c = 13.5
		switch {
		case thick(11.9):
			c = 3.0
		case thick(9.5) || a.protection:
			c = 6.5
		}
	case "HPB":
		c = 16
		if thick(9.5) || a.protection {
			c = 10
		}
	case "HPA":
		c = 30
		if thick(9.5) || a.protection {
			c = 15
		}
	default:
		return 2.2
	}
	return c + float64(a.diameter)/2000 + 0.3
}

// conditionYear is the year the generated condition assessments refer
// to: pipes laid in conditionYear−20 or before count as 20 years old.
const conditionYear = 2026

// assessCondition draws a pipe's condition assessment (国办发〔2022〕22号):
// a third of ductile iron assessed, a tenth of that (a fifth when laid
// before 1995) found unsafe; 40 % of steel and 25 % of PE assessed, the
// old ones (20 years or more) found corroded, leaking or failing
// inspection three times as often as the young; now and then a hazard
// that cannot be controlled. Grey cast iron is renewed whatever its
// condition and other materials are not assessed.
func assessCondition(r *rand.Rand, mat string, year int) condition {
	c := condition{ductileUnsafe: -1, uncontrollable: -1}
	switch mat {
	case "ductile_iron":
		if chance(r, 0.35) {
			c.ductileUnsafe = 0
			if unsafe := pick2(year < 1995, 0.2, 0.08); chance(r, unsafe) {
				c.ductileUnsafe = 1
			}
		}
	case "steel", "pe":
		old := conditionYear-year >= 20
		if chance(r, pick2(mat == "steel", 0.4, 0.25)) {
			c.assessed = "good"
			if chance(r, pick2(old, 0.3, 0.1)) {
				c.assessed = [...]string{"corrosion", "leak_history", "failed_inspection"}[wpick(r.Float64(), 5, 3, 2)]
				if mat == "pe" && c.assessed == "corrosion" {
					c.assessed = "failed_inspection"
				}
			}
		}
		if chance(r, 0.3) {
			c.uncontrollable = 0
			if chance(r, pick2(old, 0.02, 0.05)) {
				c.uncontrollable = 1
			}
		}
	}
	return c
}

// pick2 is a if cond, else b.
func pick2(cond bool, a, b float64) float64 {
	if cond {
		return a
	}
	return b
}
