package printmap

import (
	"fmt"
	"image"
	"math"

	"golang.org/x/image/vector"

	"gasrisk/paint"
)

// title centres the title in its band.
func (c *canvas) title(r image.Rectangle, fs faces, s string) {
	m := fs.title.Metrics()
	y := r.Min.Y + (r.Dy()+m.Ascent.Round()-m.Descent.Round())/2
	c.text(fs.title, s, r.Min.X+(r.Dx()-width(fs.title, s))/2, y, rgb(black))
}

// northArrow draws a north arrow (half black, half white) with its letter
// in the frame's top right corner, on a white patch.
func (c *canvas) northArrow(frame image.Rectangle, p Page, fs faces, lang string) {
	w, h := p.mm(7), p.mm(14)
	cx, top := float64(frame.Max.X)-p.mm(10), float64(frame.Min.Y)+p.mm(9)
	patch := image.Rect(int(cx-w), int(top-p.mm(6)), int(cx+w), int(top+h+p.mm(2)))
	c.rect(patch, rgb(white))
	c.box(patch, 1, rgb(grey))
	o := patch.Min
	tip, left := rel(pt{X: cx, Y: top}, o), rel(pt{X: cx - w/2, Y: top + h}, o)
	right, notch := rel(pt{X: cx + w/2, Y: top + h}, o), rel(pt{X: cx, Y: top + h*0.72}, o)
	c.shape(patch, rgb(black), func(z *vector.Rasterizer) {
		paint.Ring(z, []pt{tip, left, notch})
		paint.Stroke(z, []pt{tip, right, notch, tip}, p.mm(0.3))
	})
	n := text{"北", "N"}.in(lang)
	c.text(fs.normal, n, int(cx)-width(fs.normal, n)/2, int(top-p.mm(1.5)), rgb(black))
}

// footer draws the legend (left), the scale bar (middle) and the notes
// (right): run, dates and CRS.
func (c *canvas) footer(r image.Rectangle, m Map, v view, fs faces) {
	p := m.Page
	gap := int(p.mm(4))
	legend := image.Rect(r.Min.X, r.Min.Y+gap, r.Min.X+r.Dx()*45/100, r.Max.Y)
	scale := image.Rect(legend.Max.X, r.Min.Y+gap, r.Min.X+r.Dx()*68/100, r.Max.Y)
	notes := image.Rect(scale.Max.X+gap, r.Min.Y+gap, r.Max.X, r.Max.Y)
	c.legend(legend, m, fs)
	c.scaleBar(scale, v, p, fs, m.Lang)
	c.notes(notes, m, v, fs)
}

// legend lists the grades with their colour and km, and the markers.
func (c *canvas) legend(r image.Rectangle, m Map, fs faces) {
	p, lang := m.Page, m.Lang
	line := int(p.mm(4.6))
	x, y := r.Min.X, r.Min.Y+line/2
	c.text(fs.normal, text{"图例", "Legend"}.in(lang), x, y, rgb(black))
	col2 := x + r.Dx()/2
	for i, g := range gradeOrder() {
		yy := y + (i+1)*line
		r := image.Rect(x, yy-int(p.mm(3)), x+int(p.mm(10)), yy)
		c.shape(r, GradeColour(g), func(z *vector.Rasterizer) {
			paint.Stroke(z, []pt{{X: p.mm(0.6), Y: p.mm(1.8)}, {X: p.mm(9.4), Y: p.mm(1.8)}}, p.mm(1.2))
		})
		s := fmt.Sprintf("%s  %.2f km", gradeNames()[g].in(lang), m.Km[g])
		c.text(fs.normal, s, x+int(p.mm(12)), yy, rgb(black))
	}
	c.markerSample(pt{X: float64(col2) + p.mm(2), Y: float64(y+line) - p.mm(1.2)}, p, false)
	c.text(fs.normal, fmt.Sprintf(text{"较大及以上隐患（未销号） %d 处", "major hazards (not closed): %d"}.in(lang), m.OpenHazards), col2+int(p.mm(6)), y+line, rgb(black))
	c.markerSample(pt{X: float64(col2) + p.mm(2), Y: float64(y+2*line) - p.mm(1.2)}, p, true)
	c.text(fs.normal, fmt.Sprintf(text{"挂牌督办 %d 处", "listed supervision: %d"}.in(lang), m.ListedHazards), col2+int(p.mm(6)), y+2*line, rgb(black))
}

// markerSample draws one hazard marker for the legend.
func (c *canvas) markerSample(at pt, p Page, listed bool) {
	d := int(p.mm(2.5))
	r := image.Rect(int(at.X)-d, int(at.Y)-d, int(at.X)+d, int(at.Y)+d)
	c0 := rel(at, r.Min)
	if listed {
		c.shape(r, rgb(black), func(z *vector.Rasterizer) { paint.Disc(z, c0, p.mm(1.9), discSides) })
	}
	c.shape(r, rgb(white), func(z *vector.Rasterizer) { paint.Disc(z, c0, p.mm(1.4), discSides) })
	c.shape(r, GradeColour("red"), func(z *vector.Rasterizer) { paint.Disc(z, c0, p.mm(1.0), discSides) })
}

// niceLength is the largest 1, 2 or 5 × 10^k metres not above m.
func niceLength(m float64) float64 {
	if m <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(m)))
	for _, f := range []float64{5, 2, 1} {
		if f*e <= m {
			return f * e
		}
	}
	return e
}

// distance formats metres as m or km.
func distance(m float64) string {
	if m >= 1000 {
		return fmt.Sprintf("%g km", m/1000)
	}
	return fmt.Sprintf("%g m", m)
}

// scaleBar draws a bar of four alternating black and white blocks about
// a quarter of the frame wide, labelled at 0, half and full length.
func (c *canvas) scaleBar(r image.Rectangle, v view, p Page, fs faces, lang string) {
	total := niceLength(float64(v.frame.Dx()) / v.scale / 4)
	pxLen := total * v.scale
	x0, y0 := float64(r.Min.X)+p.mm(2), float64(r.Min.Y)+p.mm(9)
	h := p.mm(2)
	for i := 0; i < 4; i++ {
		b := image.Rect(int(x0+pxLen*float64(i)/4), int(y0), int(x0+pxLen*float64(i+1)/4), int(y0+h))
		if i%2 == 0 {
			c.rect(b, rgb(black))
		} else {
			c.rect(b, rgb(white))
		}
		c.box(b, 1, rgb(black))
	}
	for _, f := range []float64{0, 0.5, 1} {
		s := distance(total * f)
		if f == 0 {
			s = "0"
		}
		c.text(fs.small, s, int(x0+pxLen*f)-width(fs.small, s)/2, int(y0-p.mm(1.2)), rgb(black))
	}
	n := fmt.Sprintf("1:%s", roundScale(paperScale(v, p)))
	c.text(fs.normal, text{"比例尺 ", "Scale "}.in(lang)+n, int(x0), int(y0+h+p.mm(5)), rgb(black))
}

// paperScale is the map's scale on paper: metres on the ground per metre
// on the printed page.
func paperScale(v view, p Page) float64 {
	pxPerMetrePaper := float64(p.DPI) / 0.0254
	return pxPerMetrePaper / v.scale
}

// roundScale rounds a scale denominator to two significant digits with
// thousands separated.
func roundScale(s float64) string {
	e := math.Pow(10, math.Floor(math.Log10(math.Max(s, 1)))-1)
	n := int64(math.Round(s/e) * e)
	str := fmt.Sprint(n)
	for i := len(str) - 3; i > 0; i -= 3 {
		str = str[:i] + "," + str[i:]
	}
	return str
}

// notes prints the run, the dates and the CRS.
func (c *canvas) notes(r image.Rectangle, m Map, v view, fs faces) {
	lang := m.Lang
	lines := []string{
		fmt.Sprintf(text{"分析批次：第 %d 次", "Analysis run %d"}.in(lang), m.RunID),
		fmt.Sprintf(text{"评估基准日：%s", "As of %s"}.in(lang), m.AsOf),
		fmt.Sprintf(text{"制图日期：%s", "Printed %s"}.in(lang), m.Printed.Format("2006-01-02")),
		fmt.Sprintf(text{"坐标系：EPSG:%d", "CRS: EPSG:%d"}.in(lang), m.SRID),
		fmt.Sprintf(text{"图幅：%s", "Paper: %s"}.in(lang), m.Page.Size+orientation(m.Page, lang)),
	}
	line := int(m.Page.mm(4.2))
	for i, s := range lines {
		c.text(fs.small, s, r.Min.X, r.Min.Y+line/2+i*line, rgb(black))
	}
}

func orientation(p Page, lang string) string {
	if p.Landscape {
		return text{" 横向", " landscape"}.in(lang)
	}
	return text{" 纵向", " portrait"}.in(lang)
}
