package printmap

import (
	"fmt"
	"testing"
	"time"
)

// crowded is a map that fills every part of the legend: a long Chinese
// district name, thousands of km, hazards of every grade, listed ones.
func crowded(page Page, lang string) Map {
	m := sample(page, lang)
	m.Area = "唐家墩街道江汉经济开发区北湖片区"
	m.Km = map[string]float64{"red": 1234.56, "orange": 2345.67, "yellow": 3456.78, "blue": 98765.43}
	m.RunID, m.SRID = 123456, 32650
	m.Printed = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	for i, g := range gradeOrder() {
		for j := 0; j < 300*(i+1); j++ {
			m.Hazards = append(m.Hazards, Marker{At: XY{float64(j), float64(i * 100)}, Grade: g, Listed: j%3 == 0})
		}
	}
	return m
}

// TestLayout checks, by the boxes of what is drawn, that nothing on the
// page overlaps at any paper, orientation, language and resolution:
// title, legend, scale bar, notes and north arrow keep apart, stay inside
// the margins and off the map (the north arrow inside it), and every
// character has a glyph in the font.
func TestLayout(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if !r.HasCJK() {
		t.Skip("no CJK font (apt-get install fonts-wqy-microhei)")
	}
	for _, size := range []string{"A4", "A3"} {
		for _, land := range []bool{false, true} {
			for _, lang := range []string{"zh", "en"} {
				for _, dpi := range []int{72, 150, 300} {
					p := Page{Size: size, Landscape: land, DPI: dpi}
					t.Run(fmt.Sprintf("%s landscape=%v %s %d dpi", size, land, lang, dpi), func(t *testing.T) {
						checkLayout(t, r, crowded(p, lang))
					})
				}
			}
		}
	}
}

func checkLayout(t *testing.T, r *Renderer, m Map) {
	t.Helper()
	pg, err := r.layout(m)
	if err != nil {
		t.Fatal(err)
	}
	inner := pg.sheet.page.inset(marginMM)
	frame := pg.sheet.frame
	texts := map[string]bool{}
	for i, a := range pg.items {
		texts[a.text] = true
		if a.box.W() <= 0 || a.box.H() <= 0 {
			t.Errorf("%s: empty box %+v", a.name, a.box)
		}
		if !a.box.within(inner) {
			t.Errorf("%s %+v outside the margins %+v", a.name, a.box, inner)
		}
		if in := a.name == "north arrow"; in != a.box.within(frame) || !in && a.box.overlaps(frame) {
			t.Errorf("%s %+v and the map frame %+v", a.name, a.box, frame)
		}
		if miss := r.missing(a.text); len(miss) > 0 {
			t.Errorf("%s: no glyph for %q", a.name, miss)
		}
		for _, b := range pg.items[i+1:] {
			if a.box.overlaps(b.box) {
				t.Errorf("%q %+v overlaps %q %+v", a.name, a.box, b.name, b.box)
			}
		}
	}
	for _, want := range []string{titleText(m.Area, m.Lang), fmt.Sprintf(text{"其中挂牌督办  %d 处", "of which listed supervision: %d"}.in(m.Lang), 1001)} {
		if !texts[want] {
			t.Errorf("%q not on the page", want)
		}
	}
	for _, g := range gradeOrder() {
		n := 0
		for _, h := range m.Hazards {
			if h.Grade == g {
				n++
			}
		}
		if want := fmt.Sprintf(text{"%s  %d 处", "%s: %d"}.in(m.Lang), gradeName(g).in(m.Lang), n); !texts[want] {
			t.Errorf("hazard legend lacks %q", want)
		}
	}
}
