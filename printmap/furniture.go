package printmap

import (
	"fmt"
	"math"
)

// northItems put a north arrow (half black, half white) with its letter in
// the frame's top right corner, on a white patch.
func (ms metrics) northItems(frame box, lang string) []item {
	w, h := 7.0, 14.0
	cx, top := frame.X1-10, frame.Y0+9
	n := text{"北", "N"}.in(lang)
	patch := box{cx - w, top - 6, cx + w, top + h + 2}
	tip, left := pt{X: cx, Y: top}, pt{X: cx - w/2, Y: top + h}
	right, notch := pt{X: cx + w/2, Y: top + h}, pt{X: cx, Y: top + h*0.72}
	letter := ms.label("north", normalPt, n, cx-ms.width(normalPt, n)/2, top-1.5)
	return []item{{name: "north arrow", text: n, box: patch, draw: func(c surface) {
		c.fillRect(patch, rgb(white))
		c.strokeRect(patch, 0.25, rgb(grey))
		c.fill(rgb(black), []pt{tip, left, notch})
		c.stroke(rgb(black), 0.3, []pt{tip, right, notch, tip})
		letter.draw(c)
	}}}
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

// scaleItems lay out in b a bar of four alternating black and white
// blocks as long as fits, labelled at 0, half and full length, and the
// scale on paper under it.
func (ms metrics) scaleItems(b box, v view, lang string) []item {
	pad := ms.width(smallPt, "00000 km")/2 + 1
	total := niceLength((b.W() - 2*pad) / v.scale)
	barW, barH := total*v.scale, 2.0
	x0 := b.X0 + pad
	labelY := b.Y0 + ms.ascent(smallPt)
	y0 := labelY + ms.descent(smallPt) + 0.8
	var items []item
	for _, f := range []float64{0, 0.5, 1} {
		s := distance(total * f)
		if f == 0 {
			s = "0"
		}
		items = append(items, ms.label("scale", smallPt, s, x0+barW*f-ms.width(smallPt, s)/2, labelY))
	}
	bar := box{x0, y0, x0 + barW, y0 + barH}
	items = append(items, item{name: "scale bar", box: bar.inset(-0.15), draw: func(c surface) {
		for i := 0; i < 4; i++ {
			blk := box{x0 + barW*float64(i)/4, y0, x0 + barW*float64(i+1)/4, y0 + barH}
			if i%2 == 0 {
				c.fillRect(blk, rgb(black))
			}
		}
		c.strokeRect(bar, 0.25, rgb(black))
	}})
	s := text{"比例尺 ", "Scale "}.in(lang) + "1:" + roundScale(paperScale(v))
	items = append(items, ms.label("scale", normalPt, s, x0, y0+barH+1+ms.ascent(normalPt)))
	return items
}

// paperScale is the map's scale on paper: metres on the ground per metre
// on the printed page.
func paperScale(v view) float64 { return 1000 / v.scale }

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

// noteItems print the run, the dates, the CRS and the paper in b,
// smaller when they do not fit.
func (ms metrics) noteItems(b box, m Map) []item {
	lang := m.Lang
	lines := []string{
		fmt.Sprintf(text{"分析批次：第 %d 次", "Analysis run %d"}.in(lang), m.RunID),
		fmt.Sprintf(text{"评估基准日：%s", "As of %s"}.in(lang), m.AsOf),
		fmt.Sprintf(text{"制图日期：%s", "Printed %s"}.in(lang), m.Printed.Format("2006-01-02")),
		fmt.Sprintf(text{"坐标系：EPSG:%d", "CRS: EPSG:%d"}.in(lang), m.SRID),
		fmt.Sprintf(text{"图幅：%s", "Paper: %s"}.in(lang), m.Page.Size+orientation(m.Page, lang)),
	}
	w := 0.0
	for _, s := range lines {
		w = max(w, ms.width(smallPt, s))
	}
	k := fit(b, w, float64(len(lines))*smallLineMM)
	var items []item
	for i, s := range lines {
		items = append(items, ms.label("notes", smallPt*k, s, b.X0, b.Y0+ms.ascent(smallPt*k)+float64(i)*smallLineMM*k))
	}
	return items
}

func orientation(p Page, lang string) string {
	if p.Landscape {
		return text{" 横向", " landscape"}.in(lang)
	}
	return text{" 纵向", " portrait"}.in(lang)
}
