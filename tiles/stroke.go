package tiles

import "math"

// Strokes are built from filled shapes that all wind the same way (a quad
// per segment, a disc per vertex for round joins and caps), so that under
// the rasterizer's non-zero accumulation overlapping pieces merge instead
// of cancelling each other out.

// discSides is the number of sides of the polygon that stands in for a
// circle; at tile stroke widths (≤ 8 px) it is indistinguishable.
const discSides = 12

// stroke outlines the polyline with a round-joined band of width w.
func (c *canvas) stroke(line []point, w float64) {
	h := w / 2
	for i := 0; i+1 < len(line); i++ {
		a, b := line[i], line[i+1]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*h, dx/l*h
		c.rz.MoveTo(float32(a.X+nx), float32(a.Y+ny))
		c.rz.LineTo(float32(b.X+nx), float32(b.Y+ny))
		c.rz.LineTo(float32(b.X-nx), float32(b.Y-ny))
		c.rz.LineTo(float32(a.X-nx), float32(a.Y-ny))
		c.rz.ClosePath()
	}
	for _, p := range line {
		if c.visible(p, h) {
			c.disc(p, h)
		}
	}
}

// visible reports whether a disc of radius r at p touches the canvas.
func (c *canvas) visible(p point, r float64) bool {
	s := float64(c.size)
	return p.X+r >= 0 && p.Y+r >= 0 && p.X-r <= s && p.Y-r <= s
}

// disc adds a filled circle of radius r at p, wound like the stroke quads.
func (c *canvas) disc(p point, r float64) {
	c.rz.MoveTo(float32(p.X+r), float32(p.Y))
	for k := 1; k < discSides; k++ {
		a := -2 * math.Pi * float64(k) / discSides
		c.rz.LineTo(float32(p.X+r*math.Cos(a)), float32(p.Y+r*math.Sin(a)))
	}
	c.rz.ClosePath()
}
