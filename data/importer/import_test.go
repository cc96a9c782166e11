package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gasrisk/data"
	"gasrisk/data/datatest"
	"gasrisk/data/export"
	"gasrisk/data/importer"
)

func pipe(id, material string, year int, g string) datatest.Feature {
	return datatest.Feature{Props: map[string]any{"id": id, "material": material, "diameter_mm": 110,
		"pressure_class": "MPB", "install_year": year}, Geom: g}
}

// gkNetwork is a small network in EPSG:4547 (CGCS2000 / 3-degree GK CM
// 114E) with known planar lengths in metres.
func gkNetwork() ([]datatest.Feature, map[string]float64) {
	x, y := 528000.0, 3386000.0
	fs := []datatest.Feature{
		pipe("P1", "steel", 1990, datatest.Line(x, y, x+1000, y)),
		pipe("P2", "pe", 2015, datatest.Line(x, y, x, y+250, x+300, y+650)),
		pipe("P3", "cast_iron", 1965, datatest.Line(x+2000, y+2000, x+2003, y+2004)),
	}
	return fs, map[string]float64{"P1": 1000, "P2": 750, "P3": 5}
}

// exported reads `export segments` back: pipe id → length and geometry.
func exported(t *testing.T, s datatest.Services) map[string]map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.Export.ExportSegments(context.Background(), &buf, export.FormatGeoJSON, export.SegmentFilter{}); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry   map[string]any
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if fc.Type != "FeatureCollection" {
		t.Fatalf("type %q", fc.Type)
	}
	out := map[string]map[string]any{}
	for _, f := range fc.Features {
		f.Properties["_geometry"] = f.Geometry
		out[f.Properties["pipe_id"].(string)] = f.Properties
	}
	return out
}

func checkLengths(t *testing.T, s datatest.Services, want map[string]float64) {
	t.Helper()
	got := exported(t, s)
	if len(got) != len(want) {
		t.Fatalf("exported %d pipes, want %d", len(got), len(want))
	}
	for id, w := range want {
		l := got[id]["length_m"].(float64)
		if math.Abs(l-w)/w > 0.005 {
			t.Errorf("%s: length %.3f m, want %.3f ±0.5%%", id, l, w)
		}
		coords := got[id]["_geometry"].(map[string]any)["coordinates"].([]any)
		lon := coords[0].([]any)[0].(float64)
		if lon < 114 || lon > 114.5 {
			t.Errorf("%s: exported lon %g is not EPSG:4326 near 114.3E", id, lon)
		}
	}
}

func importFile(t *testing.T, s datatest.Services, o importer.Options) (importer.Result, error) {
	t.Helper()
	return s.Importer.Import(context.Background(), o)
}

// ogr converts a file with ogr2ogr for the format tests.
func ogr(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command("ogr2ogr", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogr2ogr %v: %v\n%s", args, err, out)
	}
}

func TestImportFormatsAndCRS(t *testing.T) {
	fs, want := gkNetwork()
	src := datatest.WriteGeoJSON(t, "pipes_4547.geojson", 4547, fs)
	dir := t.TempDir()
	shp := filepath.Join(dir, "pipes.shp")
	gpkg := filepath.Join(dir, "pipes.gpkg")
	csv := filepath.Join(dir, "network.csv") // not beside pipes.prj, which GDAL would read
	ogr(t, "-f", "ESRI Shapefile", shp, src, "-t_srs", "EPSG:32649")
	ogr(t, "-f", "GPKG", gpkg, src, "-t_srs", "EPSG:32650")
	ogr(t, "-f", "CSV", csv, src, "-lco", "GEOMETRY=AS_WKT")
	tests := []struct {
		name string
		o    importer.Options
	}{
		{"geojson with legacy crs EPSG:4547", importer.Options{File: src}},
		{"shapefile EPSG:32649", importer.Options{File: shp}},
		{"geopackage EPSG:32650", importer.Options{File: gpkg}},
		{"csv with WKT and --srid 4547", importer.Options{File: csv, SRID: 4547}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := env.Services(t)
			tt.o.Layer = "pipes"
			res, err := importFile(t, s, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			if res.Loaded != 3 || res.WorkingSRID != 32650 {
				t.Errorf("loaded %d, working SRID %d; want 3, 32650 (UTM 50N)", res.Loaded, res.WorkingSRID)
			}
			checkLengths(t, s, want)
		})
	}
	t.Run("csv without a CRS asks for --srid", func(t *testing.T) {
		s := env.Services(t)
		_, err := importFile(t, s, importer.Options{Layer: "pipes", File: csv})
		if err == nil || !strings.Contains(err.Error(), "--srid") {
			t.Fatalf("err = %v, want a hint to pass --srid", err)
		}
	})
	t.Run("configured working CRS", func(t *testing.T) {
		db, err := data.Open(context.Background(), data.Config{URL: env.URL(t), WorkingSRID: 4547})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		s := datatest.NewServices(db)
		res, err := importFile(t, s, importer.Options{Layer: "pipes", File: src})
		if err != nil || res.WorkingSRID != 4547 {
			t.Fatalf("srid %d err %v", res.WorkingSRID, err)
		}
		checkLengths(t, s, want)
	})
}

func TestImportAllOrNothing(t *testing.T) {
	s := env.Services(t)
	fs, want := gkNetwork()
	if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: datatest.WriteGeoJSON(t, "ok.geojson", 4547, fs)}); err != nil {
		t.Fatal(err)
	}
	x, y := 529000.0, 3387000.0
	bad := datatest.WriteGeoJSON(t, "bad.geojson", 4547, []datatest.Feature{
		pipe("N1", "pe", 2010, datatest.Line(x, y, x+10, y)),
		pipe("N2", "pe", 2010, datatest.Line(x, y)),
		pipe("N3", "unobtainium", 2010, datatest.Line(x, y, x+10, y+10)),
	})
	_, err := importFile(t, s, importer.Options{Layer: "pipes", File: bad})
	var re *importer.RejectedError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want RejectedError", err)
	}
	msg := err.Error()
	for _, w := range []string{"feature 1 (id N2)", "line with 1 point", "feature 2 (id N3)", `unknown material "unobtainium"`} {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q:\n%s", w, msg)
		}
	}
	checkLengths(t, s, want) // unchanged: N1 was not loaded either

	t.Run("skip invalid loads the rest", func(t *testing.T) {
		res, err := importFile(t, s, importer.Options{Layer: "pipes", File: bad, SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Loaded != 1 || len(res.Rejects) != 2 || res.Rejects[0].ID != "N2" || res.Rejects[1].ID != "N3" {
			t.Errorf("loaded %d rejects %+v", res.Loaded, res.Rejects)
		}
		want["N1"] = 10
		checkLengths(t, s, want)
	})
	t.Run("replace", func(t *testing.T) {
		one := datatest.WriteGeoJSON(t, "one.geojson", 4547, fs[:1])
		if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: one, Replace: true}); err != nil {
			t.Fatal(err)
		}
		checkLengths(t, s, map[string]float64{"P1": 1000})
	})
}
