package synth

import "math"

// Plain geometry for the tests, written independently of the generator's.

func (a pt) sub(b pt) pt        { return pt{a.x - b.x, a.y - b.y} }
func (a pt) cross(b pt) float64 { return a.x*b.y - a.y*b.x }
func (a pt) dot(b pt) float64   { return a.x*b.x + a.y*b.y }
func (a pt) dist(b pt) float64  { return math.Hypot(a.x-b.x, a.y-b.y) }

func ptSegDist(p, a, b pt) float64 {
	ab := b.sub(a)
	t := 0.0
	if l2 := ab.dot(ab); l2 > 0 {
		t = math.Max(0, math.Min(1, p.sub(a).dot(ab)/l2))
	}
	return p.dist(pt{a.x + t*ab.x, a.y + t*ab.y})
}

// segsIntersect reports whether segments ab and cd share a point.
func segsIntersect(a, b, c, d pt) bool {
	d1, d2 := b.sub(a).cross(c.sub(a)), b.sub(a).cross(d.sub(a))
	d3, d4 := d.sub(c).cross(a.sub(c)), d.sub(c).cross(b.sub(c))
	if (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0 {
		return true
	}
	return ptSegDist(c, a, b) == 0 || ptSegDist(d, a, b) == 0 || ptSegDist(a, c, d) == 0 || ptSegDist(b, c, d) == 0
}

func segDist(a, b, c, d pt) float64 {
	if segsIntersect(a, b, c, d) {
		return 0
	}
	return math.Min(math.Min(ptSegDist(a, c, d), ptSegDist(b, c, d)), math.Min(ptSegDist(c, a, b), ptSegDist(d, a, b)))
}

// inRing reports whether p is inside the closed ring.
func inRing(ring []pt, p pt) bool {
	in := false
	for k := 1; k < len(ring); k++ {
		a, b := ring[k-1], ring[k]
		if (a.y > p.y) != (b.y > p.y) && p.x < a.x+(p.y-a.y)*(b.x-a.x)/(b.y-a.y) {
			in = !in
		}
	}
	return in
}

// polyLineDist is the distance between a closed ring's polygon and a line.
func polyLineDist(ring, line []pt) float64 {
	if inRing(ring, line[0]) {
		return 0
	}
	d := math.Inf(1)
	for k := 1; k < len(ring); k++ {
		for m := 1; m < len(line); m++ {
			d = math.Min(d, segDist(ring[k-1], ring[k], line[m-1], line[m]))
		}
	}
	return d
}

func polyPointDist(ring []pt, p pt) float64 {
	if inRing(ring, p) {
		return 0
	}
	d := math.Inf(1)
	for k := 1; k < len(ring); k++ {
		d = math.Min(d, ptSegDist(p, ring[k-1], ring[k]))
	}
	return d
}

// signedArea is positive for a counter-clockwise closed ring.
func signedArea(ring []pt) float64 {
	a := 0.0
	for k := 1; k < len(ring); k++ {
		a += ring[k-1].cross(ring[k])
	}
	return a / 2
}

// selfIntersects checks every pair of non-adjacent edges of a closed ring.
func selfIntersects(ring []pt) bool {
	n := len(ring) - 1
	for i := 0; i < n; i++ {
		for j := i + 2; j < n; j++ {
			if i == 0 && j == n-1 {
				continue
			}
			if segsIntersect(ring[i], ring[i+1], ring[j], ring[j+1]) {
				return true
			}
		}
	}
	return false
}

// box is an axis-aligned box of a feature, for a coarse spatial grid.
type box struct{ x0, y0, x1, y1 float64 }

func boxOf(pts []pt, grow float64) box {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		b.x0, b.y0 = math.Min(b.x0, p.x), math.Min(b.y0, p.y)
		b.x1, b.y1 = math.Max(b.x1, p.x), math.Max(b.y1, p.y)
	}
	return box{b.x0 - grow, b.y0 - grow, b.x1 + grow, b.y1 + grow}
}

// spatialGrid buckets features by 100 m cells.
type spatialGrid map[[2]int][]int

const cell = 100.0

func (g spatialGrid) add(k int, b box) {
	for x := int(math.Floor(b.x0 / cell)); x <= int(math.Floor(b.x1/cell)); x++ {
		for y := int(math.Floor(b.y0 / cell)); y <= int(math.Floor(b.y1/cell)); y++ {
			g[[2]int{x, y}] = append(g[[2]int{x, y}], k)
		}
	}
}

// near returns the indexes of features whose cells meet the box, once each.
func (g spatialGrid) near(b box) []int {
	seen := map[int]bool{}
	var out []int
	for x := int(math.Floor(b.x0 / cell)); x <= int(math.Floor(b.x1/cell)); x++ {
		for y := int(math.Floor(b.y0 / cell)); y <= int(math.Floor(b.y1/cell)); y++ {
			for _, k := range g[[2]int{x, y}] {
				if !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	return out
}

func gridOf(fs []feat) spatialGrid {
	g := spatialGrid{}
	for k, f := range fs {
		g.add(k, boxOf(f.pts, 0))
	}
	return g
}

// crossPoint returns where segments ab and cd cross, if they do.
func crossPoint(a, b, c, d pt) (pt, bool) {
	r, s := b.sub(a), d.sub(c)
	den := r.cross(s)
	if den == 0 {
		return pt{}, false
	}
	t, u := c.sub(a).cross(s)/den, c.sub(a).cross(r)/den
	if t < 0 || t > 1 || u < 0 || u > 1 {
		return pt{}, false
	}
	return pt{a.x + t*r.x, a.y + t*r.y}, true
}
