package printmap

import (
	"image/color"
	"io"

	"github.com/go-pdf/fpdf"
)

// pdfFont is the name the page's font is registered under.
const pdfFont = "map"

// pdfPage draws a page as vectors into a PDF document, its font
// embedded.
type pdfPage struct{ d *fpdf.Fpdf }

func newPDF(r *Renderer, p Page) *pdfPage {
	w, h := p.sizeMM()
	d := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
	d.SetAutoPageBreak(false, 0)
	d.SetMargins(0, 0, 0)
	d.SetCreator("gasrisk", true)
	d.AddUTF8FontFromBytes(pdfFont, "", r.ttf)
	d.AddPage()
	d.SetLineCapStyle("round")
	d.SetLineJoinStyle("round")
	return &pdfPage{d}
}

func (c *pdfPage) colour(col color.RGBA) {
	c.d.SetDrawColor(int(col.R), int(col.G), int(col.B))
	c.d.SetFillColor(int(col.R), int(col.G), int(col.B))
}

func (c *pdfPage) fillRect(b box, col color.RGBA) {
	c.colour(col)
	c.d.Rect(b.X0, b.Y0, b.W(), b.H(), "F")
}

func (c *pdfPage) strokeRect(b box, w float64, col color.RGBA) {
	c.colour(col)
	c.d.SetLineWidth(w)
	c.d.Rect(b.X0, b.Y0, b.W(), b.H(), "D")
}

// path adds the lines as subpaths of one path, closed if asked.
func (c *pdfPage) path(closed bool, lines [][]pt) bool {
	any := false
	for _, l := range lines {
		if len(l) < 2 {
			continue
		}
		any = true
		c.d.MoveTo(l[0].X, l[0].Y)
		for _, p := range l[1:] {
			c.d.LineTo(p.X, p.Y)
		}
		if closed {
			c.d.ClosePath()
		}
	}
	return any
}

func (c *pdfPage) fill(col color.RGBA, rings ...[]pt) {
	c.colour(col)
	if c.path(true, rings) {
		c.d.DrawPath("F")
	}
}

func (c *pdfPage) stroke(col color.RGBA, w float64, lines ...[]pt) {
	c.colour(col)
	c.d.SetLineWidth(w)
	if c.path(false, lines) {
		c.d.DrawPath("D")
	}
}

func (c *pdfPage) discs(col color.RGBA, r float64, centres ...pt) {
	c.colour(col)
	for _, p := range centres {
		c.d.Circle(p.X, p.Y, r, "F")
	}
}

func (c *pdfPage) text(size float64, s string, x, y float64, col color.RGBA) {
	c.d.SetFont(pdfFont, "", size)
	c.d.SetTextColor(int(col.R), int(col.G), int(col.B))
	c.d.Text(x, y, s)
}

func (c *pdfPage) clip(b box) { c.d.ClipRect(b.X0, b.Y0, b.W(), b.H(), false) }

func (c *pdfPage) unclip() { c.d.ClipEnd() }

// minStep is a tenth of a millimetre, finer than a 300 dpi print.
func (c *pdfPage) minStep() float64 { return 0.1 }

// write finishes the document.
func (c *pdfPage) write(w io.Writer) error { return c.d.Output(w) }
