package printmap

import (
	"image"
	"math"
	"strings"

	"gasrisk"
)

// Page is the paper and the resolution of a printed map.
type Page struct {
	Size      string // "A4" (default) or "A3"
	Landscape bool
	DPI       int // dots per inch, 72–300; 0 means 150
}

// DefaultDPI is the resolution when none is given.
const DefaultDPI = 150

// paperMM is the ISO 216 size of a paper in millimetres, portrait.
func paperMM(size string) (float64, float64, bool) {
	switch strings.ToUpper(size) {
	case "A4", "":
		return 210, 297, true
	case "A3":
		return 297, 420, true
	}
	return 0, 0, false
}

// Normalize fills in the defaults and checks the page.
func (p Page) Normalize() (Page, error) {
	if _, _, ok := paperMM(p.Size); !ok {
		return p, gasrisk.Errorf(gasrisk.EINVALID, "paper size %q: want A4 or A3", p.Size)
	}
	p.Size = strings.ToUpper(p.Size)
	if p.Size == "" {
		p.Size = "A4"
	}
	if p.DPI == 0 {
		p.DPI = DefaultDPI
	}
	if p.DPI < 72 || p.DPI > 300 {
		return p, gasrisk.Errorf(gasrisk.EINVALID, "resolution %d dpi: want 72–300", p.DPI)
	}
	return p, nil
}

// Pixels is the page's size in pixels at its resolution.
func (p Page) Pixels() (int, int) {
	w, h, _ := paperMM(p.Size)
	if p.Landscape {
		w, h = h, w
	}
	dpi := float64(p.DPI)
	if dpi == 0 {
		dpi = DefaultDPI
	}
	return int(math.Round(w / 25.4 * dpi)), int(math.Round(h / 25.4 * dpi))
}

// mm converts millimetres on paper to pixels.
func (p Page) mm(v float64) float64 { return v / 25.4 * float64(p.DPI) }

// layout is where the parts of the page go.
type layout struct {
	page, title, frame, footer image.Rectangle
}

// Frame is the rectangle, in pixels, the map itself is drawn in.
func (p Page) Frame() image.Rectangle { return p.layout().frame }

// layout: a margin all round, the title band at the top, the footer band
// (legend, scale bar, notes) at the bottom, the map frame between.
func (p Page) layout() layout {
	w, h := p.Pixels()
	m := int(p.mm(10))
	titleH := int(p.mm(16))
	footH := int(p.mm(30))
	return layout{
		page:   image.Rect(0, 0, w, h),
		title:  image.Rect(m, m, w-m, m+titleH),
		frame:  image.Rect(m, m+titleH, w-m, h-m-footH),
		footer: image.Rect(m, h-m-footH, w-m, h-m),
	}
}
