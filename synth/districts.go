package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// maxArcStep is the largest angle between consecutive vertices of a
// district boundary arc.
const maxArcStep = 2 * math.Pi / 180

// circle is one district boundary circle, drawn as a polygon whose vertices
// sit at the sorted angles (in [0, 2π)).
type circle struct {
	r      float64
	angles []float64
}

// ring is one band of districts between two circles, cut into n equal sectors.
type ring struct {
	n     int
	phase float64
	first int // index of its first district
}

// districtMap partitions the city into districts (街道/镇): a core, a
// middle ring and an outer ring, each cut into sectors. Classification of a
// point follows the very polygons that are written, chords included.
type districtMap struct {
	circles [3]circle
	rings   [3]ring
	ids     []string
	names   []string
	stems   []string
}

func newDistrictMap(seed int64, r0, outer float64, segments int) *districtMap {
	r := newStream().at(seed, tagDistricts, 0, 0)
	n := int(math.Round(math.Sqrt(float64(segments)) / 10))
	n = max(5, min(99, n))
	n0 := max(1, n/8)
	n1 := max(2, 3*n/8)
	counts := [3]int{n0, n1, n - n0 - n1}
	m := &districtMap{}
	first := 0
	for k := range m.rings {
		m.rings[k] = ring{n: counts[k], phase: uniform(r, 0, 2*math.Pi), first: first}
		first += counts[k]
	}
	radii := [3]float64{coreFrac * r0, middleFrac * r0, outer}
	for k := range m.circles {
		m.circles[k] = circle{r: radii[k], angles: m.circleAngles(k)}
	}
	m.nameDistricts(r, n)
	return m
}

// circleAngles returns the vertex angles of circle k: the sector boundaries
// of the rings on both sides of it, filled in to at most maxArcStep apart.
func (m *districtMap) circleAngles(k int) []float64 {
	var cuts []float64
	for _, rk := range []int{k, k + 1} {
		if rk < len(m.rings) {
			for s := range m.rings[rk].n {
				cuts = append(cuts, m.rings[rk].boundary(s))
			}
		}
	}
	sort.Float64s(cuts)
	var out []float64
	for c := range cuts {
		a := cuts[c]
		b := cuts[0] + 2*math.Pi
		if c+1 < len(cuts) {
			b = cuts[c+1]
		}
		steps := int(math.Ceil((b - a) / maxArcStep))
		for s := range steps {
			out = append(out, wrapAngle(a+(b-a)*float64(s)/float64(steps)))
		}
	}
	sort.Float64s(out)
	return out
}

// boundary returns the angle where sector s of the ring starts.
func (g ring) boundary(s int) float64 {
	return wrapAngle(g.phase + 2*math.Pi*float64(s)/float64(g.n))
}

func wrapAngle(a float64) float64 {
	a = math.Mod(a, 2*math.Pi)
	if a < 0 {
		a += 2 * math.Pi
	}
	return a
}

// radiusAt is the distance from the centre to the circle's polygon in
// direction theta: the chord between its neighbouring vertices.
func (c *circle) radiusAt(theta float64) float64 {
	n := len(c.angles)
	k := sort.SearchFloat64s(c.angles, theta)
	if k < n && c.angles[k] == theta {
		return c.r
	}
	a, b := 0.0, 0.0
	switch {
	case k == 0:
		a, b = c.angles[n-1]-2*math.Pi, c.angles[0]
	case k == n:
		a, b = c.angles[n-1], c.angles[0]+2*math.Pi
	default:
		a, b = c.angles[k-1], c.angles[k]
	}
	return c.r * math.Cos((b-a)/2) / math.Cos(theta-(a+b)/2)
}

// locate returns the index of the district containing p.
func (m *districtMap) locate(p vec) int {
	theta := wrapAngle(math.Atan2(p.y, p.x))
	rk := len(m.rings) - 1
	for k := 0; k < rk; k++ {
		if p.norm() < m.circles[k].radiusAt(theta) {
			rk = k
			break
		}
	}
	g := m.rings[rk]
	s := int(wrapAngle(theta-g.phase) / (2 * math.Pi / float64(g.n)))
	return g.first + min(s, g.n-1)
}

// polygon returns the closed, counter-clockwise boundary of district d.
func (m *districtMap) polygon(d int) []vec {
	rk := 0
	for rk+1 < len(m.rings) && d >= m.rings[rk+1].first {
		rk++
	}
	g := m.rings[rk]
	s := d - g.first
	var pts []vec
	switch {
	case rk == 0 && g.n == 1:
		for _, a := range m.circles[0].angles {
			pts = append(pts, polar(m.circles[0].r, a))
		}
	case rk == 0:
		pts = append(pts, vec{})
		pts = m.circles[0].arc(pts, g.boundary(s), g.boundary((s+1)%g.n), false)
	default:
		pts = m.circles[rk].arc(pts, g.boundary(s), g.boundary((s+1)%g.n), false)
		pts = m.circles[rk-1].arc(pts, g.boundary(s), g.boundary((s+1)%g.n), true)
	}
	return append(pts, pts[0])
}

// arc appends the circle's vertices from angle a0 to a1 counter-clockwise,
// or from a1 back to a0 when reverse is set. Both angles are vertices.
func (c *circle) arc(dst []vec, a0, a1 float64, reverse bool) []vec {
	span := wrapAngle(a1 - a0)
	start := len(dst)
	k0 := sort.SearchFloat64s(c.angles, a0)
	for k := range c.angles {
		a := c.angles[(k0+k)%len(c.angles)]
		if wrapAngle(a-a0) > span {
			break
		}
		dst = append(dst, polar(c.r, a))
	}
	if reverse {
		slices.Reverse(dst[start:])
	}
	return dst
}

// count returns the number of districts.
func (m *districtMap) count() int { return len(m.ids) }

// nameDistricts gives every district an id (D01, …) and a Chinese name:
// 街道 (street) in the core and middle ring, some 镇 (towns) outside.
func (m *districtMap) nameDistricts(r *rand.Rand, n int) {
	stems := districtStems()
	perm := r.Perm(len(stems))
	outer := m.rings[2].first
	for d := range n {
		stem := stems[perm[d%len(stems)]]
		if d >= len(stems) {
			stem += [...]string{"东", "西", "南", "北", "新"}[(d/len(stems)-1)%5]
		}
		suffix := "街道"
		if d >= outer && d%3 == 0 {
			suffix = "镇"
		}
		m.ids = append(m.ids, fmt.Sprintf("D%02d", d+1))
		m.names = append(m.names, stem+suffix)
		m.stems = append(m.stems, stem)
	}
}
