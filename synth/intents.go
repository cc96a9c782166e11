package synth

import "math/rand/v2"

// Shares of pipes that get a building deliberately close: within 0.5 m or
// on top (occupation, 占压), or 0.5–2 m away (insufficient clearance).
const (
	occupyShare    = 0.016
	clearanceShare = 0.026
)

// intentKind marks a pipe that is to get a building deliberately close.
type intentKind uint8

const (
	intentNone intentKind = iota
	intentOccupy
	intentClearance
)

// intent describes the building a pipe is to get: where along the street
// (s, m along the centreline), how big, and how far its front lies from
// the pipe (delta, m; negative: it stands over the pipe).
type intent struct {
	kind        intentKind
	s, w, depth float64
	delta       float64
	use         string
	floors      int
}

// planIntent decides whether the street's pipe gets an encroaching building.
func planIntent(r *rand.Rand, st *street) {
	u := r.Float64()
	it := intent{}
	switch {
	case u < occupyShare:
		it.kind, it.delta = intentOccupy, uniform(r, -1.5, 0.3)
	case u < occupyShare+clearanceShare:
		it.kind, it.delta = intentClearance, uniform(r, 0.65, 1.85)
	default:
		return
	}
	it.s = uniform(r, 0.3, 0.7) * lineLength(st.centre)
	it.w, it.depth = uniform(r, 8, 20), uniform(r, 6, 14)
	it.use = [...]string{"other", "commercial", "residential"}[wpick(r.Float64(), 45, 35, 20)]
	it.floors = [...]int{1, 1, 1, 2, 2, 3}[r.IntN(6)]
	st.intent = it
}

// accepts reports whether a building at distance d from the pipe fulfils
// the intent.
func (k intentKind) accepts(d float64) bool {
	if k == intentOccupy {
		return d <= 0.5
	}
	return d > 0.5 && d < 2
}
