// Package paint adds the shapes gasrisk's maps are drawn from — stroked
// polylines, discs and rings — to a vector.Rasterizer. The raster tiles
// and the printed map both draw with it.
//
// Every shape winds the same way (a quad per line segment, a disc per
// vertex for round joins and caps), so that under the rasterizer's
// non-zero accumulation overlapping pieces merge instead of cancelling
// each other out.
package paint

import (
	"math"

	"golang.org/x/image/vector"
)

// Point is a position in the rasterizer's pixels.
type Point struct{ X, Y float64 }

// JoinSides is the number of sides of the polygon that stands in for the
// round joins of a stroke; at map stroke widths it is indistinguishable
// from a circle.
const JoinSides = 12

// Stroke outlines a polyline as a round-joined band of width w. Joins
// wholly outside the rasterizer's bounds are skipped.
func Stroke(z *vector.Rasterizer, line []Point, w float64) {
	h := w / 2
	for i := 0; i+1 < len(line); i++ {
		a, b := line[i], line[i+1]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*h, dx/l*h
		z.MoveTo(float32(a.X+nx), float32(a.Y+ny))
		z.LineTo(float32(b.X+nx), float32(b.Y+ny))
		z.LineTo(float32(b.X-nx), float32(b.Y-ny))
		z.LineTo(float32(a.X-nx), float32(a.Y-ny))
		z.ClosePath()
	}
	for _, p := range line {
		if visible(z, p, h) {
			Disc(z, p, h, JoinSides)
		}
	}
}

// Disc adds a filled circle of radius r at c as a polygon of the given
// number of sides, wound like Stroke's quads.
func Disc(z *vector.Rasterizer, c Point, r float64, sides int) {
	z.MoveTo(float32(c.X+r), float32(c.Y))
	for k := 1; k < sides; k++ {
		a := -2 * math.Pi * float64(k) / float64(sides)
		z.LineTo(float32(c.X+r*math.Cos(a)), float32(c.Y+r*math.Sin(a)))
	}
	z.ClosePath()
}

// Ring adds a closed ring, such as a polygon's boundary; a ring of fewer
// than three points adds nothing.
func Ring(z *vector.Rasterizer, ring []Point) {
	if len(ring) < 3 {
		return
	}
	z.MoveTo(float32(ring[0].X), float32(ring[0].Y))
	for _, p := range ring[1:] {
		z.LineTo(float32(p.X), float32(p.Y))
	}
	z.ClosePath()
}

// visible reports whether a disc of radius r at p touches the
// rasterizer's area.
func visible(z *vector.Rasterizer, p Point, r float64) bool {
	s := z.Size()
	return p.X+r >= 0 && p.Y+r >= 0 && p.X-r <= float64(s.X) && p.Y-r <= float64(s.Y)
}
