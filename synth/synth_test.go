package synth

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/small.golden.geojson")

// generate builds a city in a fresh temporary directory.
func generate(t testing.TB, cfg Config) (string, Stats) {
	t.Helper()
	dir := t.TempDir()
	st, err := Generate(context.Background(), cfg, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

func readLayerFiles(t *testing.T, dir, ext string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, l := range allLayers {
		b, err := os.ReadFile(filepath.Join(dir, l+"."+ext))
		if err != nil {
			t.Fatal(err)
		}
		out[l] = b
	}
	return out
}

func TestDeterminism(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b Config
		same bool
	}{
		{"same config", Config{Segments: 500, Seed: 7}, Config{Segments: 500, Seed: 7}, true},
		{"same config csv", Config{Segments: 500, Seed: 7, Format: "csv"}, Config{Segments: 500, Seed: 7, Format: "csv"}, true},
		{"other seed", Config{Segments: 500, Seed: 7}, Config{Segments: 500, Seed: 8}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			da, sa := generate(t, tc.a)
			db, sb := generate(t, tc.b)
			ext := tc.a.Format
			if ext == "" {
				ext = "geojson"
			}
			fa, fb := readLayerFiles(t, da, ext), readLayerFiles(t, db, ext)
			for _, l := range allLayers {
				if l == "districts" && !tc.same {
					continue // few districts: may well coincide
				}
				if got := bytes.Equal(fa[l], fb[l]); got != tc.same {
					t.Errorf("%s: files equal = %v, want %v", l, got, tc.same)
				}
			}
			if tc.same && sa != sb {
				t.Errorf("stats differ: %+v vs %+v", sa, sb)
			}
		})
	}
}

func TestGolden(t *testing.T) {
	dir, _ := generate(t, Config{Segments: 30, Seed: 1})
	got, err := os.ReadFile(filepath.Join(dir, "pipes.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "small.golden.geojson")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./synth -run TestGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("pipes of the 30-segment city differ from %s; rerun with -update if intended", golden)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"too few segments", Config{Segments: 9}},
		{"negative segments", Config{Segments: -5}},
		{"unknown format", Config{Segments: 100, Format: "shp"}},
		{"latitude out of range", Config{Segments: 100, CenterLon: 10, CenterLat: 89}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if _, err := Generate(context.Background(), tc.cfg, dir, nil); err == nil {
				t.Fatal("want an error")
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("output directory created for a bad config: %v", err)
			}
		})
	}
}

func TestCancelLeavesNoFiles(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Generate(ctx, Config{Segments: 20000, Seed: 3}, dir, func(done, total int) {
		if calls++; calls == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left %d files behind, want none", len(ents))
	}
}

func TestProgressAndCounts(t *testing.T) {
	for _, n := range []int{10, 30, 500, 5000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var last, total int
			dir := t.TempDir()
			st, err := Generate(context.Background(), Config{Segments: n, Seed: 11}, dir, func(d, tot int) {
				if d < last || d > tot {
					t.Errorf("progress %d/%d after %d", d, tot, last)
				}
				last, total = d, tot
			})
			if err != nil {
				t.Fatal(err)
			}
			if last != st.Pipes || total != st.Pipes {
				t.Errorf("final progress %d/%d, want %d/%d", last, total, st.Pipes, st.Pipes)
			}
			if dev := math.Abs(float64(st.Pipes-n)) / float64(n); n >= 500 && dev > 0.03 {
				t.Errorf("%d pipes for %d segments", st.Pipes, n)
			}
			if st.Pipes == 0 || st.Districts < 5 || st.Buildings == 0 || st.Sewers == 0 {
				t.Errorf("empty layers: %+v", st)
			}
		})
	}
}

func TestScalesLinearly(t *testing.T) {
	for _, n := range []int{2000, 20000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			_, st := generate(t, Config{Segments: n, Seed: 5})
			ratio := func(x int) float64 { return float64(x) / float64(st.Pipes) }
			for _, c := range []struct {
				name   string
				got    float64
				lo, hi float64
			}{
				{"buildings per pipe", ratio(st.Buildings), 1.0, 1.5},
				{"sewers per pipe", ratio(st.Sewers), 0.7, 1.0},
				{"pipes per place", 1 / ratio(st.Places), 150, 600},
				{"pipes per station", 1 / ratio(st.Stations), 60, 250},
			} {
				if c.got < c.lo || c.got > c.hi {
					t.Errorf("%s = %.3f, want %g..%g (%+v)", c.name, c.got, c.lo, c.hi, st)
				}
			}
		})
	}
}

// vocab lists the allowed values of the enumerated attributes.
var vocab = map[string]map[string][]string{
	"pipes": {
		"material":       {"cast_iron", "ductile_iron", "steel", "pe", "copper", "other", "unknown"},
		"pressure_class": {"LP", "MPB", "MPA", "SHPB", "SHPA", "HPB", "HPA"},
		"status":         {"in_service", "abandoned"},
		"protection":     {"", "true", "false"},
	},
	"sewers":    {"kind": {"sanitary", "storm", "combined", "culvert", "water"}},
	"buildings": {"use": {"residential", "commercial", "school", "hospital", "nursing_home", "mall", "market", "other"}},
	"places":    {"kind": {"school", "hospital", "market", "mall", "stadium", "station", "cinema"}},
	"stations": {"kind": {"city_gate", "storage", "regulator", "regulator_box", "cng", "lng", "lpg"},
		"setting": {"", "above_ground", "cabinet"}, "inlet_pressure_class": {"", "MPB", "MPA", "SHPB", "HPB"},
		"lpg_class": {"", "I", "II", "III"}},
	"leaks": {"leak_class": {"1", "2", "3"},
		"cause": {"excavation", "corrosion", "natural_force", "material_joint", "equipment", "incorrect_operation", "other"}},
	"patrols":     {"observation": {"works_without_permit", "exposed_pipe", "subsidence", "odour"}},
	"cp_readings": {"pass": {"true", "false"}},
	"detectors":   {"kind": {"leak_detector", "methane_manhole"}},
	"valves": {"kind": {"gate", "ball", "plug", "regulator_inlet"}, "normal_state": {"open", "closed"},
		"operable": {"true", "false"}, "pressure_class": {"LP", "MPB", "MPA", "SHPB", "SHPA", "HPB", "HPA"}},
	"customers": {"kind": {"residential", "commercial", "industrial", "critical"}},
}

// numeric lists integer and decimal attributes with their allowed ranges;
// optional ones may be null.
var numeric = map[string]map[string]struct {
	lo, hi   float64
	integer  bool
	optional bool
}{
	"pipes": {
		"diameter_mm":  {63, 630, true, false},
		"install_year": {1950, 2025, true, false},
		"depth_m":      {0.6, 2.5, false, false},
		"wall_mm":      {6.4, 14.3, false, true},
	},
	"sewers":      {"diameter_mm": {100, 3000, true, false}, "depth_m": {0.5, 6, false, true}},
	"buildings":   {"floors": {1, 33, true, false}},
	"places":      {"capacity": {1, 100000, true, false}},
	"stations":    {"install_year": {1950, 2026, true, false}},
	"detectors":   {"install_year": {1950, 2026, true, false}},
	"cp_readings": {"potential_mv": {-2000, 0, true, false}},
	"customers":   {"meters": {1, 200, true, false}},
}

var idPrefix = map[string]string{"districts": "D", "pipes": "P", "sewers": "S", "buildings": "B",
	"places": "Q", "stations": "T", "detectors": "L", "leaks": "L", "patrols": "W", "cp_readings": "C",
	"valves": "V", "customers": "C"}

var geomType = map[string]string{"districts": "Polygon", "pipes": "LineString", "sewers": "LineString",
	"buildings": "Polygon", "places": "Point", "stations": "Point", "detectors": "Point",
	"leaks": "Point", "patrols": "Point", "cp_readings": "Point",
	"valves": "Point", "customers": "Point"}

func TestFilesAreValid(t *testing.T) {
	for _, format := range []string{"geojson", "csv"} {
		t.Run(format, func(t *testing.T) {
			dir, st := generate(t, Config{Segments: 500, Seed: 2, Format: format})
			city := readCity(t, dir, format)
			counts := map[string]int{"districts": st.Districts, "pipes": st.Pipes, "sewers": st.Sewers,
				"buildings": st.Buildings, "places": st.Places, "stations": st.Stations, "detectors": st.Detectors,
				"leaks": st.Leaks, "patrols": st.Patrols, "cp_readings": st.CPReadings,
				"valves": st.Valves, "customers": st.Customers}
			districts := map[string]bool{}
			for _, d := range city["districts"] {
				districts[d.props["id"]] = true
			}
			for _, l := range allLayers {
				if len(city[l]) != counts[l] {
					t.Errorf("%s: %d features, stats say %d", l, len(city[l]), counts[l])
				}
				checkLayer(t, l, city[l], districts)
			}
		})
	}
}

// checkLayer checks ids, attributes and geometry of every feature.
func checkLayer(t *testing.T, layer string, fs []feat, districts map[string]bool) {
	t.Helper()
	ids := map[string]bool{}
	for _, f := range fs {
		id := f.props["id"]
		if len(id) < 2 || id[:1] != idPrefix[layer] || ids[id] {
			t.Fatalf("%s: bad or duplicate id %q", layer, id)
		}
		ids[id] = true
		for key, allowed := range vocab[layer] {
			if !slices.Contains(allowed, f.props[key]) {
				t.Fatalf("%s %s: %s = %q", layer, id, key, f.props[key])
			}
		}
		for key, r := range numeric[layer] {
			checkNumber(t, layer+" "+id+" "+key, f, key, r.lo, r.hi, r.integer, r.optional)
		}
		// A pipe's centreline has 2–6 vertices, and a stub to each node it joins.
		if maxPts := map[string]int{"pipes": 8, "sewers": 6}[layer]; maxPts > 0 && (len(f.pts) < 2 || len(f.pts) > maxPts) {
			t.Fatalf("%s %s: %d vertices, want 2–%d", layer, id, len(f.pts), maxPts)
		}
		if layer == "pipes" && !districts[f.props["district"]] {
			t.Fatalf("pipe %s: unknown district %q", id, f.props["district"])
		}
		if (layer == "districts" || layer == "places" || layer == "stations") && f.props["name"] == "" {
			t.Fatalf("%s %s: no name", layer, id)
		}
		if msg := checkGeometry(f, geomType[layer]); msg != "" {
			t.Fatalf("%s %s: %s", layer, id, msg)
		}
	}
}

func checkNumber(t *testing.T, what string, f feat, key string, lo, hi float64, integer, optional bool) {
	t.Helper()
	s, ok := f.props[key]
	if !ok {
		if !optional {
			t.Fatalf("%s: missing or null", what)
		}
		return
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < lo || v > hi || integer && v != math.Trunc(v) {
		t.Fatalf("%s = %q, want %g..%g (integer %v)", what, s, lo, hi, integer)
	}
}

// checkGeometry returns what is wrong with a feature's geometry, or "".
func checkGeometry(f feat, want string) string {
	if f.geom != want {
		return "geometry " + f.geom + ", want " + want
	}
	switch want {
	case "Point":
		if len(f.pts) != 1 {
			return "point with " + strconv.Itoa(len(f.pts)) + " positions"
		}
	case "LineString":
		distinct := 0
		for k := 1; k < len(f.pts); k++ {
			if f.pts[k] != f.pts[k-1] {
				distinct++
			}
		}
		if len(f.pts) < 2 || distinct == 0 {
			return "degenerate line"
		}
	case "Polygon":
		n := len(f.pts)
		switch {
		case n < 4 || f.pts[0] != f.pts[n-1]:
			return "ring not closed or too short"
		case signedArea(f.pts) <= 0:
			return "exterior ring not counter-clockwise"
		case selfIntersects(f.pts):
			return "ring intersects itself"
		}
	}
	return ""
}

func TestCSVMatchesGeoJSON(t *testing.T) {
	dg, _ := generate(t, Config{Segments: 300, Seed: 4})
	dc, _ := generate(t, Config{Segments: 300, Seed: 4, Format: "csv"})
	g, c := readCity(t, dg, "geojson"), readCity(t, dc, "csv")
	for _, l := range allLayers {
		if len(g[l]) != len(c[l]) {
			t.Fatalf("%s: %d geojson features, %d csv rows", l, len(g[l]), len(c[l]))
		}
		for k := range g[l] {
			a, b := g[l][k], c[l][k]
			if !slices.Equal(a.pts, b.pts) || a.props["id"] != b.props["id"] {
				t.Fatalf("%s %s: csv differs from geojson", l, a.props["id"])
			}
			for key, v := range a.props {
				if b.props[key] != v {
					t.Fatalf("%s %s: %s = %q in geojson, %q in csv", l, a.props["id"], key, v, b.props[key])
				}
			}
		}
	}
}
