package tiles

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
)

// renderFeatures encodes feats as one MVT layer, decodes it with our
// decoder and draws it as spec's layer at zoom z.
func renderFeatures(t *testing.T, spec string, z, scale int, feats ...*geojson.Feature) image.Image {
	t.Helper()
	b, err := mvt.Marshal(mvt.Layers{{Name: spec, Version: 2, Extent: Extent, Features: feats}})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := decodeMVT(b)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := LookupLayer(spec)
	out, err := newRenderer().render(ls, l, z, scale)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if got := img.Bounds().Dx(); got != TileSize*scale || img.Bounds().Dy() != TileSize*scale {
		t.Fatalf("PNG is %v", img.Bounds())
	}
	return img
}

func line(grade string, pts ...orb.Point) *geojson.Feature {
	f := geojson.NewFeature(orb.LineString(pts))
	f.Properties["grade"] = grade
	return f
}

// is reports whether the pixel at (x, y) is opaque c.
func is(img image.Image, x, y int, c color.RGBA) bool {
	r, g, b, a := img.At(x, y).RGBA()
	return uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(b>>8) == c.B && a == 0xffff
}

func transparent(img image.Image, x, y int) bool {
	_, _, _, a := img.At(x, y).RGBA()
	return a == 0
}

func TestRenderGradeColours(t *testing.T) {
	for _, scale := range []int{1, 2} {
		s := scale
		// a red diagonal, a blue horizontal line at a quarter, an orange
		// vertical one at three quarters; red crosses blue and wins
		img := renderFeatures(t, "segments", 16, scale,
			line("blue", orb.Point{0, 1024}, orb.Point{4096, 1024}),
			line("red", orb.Point{0, 0}, orb.Point{4096, 4096}),
			line("orange", orb.Point{3072, 0}, orb.Point{3072, 4096}),
		)
		at := func(u float64) int { return int(u * float64(TileSize*s)) }
		checks := []struct {
			x, y int
			c    color.RGBA
		}{
			{at(0.5), at(0.5), GradeColor("red")},
			{at(0.1), at(0.1), GradeColor("red")},
			{at(0.25), at(0.25), GradeColor("red")}, // crossing: red on top of blue
			{at(0.6), at(0.25), GradeColor("blue")},
			{at(0.75), at(0.5), GradeColor("orange")},
			{at(0.75), at(0.75), GradeColor("red")}, // red over orange
		}
		for _, c := range checks {
			if !is(img, c.x, c.y, c.c) {
				t.Errorf("@%dx: pixel (%d,%d) = %v, want %v", s, c.x, c.y, img.At(c.x, c.y), c.c)
			}
		}
		for _, p := range [][2]float64{{0.5, 0.1}, {0.1, 0.5}, {0.9, 0.5}, {0.5, 0.9}} {
			if x, y := at(p[0]), at(p[1]); !transparent(img, x, y) {
				t.Errorf("@%dx: pixel (%d,%d) away from every line = %v", s, x, y, img.At(x, y))
			}
		}
	}
}

// A line that folds back over itself and crosses itself stays solid: the
// pieces of a stroke never cancel out.
func TestRenderStrokeHasNoHoles(t *testing.T) {
	img := renderFeatures(t, "segments", 16, 1,
		line("red", orb.Point{512, 2048}, orb.Point{3584, 2048}, orb.Point{2048, 2100}, orb.Point{2048, 512},
			orb.Point{2048, 3584}))
	for x := 40; x <= 216; x += 4 {
		if !is(img, x, 128, GradeColor("red")) {
			t.Fatalf("hole at (%d,128): %v", x, img.At(x, 128))
		}
	}
	for y := 40; y <= 216; y += 4 {
		if !is(img, 128, y, GradeColor("red")) {
			t.Fatalf("hole at (128,%d): %v", y, img.At(128, y))
		}
	}
}

func TestRenderPolygonWithHole(t *testing.T) {
	// MVT winding: exterior clockwise on screen (y down), hole counter-clockwise
	outer := orb.Ring{{512, 512}, {3584, 512}, {3584, 3584}, {512, 3584}, {512, 512}}
	hole := orb.Ring{{1536, 1536}, {1536, 2560}, {2560, 2560}, {2560, 1536}, {1536, 1536}}
	f := geojson.NewFeature(orb.Polygon{outer, hole})
	img := renderFeatures(t, "buildings", 16, 1, f)
	if !is(img, 64, 64, rgb(rgbFill)) {
		t.Errorf("inside the polygon: %v", img.At(64, 64))
	}
	if !transparent(img, 128, 128) {
		t.Errorf("inside the hole: %v", img.At(128, 128))
	}
	if !transparent(img, 10, 10) {
		t.Errorf("outside: %v", img.At(10, 10))
	}
}

func TestRenderStations(t *testing.T) {
	ok := geojson.NewFeature(orb.Point{1024, 1024})
	ok.Properties["findings"] = ""
	bad := geojson.NewFeature(orb.Point{3072, 3072})
	bad.Properties["findings"] = "past_design_life"
	img := renderFeatures(t, "stations", 16, 1, ok, bad)
	if !is(img, 64, 64, rgb(rgbStation)) || !is(img, 192, 192, GradeColor("red")) || !transparent(img, 128, 128) {
		t.Errorf("stations: %v %v %v", img.At(64, 64), img.At(192, 192), img.At(128, 128))
	}
}

// TestRenderHazards: the ledger's hazards are drawn in their grade's
// colour whatever their state, except closed ones, which are left out.
func TestRenderHazards(t *testing.T) {
	hazard := func(g orb.Geometry, grade, state string) *geojson.Feature {
		f := geojson.NewFeature(g)
		f.Properties["grade"], f.Properties["state"] = grade, state
		return f
	}
	for _, tc := range []struct {
		state string
		drawn bool
	}{{"open", true}, {"planned", true}, {"rectified", true}, {"rechecked", true}, {"closed", false}} {
		t.Run(tc.state, func(t *testing.T) {
			img := renderFeatures(t, "hazards", 16, 1,
				hazard(orb.Point{3072, 3072}, "orange", tc.state),
				hazard(orb.LineString{{0, 1024}, {4096, 1024}}, "red", tc.state))
			if got := is(img, 192, 192, GradeColor("orange")); got != tc.drawn {
				t.Errorf("station hazard drawn %v, want %v: %v", got, tc.drawn, img.At(192, 192))
			}
			if got := is(img, 128, 64, GradeColor("red")); got != tc.drawn {
				t.Errorf("pipe hazard drawn %v, want %v: %v", got, tc.drawn, img.At(128, 64))
			}
			if !transparent(img, 128, 128) {
				t.Errorf("away from the hazards: %v", img.At(128, 128))
			}
		})
	}
}

func TestRenderContextGrey(t *testing.T) {
	img := renderFeatures(t, "sewers", 16, 1, line("", orb.Point{0, 2056}, orb.Point{4096, 2056})) // on pixel row 128's centre
	if !is(img, 128, 128, rgb(RGBGrey)) {
		t.Errorf("sewer: %v", img.At(128, 128))
	}
	f := geojson.NewFeature(orb.Polygon{{{520, 520}, {3592, 520}, {3592, 3592}, {520, 3592}, {520, 520}}})
	img = renderFeatures(t, "districts", 10, 1, f)
	if !is(img, 32, 128, rgb(rgbOutline)) || !transparent(img, 128, 128) {
		t.Errorf("district outline %v, inside %v", img.At(32, 128), img.At(128, 128))
	}
}

func TestRenderEmpty(t *testing.T) {
	img := renderFeatures(t, "segments", 3, 2)
	if !transparent(img, 0, 0) || !transparent(img, 511, 511) {
		t.Error("empty tile not transparent")
	}
}

func BenchmarkRender(b *testing.B) {
	buf, _ := mvt.Marshal(mvt.Layers{{Name: "segments", Version: 2, Extent: Extent, Features: manyLines("segments")}})
	l, _ := LookupLayer("segments")
	r := newRenderer()
	for i := 0; i < b.N; i++ {
		ls, _ := decodeMVT(buf)
		if _, err := r.render(ls, l, 14, 1); err != nil {
			b.Fatal(err)
		}
	}
}
