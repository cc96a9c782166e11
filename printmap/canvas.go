package printmap

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"gasrisk/paint"
)

// pt is a point in pixels.
type pt = paint.Point

// discSides is the number of sides of the polygons that stand in for the
// map's circular markers (larger than a tile's joins, so rounder).
const discSides = 24

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
func rel(p pt, o image.Point) pt { return pt{X: p.X - float64(o.X), Y: p.Y - float64(o.Y)} }

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

// text draws s with its baseline's left end at (x, y) and returns its
// advance in pixels.
func (c *canvas) text(face font.Face, s string, x, y int, col color.Color) int {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
	return d.Dot.X.Round() - x
}

// width is the advance of s in pixels.
func width(face font.Face, s string) int { return font.MeasureString(face, s).Round() }
