package synth

import "math/rand/v2"

// maybePlace registers some schools, hospitals, malls and markets (and a
// rare commercial building as a stadium, station or cinema) as
// dense-occupancy places (人员密集场所) at the building.
func (g *gen) maybePlace(r *rand.Rand, bd *buildingRec, b *batch) {
	u := r.Float64()
	kind := ""
	switch bd.use {
	case "school":
		if u < 0.2 {
			kind = "school"
		}
	case "hospital":
		if u < 0.3 {
			kind = "hospital"
		}
	case "mall":
		if u < 0.18 {
			kind = "mall"
		} else if u < 0.28 {
			kind = "cinema"
		}
	case "market":
		if u < 0.14 {
			kind = "market"
		}
	case "commercial":
		if u < 0.0006 {
			kind = [...]string{"stadium", "station", "cinema"}[r.IntN(3)]
		}
	}
	if kind == "" {
		return
	}
	at := bd.ring.centre()
	b.places = append(b.places, placeRec{
		at:       at,
		kind:     kind,
		name:     placeName(g.p.dist.stems[g.p.dist.locate(at)], kind, r.IntN(100)),
		capacity: capacityFor(r, kind),
	})
}

// capacityFor draws how many people the place holds.
func capacityFor(r *rand.Rand, kind string) int {
	lo, hi := 100, 1000
	switch kind {
	case "school":
		lo, hi = 300, 3000
	case "hospital":
		lo, hi = 200, 2500
	case "market":
		lo, hi = 200, 1500
	case "mall":
		lo, hi = 1000, 8000
	case "stadium":
		lo, hi = 3000, 40000
	case "station":
		lo, hi = 1000, 20000
	case "cinema":
		lo, hi = 100, 800
	}
	return between(r, lo, hi) / 10 * 10
}
