package synth

import (
	"math"
	"math/rand/v2"
)

// bspec is what kind and size of building to put.
type bspec struct {
	use      string
	w, depth float64
	floors   int
}

// pickBuilding draws a building for the zone: mostly housing and shops,
// a few schools, hospitals, nursing homes, malls and markets; taller in
// the core.
func pickBuilding(r *rand.Rand, z zone) bspec {
	var k int
	switch z {
	case zoneCore:
		k = wpick(r.Float64(), 52, 36, 0.5, 0.25, 0.2, 0.3, 0.5, 10)
	case zoneMiddle:
		k = wpick(r.Float64(), 62, 24, 0.5, 0.2, 0.2, 0.25, 0.4, 12)
	default:
		k = wpick(r.Float64(), 55, 14, 0.4, 0.12, 0.15, 0.12, 0.3, 30)
	}
	use := [...]string{"residential", "commercial", "school", "hospital",
		"nursing_home", "mall", "market", "other"}[k]
	s := bspec{use: use}
	s.w, s.depth = buildingSize(r, use)
	s.floors = floorsFor(r, use, z)
	return s
}

// buildingSize returns frontage width and depth in metres.
func buildingSize(r *rand.Rand, use string) (float64, float64) {
	switch use {
	case "residential":
		if chance(r, 0.3) {
			w := uniform(r, 18, 28)
			return w, w * uniform(r, 0.8, 1)
		}
		return uniform(r, 25, 60), uniform(r, 11, 16)
	case "commercial":
		return uniform(r, 15, 45), uniform(r, 12, 30)
	case "school":
		return uniform(r, 40, 70), uniform(r, 18, 30)
	case "hospital":
		return uniform(r, 35, 65), uniform(r, 20, 35)
	case "nursing_home":
		return uniform(r, 20, 40), uniform(r, 12, 20)
	case "mall":
		return uniform(r, 50, 90), uniform(r, 30, 50)
	case "market":
		return uniform(r, 20, 40), uniform(r, 15, 30)
	}
	return uniform(r, 10, 35), uniform(r, 8, 25)
}

// floorsFor draws a storey count (1–33).
func floorsFor(r *rand.Rand, use string, z zone) int {
	lo, hi := 1, 6
	switch use {
	case "residential":
		lo, hi = [...]int{6, 4, 2}[z], [...]int{33, 26, 18}[z]
	case "commercial":
		lo, hi = [...]int{3, 2, 1}[z], [...]int{30, 20, 8}[z]
	case "school":
		lo, hi = 3, 6
	case "hospital":
		lo, hi = 4, 20
	case "nursing_home":
		lo, hi = 2, 8
	case "mall":
		lo, hi = 3, 8
	case "market":
		lo, hi = 1, 3
	}
	// Skewed towards the low end: most buildings are not towers.
	u := math.Pow(r.Float64(), 1.6)
	return lo + int(u*float64(hi-lo+1))
}
