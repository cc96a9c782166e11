package printmap

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// pt is a point in pixels.
type pt struct{ X, Y float64 }

// canvas draws antialiased shapes and text onto an image.
type canvas struct{ img *image.RGBA }

// shape rasterizes what build adds (in coordinates relative to r.Min),
// clipped to r, and paints it in col.
func (c *canvas) shape(r image.Rectangle, col color.Color, build func(z *vector.Rasterizer)) {
	if r.Empty() {
		return
	}
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	build(z)
	z.Draw(c.img, r, image.NewUniform(col), image.Point{})
}

// rel is p relative to the corner o (for shapes drawn in a small
// rectangle rather than the whole page).
func rel(p pt, o image.Point) pt { return pt{p.X - float64(o.X), p.Y - float64(o.Y)} }

// rect fills a rectangle.
func (c *canvas) rect(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// box outlines a rectangle with a line of width w pixels inside it.
func (c *canvas) box(r image.Rectangle, w int, col color.Color) {
	c.rect(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+w), col)
	c.rect(image.Rect(r.Min.X, r.Max.Y-w, r.Max.X, r.Max.Y), col)
	c.rect(image.Rect(r.Min.X, r.Min.Y, r.Min.X+w, r.Max.Y), col)
	c.rect(image.Rect(r.Max.X-w, r.Min.Y, r.Max.X, r.Max.Y), col)
}

// Strokes are quads per segment and discs per vertex that all wind the
// same way, so that under the rasterizer's non-zero accumulation
// overlapping pieces merge instead of cancelling out.

// stroke outlines a polyline as a round-joined band of width w.
func stroke(z *vector.Rasterizer, line []pt, w float64) {
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
		disc(z, p, h)
	}
}

// disc adds a circle of radius r, wound like stroke's quads.
func disc(z *vector.Rasterizer, c pt, r float64) {
	const sides = 24
	z.MoveTo(float32(c.X+r), float32(c.Y))
	for i := 1; i < sides; i++ {
		a := -2 * math.Pi * float64(i) / sides
		z.LineTo(float32(c.X+r*math.Cos(a)), float32(c.Y+r*math.Sin(a)))
	}
	z.ClosePath()
}

// polygon adds a closed ring.
func polygon(z *vector.Rasterizer, ring []pt) {
	if len(ring) < 3 {
		return
	}
	z.MoveTo(float32(ring[0].X), float32(ring[0].Y))
	for _, p := range ring[1:] {
		z.LineTo(float32(p.X), float32(p.Y))
	}
	z.ClosePath()
}

// text draws s with its baseline's left end at (x, y) and returns its
// advance in pixels.
func (c *canvas) text(face font.Face, s string, x, y int, col color.Color) int {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
	return d.Dot.X.Round() - x
}

// width is the advance of s in pixels.
func width(face font.Face, s string) int { return font.MeasureString(face, s).Round() }
