package printmap

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"gasrisk/paint"
)

// pt is a point on the page in mm (in pixels once a raster converts it).
type pt = paint.Point

// discSides is the number of sides of the polygons that stand in for the
// map's circular markers (larger than a tile's joins, so rounder).
const discSides = 24

// raster draws a page into an image at the page's resolution.
type raster struct {
	img   *image.RGBA
	px    float64 // pixels per mm
	clipR image.Rectangle
	font  *opentype.Font
	faces map[float64]font.Face
}

func newRaster(r *Renderer, p Page) *raster {
	w, h := p.Pixels()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(rgb(white)), image.Point{}, draw.Src)
	return &raster{img: img, px: float64(p.DPI) / 25.4, clipR: img.Bounds(), font: r.font, faces: map[float64]font.Face{}}
}

// rect is b in pixels, clipped.
func (c *raster) rect(b box) image.Rectangle {
	r := image.Rect(int(math.Round(b.X0*c.px)), int(math.Round(b.Y0*c.px)), int(math.Round(b.X1*c.px)), int(math.Round(b.Y1*c.px)))
	return r.Intersect(c.clipR)
}

func (c *raster) fillRect(b box, col color.RGBA) {
	draw.Draw(c.img, c.rect(b), image.NewUniform(col), image.Point{}, draw.Over)
}

func (c *raster) strokeRect(b box, w float64, col color.RGBA) {
	h := w / 2
	c.fillRect(box{b.X0 - h, b.Y0 - h, b.X1 + h, b.Y0 + h}, col)
	c.fillRect(box{b.X0 - h, b.Y1 - h, b.X1 + h, b.Y1 + h}, col)
	c.fillRect(box{b.X0 - h, b.Y0 - h, b.X0 + h, b.Y1 + h}, col)
	c.fillRect(box{b.X1 - h, b.Y0 - h, b.X1 + h, b.Y1 + h}, col)
}

// shape rasterizes what add adds (in pixels relative to the corner of
// the area it covers, ext in mm grown by pad) and paints it in col.
func (c *raster) shape(col color.RGBA, ext box, add func(z *vector.Rasterizer, o pt)) {
	if !(ext.X0 <= ext.X1) { // nothing to draw (an inverted or NaN extent)
		return
	}
	r := c.rect(ext)
	if r.Empty() {
		return
	}
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	add(z, pt{X: float64(r.Min.X), Y: float64(r.Min.Y)})
	z.Draw(c.img, r, image.NewUniform(col), r.Min)
}

// extent is the box around the points of lines, grown by pad mm.
func extent(pad float64, lines ...[]pt) box {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, l := range lines {
		for _, p := range l {
			b = b.union(box{p.X, p.Y, p.X, p.Y})
		}
	}
	return box{b.X0 - pad, b.Y0 - pad, b.X1 + pad, b.Y1 + pad}
}

// pixels converts a line in mm to pixels relative to o.
func (c *raster) pixels(l []pt, o pt) []pt {
	out := make([]pt, len(l))
	for i, p := range l {
		out[i] = pt{X: p.X*c.px - o.X, Y: p.Y*c.px - o.Y}
	}
	return out
}

func (c *raster) fill(col color.RGBA, rings ...[]pt) {
	c.shape(col, extent(0.5, rings...), func(z *vector.Rasterizer, o pt) {
		for _, r := range rings {
			paint.Ring(z, c.pixels(r, o))
		}
	})
}

func (c *raster) stroke(col color.RGBA, w float64, lines ...[]pt) {
	c.shape(col, extent(w, lines...), func(z *vector.Rasterizer, o pt) {
		for _, l := range lines {
			paint.Stroke(z, c.pixels(l, o), w*c.px)
		}
	})
}

func (c *raster) discs(col color.RGBA, r float64, centres ...pt) {
	c.shape(col, extent(r+0.5, centres), func(z *vector.Rasterizer, o pt) {
		for _, p := range centres {
			paint.Disc(z, pt{X: p.X*c.px - o.X, Y: p.Y*c.px - o.Y}, r*c.px, discSides)
		}
	})
}

func (c *raster) text(size float64, s string, x, y float64, col color.RGBA) {
	f, ok := c.faces[size]
	if !ok {
		var err error
		f, err = opentype.NewFace(c.font, &opentype.FaceOptions{Size: size, DPI: c.px * 25.4, Hinting: font.HintingNone})
		if err != nil {
			return // the font parsed when the renderer was made: sizes do not fail
		}
		c.faces[size] = f
	}
	dst := c.img.SubImage(c.clipR).(*image.RGBA)
	d := font.Drawer{Dst: dst, Src: image.NewUniform(col), Face: f,
		Dot: fixed.Point26_6{X: fixed.Int26_6(x * c.px * 64), Y: fixed.Int26_6(y * c.px * 64)}}
	d.DrawString(s)
}

func (c *raster) clip(b box) { c.clipR = c.rect(b) }

func (c *raster) unclip() { c.clipR = c.img.Bounds() }

// minStep is half a pixel.
func (c *raster) minStep() float64 { return 0.5 / c.px }
