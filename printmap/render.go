package printmap

import (
	"image"
	"image/color"
	"image/png"
	"io"

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

// page is a map laid out on its paper: the view of the frame and the
// items around it.
type page struct {
	m     Map
	sheet sheet
	view  view
	items []item
}

// layout normalizes the page, falls back to English without a CJK font,
// and places everything around the map.
func (r *Renderer) layout(m Map) (page, error) {
	p, err := m.Page.Normalize()
	if err != nil {
		return page{}, err
	}
	m.Page = p
	if m.Lang != "en" && !r.HasCJK() {
		m.Lang = "en"
	}
	ms, err := r.metrics()
	if err != nil {
		return page{}, err
	}
	s := p.sheet()
	v := newView(m.Bounds.Fit(int(s.frame.W()*100), int(s.frame.H()*100), 0.03), s.frame)
	items := []item{ms.titleItem(s.title, titleText(m.Area, m.Lang))}
	items = append(items, ms.northItems(s.frame, m.Lang)...)
	items = append(items, ms.legendItems(s.legend, m)...)
	items = append(items, ms.scaleItems(s.scale, v, m.Lang)...)
	items = append(items, ms.noteItems(s.notes, m)...)
	return page{m: m, sheet: s, view: v, items: items}, nil
}

// draw draws the map in its frame, the frame, and the items.
func (pg page) draw(c surface) {
	pg.view.step = c.minStep()
	c.clip(pg.sheet.frame)
	pg.view.drawMap(c, pg.m)
	c.unclip()
	c.strokeRect(pg.sheet.frame, 0.4, rgb(black))
	for _, it := range pg.items {
		it.draw(c)
	}
}

// Render draws the map on its page as an image. Chinese labels need a
// CJK font; with none, the labels are English. It waits while
// maxConcurrentPages other pages are being drawn.
func (r *Renderer) Render(m Map) (*image.RGBA, error) {
	pg, err := r.layout(m)
	if err != nil {
		return nil, err
	}
	r.slots <- struct{}{}
	defer func() { <-r.slots }()
	c := newRaster(r, pg.m.Page)
	pg.draw(c)
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

// WritePDF draws the map as a one-page vector PDF with its font embedded
// (the page's resolution only sets how finely lines were simplified).
func (r *Renderer) WritePDF(w io.Writer, m Map) error {
	pg, err := r.layout(m)
	if err != nil {
		return err
	}
	r.slots <- struct{}{}
	defer func() { <-r.slots }()
	c := newPDF(r, pg.m.Page)
	pg.draw(c)
	return c.write(w)
}

// view maps the map's CRS onto the frame: metres to millimetres on the
// page, north up.
type view struct {
	b     Rect
	frame box
	scale float64 // mm per metre
	step  float64 // mm: points closer than this to the last one are dropped
}

func newView(b Rect, frame box) view {
	return view{b: b, frame: frame, scale: frame.W() / b.Dx()}
}

func (v view) px(p XY) pt {
	return pt{X: v.frame.X0 + (p[0]-v.b.MinX)*v.scale, Y: v.frame.Y0 + (v.b.MaxY-p[1])*v.scale}
}

// path converts a line, dropping points closer than step to the last one
// kept.
func (v view) path(ps []XY) []pt {
	out := make([]pt, 0, len(ps))
	s2 := v.step * v.step
	for i, p := range ps {
		q := v.px(p)
		if n := len(out); n > 0 && i < len(ps)-1 {
			if d := out[n-1]; (q.X-d.X)*(q.X-d.X)+(q.Y-d.Y)*(q.Y-d.Y) < s2 {
				continue
			}
		}
		out = append(out, q)
	}
	return out
}

// ring is a closed path of a polygon.
func (v view) ring(d Polygon) []pt { return append(v.path(d), v.px(d[0])) }

// drawMap draws the districts, the segments by grade (red on top) and the
// hazard markers.
func (v view) drawMap(c surface, m Map) {
	c.fillRect(v.frame, rgb(white))
	var hl, ds [][]pt
	for _, d := range m.Highlight {
		if len(d) > 0 {
			hl = append(hl, v.ring(d))
		}
	}
	for _, d := range m.Districts {
		if len(d) > 0 {
			ds = append(ds, v.ring(d))
		}
	}
	c.fill(rgb(paper), hl...)
	c.stroke(rgb(grey), 0.25, ds...)
	c.stroke(rgb(dark), 0.7, hl...)
	widths := map[string]float64{"blue": 0.35, "yellow": 0.45, "orange": 0.6, "red": 0.8}
	order := gradeOrder()
	for i := len(order) - 1; i >= 0; i-- {
		g := order[i]
		var ls [][]pt
		for _, l := range m.Lines {
			if l.Grade == g {
				ls = append(ls, v.path(l.Points))
			}
		}
		c.stroke(GradeColour(g), widths[g], ls...)
	}
	v.markers(c, m)
}

// markers draws each hazard as a dot in its grade's colour with a white
// rim; listed ones get a black ring.
func (v view) markers(c surface, m Map) {
	var listed, all []pt
	byGrade := map[string][]pt{}
	for _, h := range m.Hazards {
		p := v.px(h.At)
		all = append(all, p)
		if h.Listed {
			listed = append(listed, p)
		}
		byGrade[h.Grade] = append(byGrade[h.Grade], p)
	}
	c.discs(rgb(black), 1.9, listed...)
	c.discs(rgb(white), 1.4, all...)
	for _, g := range gradeOrder() {
		c.discs(GradeColour(g), 1.0, byGrade[g]...)
	}
}
