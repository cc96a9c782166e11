package synth

import "math/rand/v2"

// Stream tags keep the random decisions of different kinds of entity apart.
const (
	tagColumn uint64 = iota + 1
	tagRow
	tagNode
	tagShape
	tagDistricts
	tagBlock
	tagCrossing
	tagNodeStation
	tagMissing // + edgeKind
	tagEdge    = tagMissing + 8
	// tagCondition + edgeKind: a pipe's condition assessment, a stream of
	// its own so that the rest of the city does not change with it.
	tagCondition = tagEdge + 8
	// Attributes drawn apart from the edge's stream (+ edgeKind), so that
	// adding them left every earlier decision of the city as it was.
	tagPipeWall       = tagEdge + 16
	tagPipeProtection = tagEdge + 24
	tagLPGClass       = tagEdge + 32
	// tagEvidence keys the field records drawn for a pipe (by its number):
	// a stream of its own, so every other file stays as it was.
	tagEvidence = tagEdge + 40
	// Valves (+ edgeKind) and customers, added after the rest of the city.
	tagValve    = tagEdge + 56
	tagCustomer = tagEdge + 64
)

// mix64 is the splitmix64 finaliser: a cheap, well-mixed 64-bit hash.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// entityKey identifies entity (i, j) of the kind tag.
func entityKey(tag uint64, i, j int) uint64 {
	k := mix64(uint64(int64(i))<<32 ^ uint64(uint32(int32(j))))
	return mix64(k ^ tag*0x9e3779b97f4a7c15)
}

// unitHash is a uniform number in [0, 1) fixed by seed, tag and (i, j).
func unitHash(seed int64, tag uint64, i, j int) float64 {
	return float64(mix64(uint64(seed)^entityKey(tag, i, j))>>11) * 0x1p-53
}

// stream is a reusable random source that can be re-keyed to any entity.
type stream struct {
	pcg rand.PCG
	r   *rand.Rand
}

func newStream() *stream {
	s := new(stream)
	s.r = rand.New(&s.pcg)
	return s
}

// at re-keys the stream to entity (i, j) of kind tag and returns it.
func (s *stream) at(seed int64, tag uint64, i, j int) *rand.Rand {
	s.pcg.Seed(mix64(uint64(seed)+tag), entityKey(tag, i, j))
	return s.r
}

// uniform returns a number in [a, b).
func uniform(r *rand.Rand, a, b float64) float64 { return a + (b-a)*r.Float64() }

// between returns an integer in [a, b].
func between(r *rand.Rand, a, b int) int { return a + r.IntN(b-a+1) }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// wpick returns the index of the bucket that u (in [0, 1)) falls in, for
// buckets proportional to the weights w.
func wpick(u float64, w ...float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	u *= total
	for k, x := range w {
		if u < x {
			return k
		}
		u -= x
	}
	return len(w) - 1
}
