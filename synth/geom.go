package synth

import "math"

// vec is a point or a direction in the local metric plane (metres east, north).
type vec struct{ x, y float64 }

func (a vec) add(b vec) vec           { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec           { return vec{a.x - b.x, a.y - b.y} }
func (a vec) mul(k float64) vec       { return vec{a.x * k, a.y * k} }
func (a vec) dot(b vec) float64       { return a.x*b.x + a.y*b.y }
func (a vec) cross(b vec) float64     { return a.x*b.y - a.y*b.x }
func (a vec) norm() float64           { return math.Sqrt(a.x*a.x + a.y*a.y) }
func (a vec) perp() vec               { return vec{-a.y, a.x} } // the left normal
func (a vec) dist(b vec) float64      { return a.sub(b).norm() }
func polar(r, angle float64) vec      { return vec{r * math.Cos(angle), r * math.Sin(angle)} }
func lerp(a, b vec, t float64) vec    { return a.add(b.sub(a).mul(t)) }
func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

func (a vec) unit() vec {
	n := a.norm()
	if n == 0 {
		return vec{}
	}
	return a.mul(1 / n)
}

// bbox is an axis-aligned bounding box.
type bbox struct{ min, max vec }

func emptyBox() bbox {
	inf := math.Inf(1)
	return bbox{vec{inf, inf}, vec{-inf, -inf}}
}

func (b *bbox) extend(pts ...vec) {
	for _, p := range pts {
		b.min.x, b.min.y = math.Min(b.min.x, p.x), math.Min(b.min.y, p.y)
		b.max.x, b.max.y = math.Max(b.max.x, p.x), math.Max(b.max.y, p.y)
	}
}

func (b bbox) grow(d float64) bbox {
	return bbox{vec{b.min.x - d, b.min.y - d}, vec{b.max.x + d, b.max.y + d}}
}

func (b bbox) overlaps(o bbox) bool {
	return b.min.x <= o.max.x && o.min.x <= b.max.x && b.min.y <= o.max.y && o.min.y <= b.max.y
}

// pointSegDist is the distance from p to the segment ab.
func pointSegDist(p, a, b vec) float64 {
	ab := b.sub(a)
	l2 := ab.dot(ab)
	if l2 == 0 {
		return p.dist(a)
	}
	t := clamp(p.sub(a).dot(ab)/l2, 0, 1)
	return p.dist(a.add(ab.mul(t)))
}

// segCross returns the point where segments ab and cd meet, if they do.
func segCross(a, b, c, d vec) (vec, bool) {
	r, s := b.sub(a), d.sub(c)
	den := r.cross(s)
	if den == 0 {
		return vec{}, false
	}
	ac := c.sub(a)
	t, u := ac.cross(s)/den, ac.cross(r)/den
	if t < 0 || t > 1 || u < 0 || u > 1 {
		return vec{}, false
	}
	return a.add(r.mul(t)), true
}

// segSegDist is the distance between segments ab and cd.
func segSegDist(a, b, c, d vec) float64 {
	if _, ok := segCross(a, b, c, d); ok {
		return 0
	}
	return math.Min(math.Min(pointSegDist(a, c, d), pointSegDist(b, c, d)),
		math.Min(pointSegDist(c, a, b), pointSegDist(d, a, b)))
}

// ringContains reports whether p lies inside the ring (no closing vertex).
func ringContains(ring []vec, p vec) bool {
	in := false
	for k, j := 0, len(ring)-1; k < len(ring); j, k = k, k+1 {
		a, b := ring[j], ring[k]
		if (a.y > p.y) != (b.y > p.y) && p.x < a.x+(p.y-a.y)*(b.x-a.x)/(b.y-a.y) {
			in = !in
		}
	}
	return in
}

// ringLineDist is the distance between a polygon (ring without closing
// vertex) and a polyline: zero when they touch or the line starts inside.
func ringLineDist(ring []vec, line []vec) float64 {
	if ringContains(ring, line[0]) {
		return 0
	}
	d := math.Inf(1)
	for k, j := 0, len(ring)-1; k < len(ring); j, k = k, k+1 {
		for m := 1; m < len(line); m++ {
			d = math.Min(d, segSegDist(ring[j], ring[k], line[m-1], line[m]))
		}
	}
	return d
}

// ringLineNearer reports whether a polygon (ring without closing vertex) and
// a polyline come nearer than d; it skips segment pairs whose boxes are
// further apart than d.
func ringLineNearer(ring []vec, line []vec, d float64) bool {
	if ringContains(ring, line[0]) {
		return true
	}
	for k, j := 0, len(ring)-1; k < len(ring); j, k = k, k+1 {
		a, b := ring[j], ring[k]
		for m := 1; m < len(line); m++ {
			c, e := line[m-1], line[m]
			if min(a.x, b.x)-max(c.x, e.x) >= d || min(c.x, e.x)-max(a.x, b.x) >= d ||
				min(a.y, b.y)-max(c.y, e.y) >= d || min(c.y, e.y)-max(a.y, b.y) >= d {
				continue
			}
			if segSegDist(a, b, c, e) < d {
				return true
			}
		}
	}
	return false
}

// ringPointDist is the distance from p to a polygon (zero inside).
func ringPointDist(ring []vec, p vec) float64 {
	if ringContains(ring, p) {
		return 0
	}
	d := math.Inf(1)
	for k, j := 0, len(ring)-1; k < len(ring); j, k = k, k+1 {
		d = math.Min(d, pointSegDist(p, ring[j], ring[k]))
	}
	return d
}

// separated reports whether convex polygons a and b are at least gap apart
// along one of their edge normals (a conservative separating-axis test).
func separated(a, b []vec, gap float64) bool {
	return axesSeparate(a, a, b, gap) || axesSeparate(b, a, b, gap)
}

func axesSeparate(edges, a, b []vec, gap float64) bool {
	for k, j := 0, len(edges)-1; k < len(edges); j, k = k, k+1 {
		n := edges[k].sub(edges[j]).perp().unit()
		a0, a1 := project(a, n)
		b0, b1 := project(b, n)
		if a1+gap <= b0 || b1+gap <= a0 {
			return true
		}
	}
	return false
}

func project(pts []vec, n vec) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		d := p.dot(n)
		lo, hi = math.Min(lo, d), math.Max(hi, d)
	}
	return lo, hi
}

// lineLength is the length of a polyline.
func lineLength(line []vec) float64 {
	l := 0.0
	for k := 1; k < len(line); k++ {
		l += line[k].dist(line[k-1])
	}
	return l
}

// pointAt returns the point at arc length s along the polyline and the unit
// direction of the segment it lies on.
func pointAt(line []vec, s float64) (vec, vec) {
	for k := 1; k < len(line); k++ {
		seg := line[k].sub(line[k-1])
		l := seg.norm()
		if s <= l || k == len(line)-1 {
			return line[k-1].add(seg.mul(clamp(s/l, 0, 1))), seg.mul(1 / l)
		}
		s -= l
	}
	return line[0], vec{1, 0}
}

// offsetLine appends to dst the polyline src shifted sideways by d metres
// (positive: to the left of its direction), with mitred joints.
func offsetLine(dst, src []vec, d float64) []vec {
	n := len(src)
	for k := 0; k < n; k++ {
		var nrm vec
		switch {
		case k == 0:
			nrm = src[1].sub(src[0]).unit().perp()
		case k == n-1:
			nrm = src[n-1].sub(src[n-2]).unit().perp()
		default:
			n1 := src[k].sub(src[k-1]).unit().perp()
			n2 := src[k+1].sub(src[k]).unit().perp()
			m := n1.add(n2).unit()
			nrm = m.mul(1 / math.Max(m.dot(n1), 0.5))
		}
		dst = append(dst, src[k].add(nrm.mul(d)))
	}
	return dst
}

// rect is a rectangle's four corners, counter-clockwise.
type rect [4]vec

// orientedRect is the rectangle centred at c with half-sizes hu along the
// unit direction u and hv across it; its corners run counter-clockwise.
func orientedRect(c, u vec, hu, hv float64) rect {
	v := u.perp()
	a, b := u.mul(hu), v.mul(hv)
	return rect{c.sub(a).sub(b), c.add(a).sub(b), c.add(a).add(b), c.sub(a).add(b)}
}

func (r *rect) box() bbox {
	b := emptyBox()
	b.extend(r[:]...)
	return b
}

func (r *rect) centre() vec {
	return r[0].add(r[1]).add(r[2]).add(r[3]).mul(0.25)
}
