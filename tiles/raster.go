package tiles

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"slices"
	"sync"

	"golang.org/x/image/vector"

	"gasrisk/paint"
	"gasrisk/riskmodel"
)

// TileSize is the width and height of a raster tile at scale 1, in pixels.
const TileSize = 256

// renderer draws PNG tiles from decoded vector tiles. It reuses its
// rasterizers and PNG buffers between tiles; it is safe for concurrent use.
type renderer struct {
	rasterizers sync.Pool // *vector.Rasterizer
	enc         png.Encoder
}

func newRenderer() *renderer {
	r := &renderer{enc: png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngBuffers{}}}
	r.rasterizers.New = func() any { return vector.NewRasterizer(TileSize, TileSize) }
	return r
}

// pngBuffers lets the PNG encoder reuse its buffers.
type pngBuffers struct{ p sync.Pool }

func (b *pngBuffers) Get() *png.EncoderBuffer {
	v, _ := b.p.Get().(*png.EncoderBuffer)
	return v
}
func (b *pngBuffers) Put(v *png.EncoderBuffer) { b.p.Put(v) }

// shape is one feature's geometry in pixels, with how to draw it.
type shape struct {
	parts [][]point
	typ   GeomType
	rank  int  // grade rank for DrawGrades, -1 without a grade
	flag  bool // carries findings
	done  bool // a closed hazard
}

// render draws the features of layers as spec says, at zoom z, into a
// square PNG of TileSize·scale pixels.
func (r *renderer) render(layers []vtLayer, spec Layer, z, scale int) ([]byte, error) {
	size := TileSize * scale
	shapes := toPixels(layers, size)
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, size, size)), size: size}
	c.rz = r.rasterizers.Get().(*vector.Rasterizer)
	defer r.rasterizers.Put(c.rz)
	s := float64(scale)
	switch spec.Draw {
	case DrawHazards:
		shapes = slices.DeleteFunc(shapes, func(sh shape) bool { return sh.done })
		fallthrough
	case DrawGrades:
		w := lineWidth(z) * s
		for rank := -1; rank <= 3; rank++ {
			c.pass(gradeColor(rank), shapes, func(sh *shape) bool { return sh.typ != GeomPoint && sh.rank == rank }, w)
		}
		c.dots(shapes, dotRadius(z)*s, func(sh *shape) color.RGBA { return gradeColor(sh.rank) })
	case DrawLines:
		c.pass(rgb(RGBGrey), shapes, func(sh *shape) bool { return sh.typ != GeomPoint }, max(1, lineWidth(z)/2)*s)
	case DrawFill:
		c.pass(rgb(rgbFill), shapes, func(sh *shape) bool { return sh.typ == GeomPolygon }, 0)
	case DrawOutline:
		c.pass(rgb(rgbOutline), shapes, func(sh *shape) bool { return sh.typ != GeomPoint }, 1.25*s)
	case DrawPoints:
		c.pass(rgb(rgbStation), shapes, func(sh *shape) bool { return sh.typ == GeomPolygon && !sh.flag }, 0)
		c.pass(rgb(riskmodel.GradeRed.RGB()), shapes, func(sh *shape) bool { return sh.typ == GeomPolygon && sh.flag }, 0)
		c.dots(shapes, dotRadius(z)*s, func(sh *shape) color.RGBA {
			if sh.flag {
				return rgb(riskmodel.GradeRed.RGB())
			}
			return rgb(rgbStation)
		})
	}
	var buf bytes.Buffer
	if err := r.enc.Encode(&buf, c.img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// toPixels decodes every feature's geometry into pixel coordinates;
// features whose geometry cannot be decoded are left out.
func toPixels(layers []vtLayer, size int) []shape {
	var out []shape
	for li := range layers {
		l := &layers[li]
		k := float64(size) / float64(l.Extent)
		for fi := range l.Features {
			f := &l.Features[fi]
			parts, err := f.parts()
			if err != nil {
				continue
			}
			for _, p := range parts {
				for i := range p {
					p[i] = point{X: clampCoord(p[i].X * k), Y: clampCoord(p[i].Y * k)}
				}
			}
			findings, _ := l.property(f, "findings").(string)
			sh := shape{parts: parts, typ: f.Type, rank: gradeRank(l.property(f, "grade")), flag: findings != "",
				done: l.property(f, "state") == "closed"}
			if sh.rank < 0 && sh.flag {
				sh.rank = 3 // findings without a grade are drawn red
			}
			out = append(out, sh)
		}
	}
	return out
}

// clampCoord keeps far-away vertices of foreign tiles within what the
// rasterizer handles.
func clampCoord(v float64) float64 { return max(-1e5, min(1e5, v)) }

// canvas is an image with a rasterizer to paint it.
type canvas struct {
	img  *image.RGBA
	size int
	rz   *vector.Rasterizer
}

// pass paints, in one colour, the shapes that match: lines and rings
// stroked with width w, or polygons filled when w is 0.
func (c *canvas) pass(col color.RGBA, shapes []shape, match func(*shape) bool, w float64) {
	c.rz.Reset(c.size, c.size)
	n := 0
	for i := range shapes {
		sh := &shapes[i]
		if !match(sh) {
			continue
		}
		for _, p := range sh.parts {
			if w == 0 {
				paint.Ring(c.rz, p)
			} else {
				paint.Stroke(c.rz, p, w)
			}
		}
		n++
	}
	if n > 0 {
		c.rz.Draw(c.img, c.img.Bounds(), image.NewUniform(col), image.Point{})
	}
}

// dots paints point shapes as discs with a white rim, each in its colour.
func (c *canvas) dots(shapes []shape, radius float64, colorOf func(*shape) color.RGBA) {
	var pts []*shape
	for i := range shapes {
		if shapes[i].typ == GeomPoint {
			pts = append(pts, &shapes[i])
		}
	}
	if len(pts) == 0 {
		return
	}
	byColor := map[color.RGBA][]*shape{rgb(rgbHalo): pts}
	order := []color.RGBA{rgb(rgbHalo)}
	for _, sh := range pts {
		col := colorOf(sh)
		if _, ok := byColor[col]; !ok {
			order = append(order, col)
		}
		byColor[col] = append(byColor[col], sh)
	}
	for i, col := range order {
		r := radius
		if i == 0 {
			r = radius + 1
		}
		c.rz.Reset(c.size, c.size)
		for _, sh := range byColor[col] {
			for _, p := range sh.parts {
				paint.Disc(c.rz, p[0], r, paint.JoinSides)
			}
		}
		c.rz.Draw(c.img, c.img.Bounds(), image.NewUniform(col), image.Point{})
	}
}
