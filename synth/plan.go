package synth

import (
	"math"
	"slices"
)

// Zone radii as fractions of the nominal city radius: the old core, the
// middle ring and the new outer districts.
const (
	coreFrac   = 0.30
	middleFrac = 0.65
	ringFrac   = 0.45 // the high-pressure transmission ring
)

// zone is a development era of the city, by distance from the centre.
type zone uint8

const (
	zoneCore zone = iota
	zoneMiddle
	zoneOuter
)

// axis describes the grid lines along one direction: the centre line, the
// transmission ring, where the spokes end and which lines are arterials.
type axis struct {
	c              int // index of the line through the centre
	ringLo, ringHi int
	spokeLo        int // spokes run from the ring to these lines
	spokeHi        int
	art            []bool
}

// plan is the layout of one city: a jittered, warped street grid inside an
// irregular outline, sized so that its street edges match the requested
// number of pipes. It is computed once and then only read.
type plan struct {
	seed      int64
	target    int
	connected bool // join the pipes at the nodes (Config.Connected)
	proj      projection
	shape     cityShape
	r0        float64   // nominal city radius, m
	xs, ys    []float64 // grid line positions before warp and jitter
	nx, ny    int
	ax, ay    axis
	nodes     []vec  // node positions, index j*nx+i
	inside    []bool // node lies inside the city outline
	pipes     int    // exact number of pipes the plan yields
	dist      *districtMap
}

// newPlan lays out the city for cfg, adjusting its radius until the number
// of street edges is close to cfg.Segments.
func newPlan(cfg Config) *plan {
	p := &plan{seed: cfg.Seed, target: cfg.Segments, connected: cfg.Connected,
		proj: newProjection(cfg.CenterLon, cfg.CenterLat), shape: drawShape(cfg.Seed)}
	r0 := math.Sqrt(float64(cfg.Segments) * 15000 / math.Pi)
	bestR, bestErr := r0, math.Inf(1)
	for it := 0; it < 8; it++ {
		p.layout(r0)
		n := p.countPipes()
		e := math.Abs(float64(n-p.target)) / float64(p.target)
		if e < bestErr {
			bestR, bestErr = r0, e
		}
		if e < 0.004 {
			break
		}
		r0 *= math.Sqrt(float64(p.target) / math.Max(1, float64(n)))
	}
	if p.r0 != bestR {
		p.layout(bestR)
	}
	p.pipes = p.countPipes()
	p.dist = newDistrictMap(p.seed, p.r0, p.shape.maxRadius(p.r0)+150, p.target)
	return p
}

// layout places the grid lines and nodes for nominal radius r0.
func (p *plan) layout(r0 float64) {
	p.r0 = r0
	lim := 1.3*r0 + 260
	p.xs, p.ax.c = gridLines(p.xs, p.seed, tagColumn, r0, lim)
	p.ys, p.ay.c = gridLines(p.ys, p.seed, tagRow, r0, lim)
	p.nx, p.ny = len(p.xs), len(p.ys)
	p.placeNodes()
	p.ax = markAxis(p.ax, p.xs, r0, p.shape.artStep[0])
	p.ay = markAxis(p.ay, p.ys, r0, p.shape.artStep[1])
}

// gridLines returns grid line positions covering [-lim, lim] and the index
// of the line through 0. Block sizes grow from about 95 m in the core to
// about 190 m at the edge, each varied at random within 80–250 m.
func gridLines(dst []float64, seed int64, tag uint64, r0, lim float64) ([]float64, int) {
	dst = dst[:0]
	for k, x := -1, 0.0; x > -lim; k-- {
		x -= lineSpacing(seed, tag, k, x, r0)
		dst = append(dst, x)
	}
	slices.Reverse(dst)
	c := len(dst)
	dst = append(dst, 0)
	for k, x := 1, 0.0; x < lim; k++ {
		x += lineSpacing(seed, tag, k, x, r0)
		dst = append(dst, x)
	}
	return dst, c
}

func lineSpacing(seed int64, tag uint64, k int, from, r0 float64) float64 {
	f := smoothstep(0.15, 0.9, math.Abs(from)/r0)
	return clamp((95+95*f)*(0.75+0.55*unitHash(seed, tag, k, 0)), 80, 250)
}

func smoothstep(a, b, x float64) float64 {
	t := clamp((x-a)/(b-a), 0, 1)
	return t * t * (3 - 2*t)
}

// placeNodes warps and jitters every grid node and marks those inside the
// city outline.
func (p *plan) placeNodes() {
	n := p.nx * p.ny
	p.nodes = slices.Grow(p.nodes[:0], n)[:n]
	p.inside = slices.Grow(p.inside[:0], n)[:n]
	s := newStream()
	for j := range p.ny {
		for i := range p.nx {
			base := vec{p.xs[i], p.ys[j]}
			r := s.at(p.seed, tagNode, i-p.ax.c, j-p.ay.c)
			jit := vec{uniform(r, -6, 6), uniform(r, -6, 6)}
			pos := base.add(p.shape.warp(base, p.r0)).add(jit)
			p.nodes[j*p.nx+i] = pos
			p.inside[j*p.nx+i] = pos.norm() <= p.shape.radius(p.r0, math.Atan2(pos.y, pos.x))
		}
	}
}

// markAxis finds the ring, spoke and arterial lines along one axis.
func markAxis(a axis, xs []float64, r0 float64, step int) axis {
	a.ringLo = lineAt(xs, a.c, -ringFrac*r0)
	a.ringHi = lineAt(xs, a.c, ringFrac*r0)
	a.spokeLo = a.c - max(1, (a.c-a.ringLo)/4)
	a.spokeHi = a.c + max(1, (a.ringHi-a.c)/4)
	a.art = slices.Grow(a.art[:0], len(xs))[:len(xs)]
	for i := range a.art {
		d := i - a.c
		a.art[i] = d%step == 0
	}
	return a
}

// lineAt returns the first line at or beyond x, walking out from line c.
func lineAt(xs []float64, c int, x float64) int {
	if x >= 0 {
		for i := c + 1; i < len(xs); i++ {
			if xs[i] >= x {
				return i
			}
		}
		return len(xs) - 1
	}
	for i := c - 1; i >= 0; i-- {
		if xs[i] <= x {
			return i
		}
	}
	return 0
}

// node returns the position of node (i, j) and whether it is in the city.
func (p *plan) node(i, j int) (vec, bool) {
	if i < 0 || j < 0 || i >= p.nx || j >= p.ny {
		return vec{}, false
	}
	k := j*p.nx + i
	return p.nodes[k], p.inside[k]
}

// zoneAt returns the development zone of a point; fuzz (a small signed
// fraction) blurs the boundaries between eras.
func (p *plan) zoneAt(pt vec, fuzz float64) zone {
	f := pt.norm() / p.r0 * (1 + fuzz)
	switch {
	case f < coreFrac:
		return zoneCore
	case f < middleFrac:
		return zoneMiddle
	}
	return zoneOuter
}
