package printmap

import (
	"bytes"
	"image/png"
	"testing"
	"time"
)

// sample is a small map: a square district with a line of each grade and
// two hazards.
func sample(page Page, lang string) Map {
	d := Polygon{{0, 0}, {2000, 0}, {2000, 1500}, {0, 1500}}
	m := Map{Page: page, Lang: lang, Area: "城东街道", RunID: 7, AsOf: "2026-06-30", SRID: 32650,
		Printed: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), Bounds: Rect{0, 0, 2000, 1500},
		Districts: []Polygon{d}, Highlight: []Polygon{d}, Km: map[string]float64{"red": 0.4, "blue": 1.2},
		OpenHazards: 2, ListedHazards: 1,
		Hazards: []Marker{{At: XY{500, 300}, Grade: "red", Listed: true}, {At: XY{1500, 1200}, Grade: "yellow"}}}
	for i, g := range gradeOrder() {
		y := 200 + float64(i)*300
		m.Lines = append(m.Lines, Line{Grade: g, Points: []XY{{100, y}, {1000, y + 50}, {1900, y}}})
	}
	return m
}

func TestRender(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		page Page
		lang string
		w, h int
	}{
		{Page{Size: "A4", Landscape: true, DPI: 100}, "zh", 1169, 827},
		{Page{Size: "a3", DPI: 72}, "en", 842, 1191},
		{Page{}, "zh", 1240, 1754},
	} {
		t.Run(c.page.Size+" "+c.lang, func(t *testing.T) {
			var b bytes.Buffer
			if err := r.WritePNG(&b, sample(c.page, c.lang)); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatal(err)
			}
			if s := img.Bounds().Size(); s.X != c.w || s.Y != c.h {
				t.Fatalf("size %v, want %dx%d", s, c.w, c.h)
			}
			red := 0
			for y := 0; y < c.h; y++ {
				for x := 0; x < c.w; x++ {
					if rr, g, bb, _ := img.At(x, y).RGBA(); rr>>8 > 200 && g>>8 < 40 && bb>>8 < 40 {
						red++
					}
				}
			}
			if red < 100 {
				t.Errorf("%d red pixels", red)
			}
		})
	}
}

func TestPageValidation(t *testing.T) {
	for _, p := range []Page{{Size: "A5"}, {DPI: 20}, {DPI: 600}} {
		if _, err := p.Normalize(); err == nil {
			t.Errorf("%+v accepted", p)
		}
	}
}

func TestNiceLengthAndScale(t *testing.T) {
	cases := []struct{ in, want float64 }{{730, 500}, {1999, 1000}, {2000, 2000}, {0.3, 0.2}, {45000, 20000}}
	for _, c := range cases {
		if got := niceLength(c.in); got != c.want {
			t.Errorf("niceLength(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if s := roundScale(24873.2); s != "25,000" {
		t.Errorf("roundScale = %s", s)
	}
}
