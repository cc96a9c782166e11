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

// sizeMM is the page's width and height in millimetres.
func (p Page) sizeMM() (float64, float64) {
	w, h, _ := paperMM(p.Size)
	if p.Landscape {
		return h, w
	}
	return w, h
}

// Page furniture, in millimetres: the margin all round, the title band,
// the gap between the frame and the footer, a legend line and a notes
// line.
const (
	marginMM    = 10
	titleMM     = 16
	footGapMM   = 4
	lineMM      = 4.6 // at 9 pt
	smallLineMM = 4.2 // at 7.5 pt
	legendLines = 6
	noteLines   = 5
	scaleMM     = 15 // labels, bar and scale
)

// sheet is where the parts of the page go: the title band at the top,
// the map frame, and the footer's blocks (legend, scale bar, notes) below
// it — side by side in landscape, in two rows in portrait (legend and
// notes, then the scale bar). The boxes depend on the page alone, so
// that the area read for the map (Frame) is the area drawn.
type sheet struct {
	page, title, frame, legend, scale, notes box
}

func (p Page) sheet() sheet {
	w, h := p.sizeMM()
	s := sheet{page: box{0, 0, w, h}, title: box{marginMM, marginMM, w - marginMM, marginMM + titleMM}}
	inner := w - 2*marginMM
	legendH := legendLines * lineMM
	bottom := h - marginMM
	if p.Landscape {
		top := bottom - legendH
		s.legend = box{marginMM, top, marginMM + inner*0.45, bottom}
		s.scale = box{s.legend.X1 + footGapMM, top, marginMM + inner*0.68, bottom}
		s.notes = box{s.scale.X1 + footGapMM, top, w - marginMM, bottom}
		s.frame = box{marginMM, s.title.Y1, w - marginMM, top - footGapMM}
		return s
	}
	s.scale = box{marginMM, bottom - scaleMM, marginMM + inner*0.6, bottom}
	top := s.scale.Y0 - footGapMM/2 - legendH
	s.legend = box{marginMM, top, marginMM + inner*0.62, s.scale.Y0 - footGapMM/2}
	s.notes = box{s.legend.X1 + footGapMM, top, w - marginMM, s.legend.Y1}
	s.frame = box{marginMM, s.title.Y1, w - marginMM, top - footGapMM}
	return s
}

// mm converts millimetres on paper to pixels.
func (p Page) mm(v float64) float64 { return v / 25.4 * float64(p.DPI) }

// Frame is the rectangle, in pixels, the map itself is drawn in.
func (p Page) Frame() image.Rectangle {
	f := p.sheet().frame
	return image.Rect(int(p.mm(f.X0)), int(p.mm(f.Y0)), int(p.mm(f.X1)), int(p.mm(f.Y1)))
}
