package geo

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestTileValid(t *testing.T) {
	cases := []struct {
		t    Tile
		want bool
	}{
		{Tile{0, 0, 0}, true},
		{Tile{1, 1, 1}, true},
		{Tile{22, 1<<22 - 1, 1<<22 - 1}, true},
		{Tile{-1, 0, 0}, false},
		{Tile{23, 0, 0}, false},
		{Tile{0, 1, 0}, false},
		{Tile{0, 0, 1}, false},
		{Tile{3, 8, 0}, false},
		{Tile{3, 0, 8}, false},
		{Tile{3, -1, 0}, false},
		{Tile{3, 0, -1}, false},
	}
	for _, c := range cases {
		if got := c.t.Valid(); got != c.want {
			t.Errorf("%v.Valid() = %v, want %v", c.t, got, c.want)
		}
	}
}

func TestTileMercator(t *testing.T) {
	w := Tile{0, 0, 0}.Mercator()
	if !near(w.W, -20037508.342789244, 1e-6) || !near(w.N, 20037508.342789244, 1e-6) ||
		!near(w.E, 20037508.342789244, 1e-6) || !near(w.S, -20037508.342789244, 1e-6) {
		t.Fatalf("world tile = %+v", w)
	}
	// PostGIS: SELECT ST_AsText(ST_TileEnvelope(2, 1, 1)) → POLYGON((-10018754.17 0, ..., 0 10018754.17))
	b := Tile{2, 1, 1}.Mercator()
	if !near(b.W, -10018754.171394622, 1e-6) || !near(b.S, 0, 1e-6) || !near(b.E, 0, 1e-6) || !near(b.N, 10018754.171394622, 1e-6) {
		t.Fatalf("2/1/1 = %+v", b)
	}
}

func TestTileLonLat(t *testing.T) {
	b := Tile{0, 0, 0}.LonLat()
	if !near(b.W, -180, 1e-9) || !near(b.E, 180, 1e-9) || !near(b.N, MaxLat, 1e-9) || !near(b.S, -MaxLat, 1e-9) {
		t.Fatalf("world = %+v", b)
	}
	// PostGIS: ST_Transform(ST_TileEnvelope(12, 3349, 1682), 4326), part of Wuhan.
	b = Tile{12, 3349, 1682}.LonLat()
	if !near(b.W, 114.345703125, 1e-9) || !near(b.E, 114.43359375, 1e-9) || !near(b.N, 30.60009387355008, 1e-9) || !near(b.S, 30.524413269923986, 1e-9) {
		t.Fatalf("12/3349/1682 = %+v", b)
	}
}

func TestTileAt(t *testing.T) {
	cases := []struct {
		lon, lat float64
		z        int
		want     Tile
	}{
		{0, 0, 0, Tile{0, 0, 0}},
		{0.0001, 0.0001, 1, Tile{1, 1, 0}},
		{-0.0001, -0.0001, 1, Tile{1, 0, 1}},
		{114.4, 30.6, 12, Tile{12, 3349, 1682}}, // PostGIS ST_Contains(ST_TileEnvelope(...), point)
		{180, 90, 3, Tile{3, 7, 0}},             // clamped into the last column, first row
		{-180, -90, 3, Tile{3, 0, 7}},           // and the first column, last row
		{13.3777, 52.5162, 16, Tile{16, 35203, 21494}},
	}
	for _, c := range cases {
		if got := TileAt(c.lon, c.lat, c.z); got != c.want {
			t.Errorf("TileAt(%g, %g, %d) = %v, want %v", c.lon, c.lat, c.z, got, c.want)
		}
	}
}

func TestTileRoundTrip(t *testing.T) {
	for z := 0; z <= MaxTileZoom; z++ {
		n := 1 << z
		for _, tl := range []Tile{{z, 0, 0}, {z, n / 2, n / 3}, {z, n - 1, n - 1}} {
			b := tl.LonLat()
			cx, cy := b.Center()
			if got := TileAt(cx, cy, z); got != tl {
				t.Fatalf("centre of %v maps to %v", tl, got)
			}
		}
	}
}

func TestMercatorRoundTrip(t *testing.T) {
	for _, p := range [][2]float64{{0, 0}, {114.3, 30.6}, {-73.98, 40.75}, {179.9, -84}} {
		x, y := LonLatToMercator(p[0], p[1])
		lon, lat := MercatorToLonLat(x, y)
		if !near(lon, p[0], 1e-9) || !near(lat, p[1], 1e-9) {
			t.Errorf("%v → (%g, %g) → (%g, %g)", p, x, y, lon, lat)
		}
	}
	if _, y := LonLatToMercator(0, 89); !near(y, MercatorMax, 1e-3) {
		t.Errorf("lat 89 not clamped: y = %g", y)
	}
}

func TestTilesCovering(t *testing.T) {
	b := Tile{12, 3349, 1682}.LonLat()
	// a box slightly inside the tile → just that tile
	in := BBox{b.W + 1e-6, b.S + 1e-6, b.E - 1e-6, b.N - 1e-6}
	if got := TilesCovering(in, 12); len(got) != 1 || got[0] != (Tile{12, 3349, 1682}) {
		t.Fatalf("inside = %v", got)
	}
	if got := TilesCovering(in, 13); len(got) != 4 || got[0] != (Tile{13, 6698, 3364}) || got[3] != (Tile{13, 6699, 3365}) {
		t.Fatalf("z13 = %v", got)
	}
}

func TestToPixel(t *testing.T) {
	tl := Tile{12, 3349, 1682}
	m := tl.Mercator()
	if px, py := tl.ToPixel(m.W, m.N, 4096); !near(px, 0, 1e-6) || !near(py, 0, 1e-6) {
		t.Errorf("NW corner → %g,%g", px, py)
	}
	if px, py := tl.ToPixel(m.E, m.S, 4096); !near(px, 4096, 1e-6) || !near(py, 4096, 1e-6) {
		t.Errorf("SE corner → %g,%g", px, py)
	}
	cx, cy := m.Center()
	if px, py := tl.ToPixel(cx, cy, 256); !near(px, 128, 1e-6) || !near(py, 128, 1e-6) {
		t.Errorf("centre → %g,%g", px, py)
	}
}
