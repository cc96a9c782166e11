package tilesource_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/planar"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/geo"
	"gasrisk/riskmodel"
	"gasrisk/synth"
	"gasrisk/tiles"
)

// tileCity is a small generated city, imported and analysed once, shared
// by the read-only tile tests.
var tileCity struct {
	once  sync.Once
	store datatest.Services
	err   error
}

func analyzeTiles(ctx context.Context, s datatest.Services) error {
	_, err := s.Analysis.Analyze(ctx, analysis.Options{Model: riskmodel.DefaultConfig(),
		AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)})
	return err
}

// loadCity generates a city of about n pipes into s and analyses it.
func loadCity(ctx context.Context, s datatest.Services, n int) error {
	dir, err := os.MkdirTemp("", "gasrisk-tiles-city-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if _, err := synth.Generate(ctx, synth.Config{Segments: n, Seed: 11}, dir, nil); err != nil {
		return err
	}
	for _, l := range importer.Order() {
		if _, err := s.Importer.Import(ctx, importer.Options{Layer: l, File: filepath.Join(dir, l+".geojson")}); err != nil {
			return fmt.Errorf("import %s: %w", l, err)
		}
	}
	return analyzeTiles(ctx, s)
}

func sharedTileCity(t *testing.T) datatest.Services {
	t.Helper()
	tileCity.once.Do(func() {
		ctx := context.Background()
		db, err := data.Open(ctx, data.Config{URL: env.URL(t)})
		if tileCity.err = err; err != nil {
			return
		}
		tileCity.store = datatest.NewServices(db)
		tileCity.err = loadCity(ctx, tileCity.store, 400)
	})
	if tileCity.err != nil {
		t.Fatal(tileCity.err)
	}
	return tileCity.store
}

// sample is one feature of a layer: its feature id in the tiles and a
// point on it in lon/lat.
type sample struct {
	id       uint64
	lon, lat float64
}

// sampleOf picks a feature of a tile layer and where it is.
func sampleOf(t *testing.T, s datatest.Services, layer, run string) sample {
	t.Helper()
	q := map[string]string{
		"segments":      `SELECT segment_id, ST_LineInterpolatePoint(ST_GeometryN(geom, 1), 0.5) FROM segments WHERE run_id = $1 ORDER BY grade = 'red' DESC, segment_id LIMIT 1`,
		"hazards":       `SELECT id, ST_PointOnSurface(geom) FROM hazards WHERE $1::bigint IS NOT NULL ORDER BY id LIMIT 1`,
		"stations":      `SELECT gid, ST_PointOnSurface(geom) FROM stations WHERE $1::bigint IS NOT NULL ORDER BY gid LIMIT 1`,
		"buildings":     `SELECT gid, ST_PointOnSurface(geom) FROM buildings WHERE $1::bigint IS NOT NULL ORDER BY gid LIMIT 1`,
		"sewers":        `SELECT gid, ST_LineInterpolatePoint(ST_GeometryN(geom, 1), 0.5) FROM sewers WHERE $1::bigint IS NOT NULL ORDER BY gid LIMIT 1`,
		"districts":     `SELECT gid, ST_PointOnSurface(geom) FROM districts WHERE $1::bigint IS NOT NULL ORDER BY gid LIMIT 1`,
		"pipes":         `SELECT gid, ST_LineInterpolatePoint(ST_GeometryN(geom, 1), 0.5) FROM pipes WHERE $1::bigint IS NOT NULL ORDER BY gid LIMIT 1`,
		"field_records": `SELECT gid * 3 + 1, geom FROM patrols WHERE $1::bigint IS NOT NULL ORDER BY gid LIMIT 1`,
	}[layer]
	runID, _ := strconv.ParseInt(strings.TrimPrefix(strings.SplitN(run, "-", 2)[0], "r"), 10, 64)
	var sm sample
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT id, ST_X(p), ST_Y(p) FROM (SELECT id, ST_Transform(p, 4326) AS p
		FROM (`+q+`) AS f (id, p)) s`, runID).Scan(&sm.id, &sm.lon, &sm.lat)
	if err != nil {
		t.Fatalf("sample of %s: %v", layer, err)
	}
	return sm
}

// fieldOK reports whether a decoded property value has the TileJSON type.
func fieldOK(typ string, v any) bool {
	switch v.(type) {
	case string:
		return typ == "String"
	case float64:
		return typ == "Number"
	case bool:
		return typ == "Boolean"
	}
	return false
}

// TestTileMVTLayers builds a z16 tile of every layer around one of its
// features, decodes it with orb and checks the layer, the integer feature
// ids, the properties against tiles.Layers and that the feature lies where
// PostGIS says it is (within a metre).
func TestTileMVTLayers(t *testing.T) {
	s := sharedTileCity(t)
	ctx := context.Background()
	vers, err := s.Tiles.TileVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range tiles.Layers() {
		t.Run(spec.Name, func(t *testing.T) {
			sm := sampleOf(t, s, spec.Name, vers[spec.Name])
			tl := geo.TileAt(sm.lon, sm.lat, 16)
			b, err := s.Tiles.TileMVT(ctx, spec.Name, tl, vers[spec.Name])
			if err != nil {
				t.Fatal(err)
			}
			ls, err := mvt.Unmarshal(b)
			if err != nil {
				t.Fatal(err)
			}
			if len(ls) != 1 || ls[0].Name != spec.Name || ls[0].Extent != tiles.Extent || ls[0].Version != 2 {
				t.Fatalf("layers %v", ls)
			}
			ls.ProjectToWGS84(maptile.New(uint32(tl.X), uint32(tl.Y), maptile.Zoom(tl.Z)))
			found := false
			for _, f := range ls[0].Features {
				id, ok := f.ID.(float64)
				if !ok || id != float64(uint64(id)) || id <= 0 {
					t.Fatalf("feature id %#v is not a positive integer", f.ID)
				}
				for k, v := range f.Properties {
					if typ, ok := spec.Fields[k]; !ok || !fieldOK(typ, v) {
						t.Errorf("property %s = %#v not in the layer's fields (%q)", k, v, typ)
					}
				}
				if uint64(id) != sm.id {
					continue
				}
				found = true
				if !near(f.Geometry, orb.Point{sm.lon, sm.lat}) {
					t.Errorf("feature %d is not where it is: %v not near %v", sm.id, f.Geometry, []float64{sm.lon, sm.lat})
				}
				for k := range spec.Fields {
					if _, ok := f.Properties[k]; !ok && !nullable(spec.Name, k) {
						t.Errorf("feature %d lacks property %s", sm.id, k)
					}
				}
			}
			if !found {
				t.Errorf("feature %d not in tile %s (%d features)", sm.id, tl, len(ls[0].Features))
			}
		})
	}
}

// near reports whether p lies in polygon g or within about a metre of g.
func near(g orb.Geometry, p orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	}
	return planar.DistanceFrom(g, p) < 1e-5
}

// nullable lists properties a feature may lack (NULL in the database, or
// not applicable to the kind of hazard).
func nullable(layer, field string) bool {
	switch layer + "." + field {
	case "hazards.deadline", "segments.district", "hazards.district", "stations.name",
		"stations.install_year", "pipes.diameter_mm", "pipes.install_year", "pipes.district", "sewers.diameter_mm",
		"buildings.floors", "districts.name":
		return true
	}
	return false
}

func TestTileMVTSegmentProperties(t *testing.T) {
	s := sharedTileCity(t)
	ctx := context.Background()
	vers, _ := s.Tiles.TileVersions(ctx)
	sm := sampleOf(t, s, "segments", vers["segments"])
	var grade, findings, material, class string
	var occupied, aged bool
	var score float64
	err := s.DB.Pool.QueryRow(ctx, `SELECT grade, array_to_string(findings, ','), material, pressure_class, occupied, aged, score
		FROM segments WHERE segment_id = $1`, int64(sm.id)).Scan(&grade, &findings, &material, &class, &occupied, &aged, &score)
	if err != nil {
		t.Fatal(err)
	}
	tl := geo.TileAt(sm.lon, sm.lat, 15)
	b, _ := s.Tiles.TileMVT(ctx, "segments", tl, vers["segments"])
	ls, _ := mvt.Unmarshal(b)
	for _, f := range ls[0].Features {
		if f.ID.(float64) != float64(sm.id) {
			continue
		}
		p := f.Properties
		if p["segment_id"] != float64(sm.id) || p["grade"] != grade || p["findings"] != findings || p["material"] != material ||
			p["pressure_class"] != class || p["occupied"] != occupied || p["aged"] != aged {
			t.Errorf("properties %v; want grade %s findings %q material %s class %s occupied %v aged %v",
				p, grade, findings, material, class, occupied, aged)
		}
		if d := p["score"].(float64) - score; d > 0.006 || d < -0.006 {
			t.Errorf("score %v, want %v", p["score"], score)
		}
		return
	}
	t.Errorf("segment %d not in %s", sm.id, tl)
}

// TestTileZoomFilter: overview tiles leave out what the layer descriptions
// say they leave out.
func TestTileZoomFilter(t *testing.T) {
	s := sharedTileCity(t)
	ctx := context.Background()
	vers, _ := s.Tiles.TileVersions(ctx)
	b, ok, err := s.Tiles.TileBounds(ctx, "segments", vers["segments"])
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	count := func(z int, layer string, keep func(p map[string]any) bool) (n, kept int) {
		for _, tl := range geo.TilesCovering(b, z) {
			buf, err := s.Tiles.TileMVT(ctx, layer, tl, vers[layer])
			if err != nil {
				t.Fatal(err)
			}
			ls, _ := mvt.Unmarshal(buf)
			for _, l := range ls {
				for _, f := range l.Features {
					n++
					if keep(f.Properties) {
						kept++
					}
				}
			}
		}
		return n, kept
	}
	high := func(p map[string]any) bool {
		switch p["pressure_class"] {
		case "SHPB", "SHPA", "HPB", "HPA":
			return true
		}
		return false
	}
	lowOK := func(p map[string]any) bool { return p["grade"] == "red" || p["grade"] == "orange" || high(p) }
	if n, kept := count(11, "segments", lowOK); n != kept {
		t.Errorf("z11: %d of %d segments neither red/orange nor high pressure", n-kept, n)
	}
	z12OK := func(p map[string]any) bool { return lowOK(p) || p["grade"] == "yellow" || p["pressure_class"] == "MPA" }
	if n, kept := count(12, "segments", z12OK); n != kept {
		t.Errorf("z12: %d of %d segments blue LP/MPB", n-kept, n)
	}
	if n, kept := count(13, "segments", z12OK); n == kept {
		t.Errorf("z13: no blue LP/MPB segment among %d", n)
	}
	redOrange := func(p map[string]any) bool { return p["grade"] == "red" || p["grade"] == "orange" }
	if n, kept := count(11, "hazards", redOrange); n != kept || n == 0 {
		t.Errorf("z11 hazards: %d of %d other than red/orange", n-kept, n)
	}
	if n, kept := count(12, "hazards", func(p map[string]any) bool { return redOrange(p) || p["grade"] == "yellow" }); n != kept {
		t.Errorf("z12 hazards: %d of %d blue", n-kept, n)
	}
}

func TestTileVersionsAndRuns(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	v, err := s.Tiles.TileVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v["segments"] != "r0" || v["buildings"] != "i0" || v["stations"] != "r0-i0" || !strings.HasPrefix(v["hazards"], "r0-e0-d") ||
		len(v) != len(tiles.Layers()) {
		t.Errorf("empty database: %v", v)
	}
	if _, ok, err := s.Tiles.TileBounds(ctx, "segments", v["segments"]); ok || err != nil {
		t.Errorf("bounds of no segments: %v %v", ok, err)
	}
	if err := loadCity(ctx, s, 60); err != nil {
		t.Fatal(err)
	}
	v1, _ := s.Tiles.TileVersions(ctx)
	if !regexp.MustCompile(`^r[1-9]\d*$`).MatchString(v1["segments"]) || !regexp.MustCompile(`^i[1-9]\d*$`).MatchString(v1["buildings"]) ||
		!strings.HasPrefix(v1["hazards"], v1["segments"]+"-e") || !strings.HasPrefix(v1["stations"], v1["segments"]+"-i") {
		t.Errorf("loaded: %v", v1)
	}
	bb, ok, err := s.Tiles.TileBounds(ctx, "segments", v1["segments"])
	if err != nil || !ok || bb.W < 113 || bb.E > 116 || bb.S < 29 || bb.N > 32 || bb.W >= bb.E || bb.S >= bb.N {
		t.Fatalf("bounds %+v %v %v", bb, ok, err)
	}
	tl := geo.TileAt((bb.W+bb.E)/2, (bb.S+bb.N)/2, 13)
	ids := func(version string) map[float64]bool {
		b, err := s.Tiles.TileMVT(ctx, "segments", tl, version)
		if err != nil {
			t.Fatal(err)
		}
		out := map[float64]bool{}
		ls, _ := mvt.Unmarshal(b)
		for _, l := range ls {
			for _, f := range l.Features {
				out[f.ID.(float64)] = true
			}
		}
		return out
	}
	before := ids(v1["segments"])
	if len(before) == 0 {
		t.Fatal("no segments in the middle tile")
	}
	if err := analyzeTiles(ctx, s); err != nil {
		t.Fatal(err)
	}
	v2, _ := s.Tiles.TileVersions(ctx)
	for _, l := range []string{"buildings", "sewers", "districts", "pipes"} {
		if v2[l] != v1[l] {
			t.Errorf("analysis changed the version of %s: %s → %s", l, v1[l], v2[l])
		}
	}
	for _, l := range []string{"segments", "hazards", "stations"} {
		if v2[l] == v1[l] {
			t.Errorf("analysis left the version of %s at %s", l, v1[l])
		}
	}
	// each version shows exactly its run: the previous run is still there
	after := ids(v2["segments"])
	for id := range after {
		if before[id] {
			t.Fatalf("segment %v in both runs' tiles", id)
		}
	}
	if again := ids(v1["segments"]); len(again) != len(before) {
		t.Errorf("the previous run's tile changed: %d → %d features", len(before), len(again))
	}
	// an import changes that layer's version only
	dir := t.TempDir()
	if _, err := synth.Generate(ctx, synth.Config{Segments: 60, Seed: 11}, dir, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Importer.Import(ctx, importer.Options{Layer: "buildings", File: filepath.Join(dir, "buildings.geojson"), Replace: true}); err != nil {
		t.Fatal(err)
	}
	v3, _ := s.Tiles.TileVersions(ctx)
	for l := range v3 {
		if (v3[l] != v2[l]) != (l == "buildings") {
			t.Errorf("after a buildings import %s: %s → %s", l, v2[l], v3[l])
		}
	}
}

func TestTileMVTErrors(t *testing.T) {
	s := sharedTileCity(t)
	ctx := context.Background()
	if _, err := s.Tiles.TileMVT(ctx, "nope", geo.Tile{Z: 1}, "r1"); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("unknown layer: %v", err)
	}
	if _, err := s.Tiles.TileMVT(ctx, "segments", geo.Tile{Z: 1, X: 5}, "r1"); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
		t.Errorf("bad tile: %v", err)
	}
	if _, err := s.Tiles.TileMVT(ctx, "segments", geo.Tile{Z: 1}, "i3"); err == nil {
		t.Error("segments tile of an import version")
	}
	if _, _, err := s.Tiles.TileBounds(ctx, "nope", "r1"); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("unknown layer bounds: %v", err)
	}
	// a tile far from the city is empty, not an error
	if b, err := s.Tiles.TileMVT(ctx, "segments", geo.Tile{Z: 14, X: 0, Y: 0}, "r1"); err != nil || len(b) != 0 {
		t.Errorf("empty tile: %d bytes, %v", len(b), err)
	}
}

// TestTileGDAL reads a segments tile with GDAL's MVT driver (ogrinfo): the
// independent decoder agrees on the layer, the feature count, the field
// types and where the features are.
func TestTileGDAL(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo (gdal-bin) not installed")
	}
	if out, err := exec.Command(ogrinfo, "--formats").Output(); err != nil || !strings.Contains(string(out), "MVT") {
		t.Skip("GDAL has no MVT driver")
	}
	s := sharedTileCity(t)
	ctx := context.Background()
	vers, _ := s.Tiles.TileVersions(ctx)
	sm := sampleOf(t, s, "segments", vers["segments"])
	tl := geo.TileAt(sm.lon, sm.lat, 14)
	b, err := s.Tiles.TileMVT(ctx, "segments", tl, vers["segments"])
	if err != nil {
		t.Fatal(err)
	}
	ls, _ := mvt.Unmarshal(b)
	// z/x/y.pbf: the driver derives the tile's georeferencing from the path
	file := filepath.Join(t.TempDir(), strconv.Itoa(tl.Z), strconv.Itoa(tl.X), strconv.Itoa(tl.Y)+".pbf")
	os.MkdirAll(filepath.Dir(file), 0o755)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ogrinfo, "-ro", "-so", "-al", file).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{
		"Layer name: segments",
		fmt.Sprintf("Feature Count: %d", len(ls[0].Features)),
		"grade: String", "findings: String", "occupied: Integer(Boolean)", "score: Real", "segment_id: Integer",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("ogrinfo output lacks %q:\n%s", want, text)
		}
	}
	m := regexp.MustCompile(`Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no extent in:\n%s", text)
	}
	env := tl.Mercator()
	pad := (env.E - env.W) * tiles.Buffer / tiles.Extent * 1.01
	for i, lim := range []float64{env.W - pad, env.S - pad} {
		if v, _ := strconv.ParseFloat(m[i+1], 64); v < lim {
			t.Errorf("GDAL extent %s outside the tile %+v", m[0], env)
		}
	}
	for i, lim := range []float64{env.E + pad, env.N + pad} {
		if v, _ := strconv.ParseFloat(m[i+3], 64); v > lim {
			t.Errorf("GDAL extent %s outside the tile %+v", m[0], env)
		}
	}
}
