package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Crossing is a place where two lines meet: F is the fraction of the
// first line's length at which it lies, At the point.
type Crossing struct {
	F  float64
	At orb.Point
}

// touch is how near, in the lines' unit, two lines count as meeting and
// two crossings as one.
const touch = 1e-9

// Crossings returns the places where any of lines bs meets line a, in
// order along a, each once: where they cross or touch, and for a stretch
// they share, its start.
func Crossings(a orb.LineString, bs ...orb.LineString) []Crossing {
	total := Length(a)
	if total == 0 {
		return nil
	}
	var out []Crossing
	for _, b := range bs {
		if len(b) == 1 {
			b = orb.LineString{b[0], b[0]}
		}
		start := 0.0
		for i := 1; i < len(a); i++ {
			p0, p1 := a[i-1], a[i]
			l := norm(sub(p1, p0))
			for j := 1; j < len(b) && l > 0; j++ {
				if t, ok := segmentMeet(p0, p1, b[j-1], b[j]); ok {
					out = append(out, Crossing{(start + t*l) / total, along(p0, p1, t)})
				}
			}
			start += l
		}
	}
	slices.SortFunc(out, func(x, y Crossing) int { return cmpFloat(x.F, y.F) })
	kept := out[:0]
	for _, c := range out {
		if n := len(kept); n > 0 && (c.F-kept[n-1].F)*total <= touch {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// segmentMeet returns the parameter t ∈ [0, 1] of segment p0p1 where it
// meets segment q0q1 (for a shared stretch, its start).
func segmentMeet(p0, p1, q0, q1 orb.Point) (float64, bool) {
	d, e, w := sub(p1, p0), sub(q1, q0), sub(q0, p0)
	ld, le := norm(d), norm(e)
	denom := cross(d, e)
	if math.Abs(denom) > 1e-12*ld*max(le, touch) {
		t, u := cross(w, e)/denom, cross(w, d)/denom
		if t < -touch/ld || t > 1+touch/ld || (le > 0 && (u < -touch/le || u > 1+touch/le)) {
			return 0, false
		}
		return min(max(t, 0), 1), true
	}
	// parallel: on the same line, they share the overlap of their ranges
	if math.Abs(cross(w, d))/ld > touch {
		return 0, false
	}
	t0, t1 := dot(w, d)/(ld*ld), dot(sub(q1, p0), d)/(ld*ld)
	lo, hi := max(min(t0, t1), 0), min(max(t0, t1), 1)
	if lo > hi+touch/ld {
		return 0, false
	}
	return min(lo, 1), true
}

// Nearest returns the place on line a nearest to lines bs: their first
// crossing if they meet.
func Nearest(a orb.LineString, bs ...orb.LineString) Crossing {
	if c := Crossings(a, bs...); len(c) > 0 {
		return c[0]
	}
	total := Length(a)
	best, bestD := Crossing{At: a[0]}, math.Inf(1)
	consider := func(s float64, at, other orb.Point) {
		if dd := norm(sub(at, other)); dd < bestD {
			best, bestD = Crossing{F: s / max(total, touch), At: at}, dd
		}
	}
	for _, b := range bs {
		start := 0.0
		for i := 0; i < len(a); i++ {
			if i > 0 {
				p0, p1 := a[i-1], a[i]
				l := norm(sub(p1, p0))
				for _, q := range b {
					t := 0.0
					if l > 0 {
						t = min(max(dot(sub(q, p0), sub(p1, p0))/(l*l), 0), 1)
					}
					consider(start+t*l, along(p0, p1, t), q)
				}
				start += l
			}
			for j := range b {
				consider(start, a[i], closestOnSegment(a[i], b[max(j-1, 0)], b[j]))
			}
		}
	}
	return best
}

func closestOnSegment(p, q0, q1 orb.Point) orb.Point {
	e := sub(q1, q0)
	ee := dot(e, e)
	if ee == 0 {
		return q0
	}
	return along(q0, q1, min(max(dot(sub(p, q0), e)/ee, 0), 1))
}

func along(p0, p1 orb.Point, t float64) orb.Point {
	return orb.Point{p0[0] + t*(p1[0]-p0[0]), p0[1] + t*(p1[1]-p0[1])}
}

// Length is the planar length of l.
func Length(l orb.LineString) float64 {
	s := 0.0
	for i := 1; i < len(l); i++ {
		s += norm(sub(l[i], l[i-1]))
	}
	return s
}

func cross(a, b orb.Point) float64 { return a[0]*b[1] - a[1]*b[0] }

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
