package printmap

import (
	"image"
	"image/color"
	"image/png"
	"io"

	"golang.org/x/image/font"
	"golang.org/x/image/vector"

	"gasrisk/paint"
	"gasrisk/riskmodel"
)

// Colours of the page, as 0xRRGGBB.
const (
	white = 0xFFFFFF
	black = 0x000000
	grey  = 0x969696
	dark  = 0x3C3C3C
	paper = 0xF2F2F2
)

// rgb is an opaque colour from 0xRRGGBB.
func rgb(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255} }

// GradeColour is the colour of a grade on the four-colour map, the same
// as on the web map and the raster tiles.
func GradeColour(grade string) color.RGBA { return rgb(riskmodel.Grade(grade).RGB()) }

// faces are the fonts of one page.
type faces struct{ title, normal, small font.Face }

func (r *Renderer) faces(p Page, lang string) (faces, error) {
	cjk := lang != "en"
	var fs faces
	var err error
	if fs.title, err = r.face(18, p.DPI, true, cjk); err != nil {
		return fs, err
	}
	if fs.normal, err = r.face(9, p.DPI, false, cjk); err != nil {
		return fs, err
	}
	fs.small, err = r.face(7.5, p.DPI, false, cjk)
	return fs, err
}

// Render draws the map on its page. Chinese labels need a CJK font; with
// none, the labels are English. It waits while maxConcurrentPages other
// pages are being drawn.
func (r *Renderer) Render(m Map) (*image.RGBA, error) {
	page, err := m.Page.Normalize()
	if err != nil {
		return nil, err
	}
	m.Page = page
	r.slots <- struct{}{}
	defer func() { <-r.slots }()
	if m.Lang != "en" && !r.HasCJK() {
		m.Lang = "en"
	}
	fs, err := r.faces(page, m.Lang)
	if err != nil {
		return nil, err
	}
	lay := page.layout()
	c := &canvas{img: image.NewRGBA(lay.page)}
	c.rect(lay.page, rgb(white))
	v := newView(m.Bounds.Fit(lay.frame.Dx(), lay.frame.Dy(), 0.03), lay.frame)
	c.drawMap(m, v)
	c.box(lay.frame, max(1, int(page.mm(0.4))), rgb(black))
	c.northArrow(lay.frame, page, fs, m.Lang)
	c.title(lay.title, fs, titleText(m.Area, m.Lang))
	c.footer(lay.footer, m, v, fs)
	return c.img, nil
}

// WritePNG renders the map and encodes it as PNG.
func (r *Renderer) WritePNG(w io.Writer, m Map) error {
	img, err := r.Render(m)
	if err != nil {
		return err
	}
	return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
}

// view maps the map's CRS onto the frame: metres to pixels relative to
// the frame's corner, north up.
type view struct {
	b     Rect
	frame image.Rectangle
	scale float64 // pixels per metre
}

func newView(b Rect, frame image.Rectangle) view {
	return view{b: b, frame: frame, scale: float64(frame.Dx()) / b.Dx()}
}

func (v view) px(p XY) pt { return pt{X: (p[0] - v.b.MinX) * v.scale, Y: (v.b.MaxY - p[1]) * v.scale} }

// path converts a line, dropping points less than half a pixel from the
// last one kept.
func (v view) path(ps []XY) []pt {
	out := make([]pt, 0, len(ps))
	for i, p := range ps {
		q := v.px(p)
		if n := len(out); n > 0 && i < len(ps)-1 {
			if d := out[n-1]; (q.X-d.X)*(q.X-d.X)+(q.Y-d.Y)*(q.Y-d.Y) < 0.25 {
				continue
			}
		}
		out = append(out, q)
	}
	return out
}

// drawMap draws the districts, the segments by grade (red on top) and the
// hazard markers inside the frame.
func (c *canvas) drawMap(m Map, v view) {
	p := m.Page
	c.shape(v.frame, rgb(paper), func(z *vector.Rasterizer) {
		for _, d := range m.Highlight {
			paint.Ring(z, v.path(d))
		}
	})
	c.shape(v.frame, rgb(grey), func(z *vector.Rasterizer) {
		for _, d := range m.Districts {
			paint.Stroke(z, append(v.path(d), v.px(d[0])), p.mm(0.25))
		}
	})
	c.shape(v.frame, rgb(dark), func(z *vector.Rasterizer) {
		for _, d := range m.Highlight {
			paint.Stroke(z, append(v.path(d), v.px(d[0])), p.mm(0.7))
		}
	})
	widths := map[string]float64{"blue": 0.35, "yellow": 0.45, "orange": 0.6, "red": 0.8}
	for i := len(gradeOrder()) - 1; i >= 0; i-- {
		g := gradeOrder()[i]
		c.shape(v.frame, GradeColour(g), func(z *vector.Rasterizer) {
			for _, l := range m.Lines {
				if l.Grade == g {
					paint.Stroke(z, v.path(l.Points), p.mm(widths[g]))
				}
			}
		})
	}
	c.markers(m, v)
}

// markers draws each hazard as a dot in its grade's colour with a white
// rim; listed ones get a black ring.
func (c *canvas) markers(m Map, v view) {
	p := m.Page
	c.shape(v.frame, rgb(black), func(z *vector.Rasterizer) {
		for _, h := range m.Hazards {
			if h.Listed {
				paint.Disc(z, v.px(h.At), p.mm(1.9), discSides)
			}
		}
	})
	c.shape(v.frame, rgb(white), func(z *vector.Rasterizer) {
		for _, h := range m.Hazards {
			paint.Disc(z, v.px(h.At), p.mm(1.4), discSides)
		}
	})
	for _, g := range gradeOrder() {
		c.shape(v.frame, GradeColour(g), func(z *vector.Rasterizer) {
			for _, h := range m.Hazards {
				if h.Grade == g {
					paint.Disc(z, v.px(h.At), p.mm(1.0), discSides)
				}
			}
		})
	}
}
