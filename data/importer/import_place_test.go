package importer_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/importer"
)

// TestImportRefusesWrongPlace: files whose coordinates cannot be in the
// CRS they declare, or lie far from the layers already loaded, are
// refused with the reason and the extent found, and nothing is loaded.
func TestImportRefusesWrongPlace(t *testing.T) {
	lon, lat := 114.30, 30.55 // Wuhan, in degrees
	deg := []datatest.Feature{pipe("D1", "steel", 1990, datatest.Line(lon, lat, lon+0.01, lat))}
	gk := []datatest.Feature{pipe("G1", "steel", 1990, datatest.Line(528000, 3386000, 529000, 3386000))}
	tests := []struct {
		name  string
		srid  int
		fs    []datatest.Feature
		flag  int // --srid
		wants []string
	}{
		{"degrees declared as Lambert-93", 2154, deg, 0, []string{"projected CRS in metres", "EPSG:2154", "(114.3000 30.5500, 114.3100 30.5500)"}},
		{"degrees declared as UTM 50N", 32650, deg, 0, []string{"projected CRS in metres", "EPSG:32650"}},
		{"metres declared as EPSG:4326", 4326, gk, 0, []string{"outside longitude/latitude ranges", "(528000 3386000, 529000 3386000)"}},
		{"Chinese metres declared as Lambert-93", 4547, gk, 2154, []string{"outside the area of use of EPSG:2154", "(528000 3386000, 529000 3386000)"}},
		{"metres outside the declared zone's projection", 4547, gk, 4499, []string{"cannot be placed in EPSG:4499", "(528000 3386000, 529000 3386000)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := env.Services(t)
			file := datatest.WriteGeoJSON(t, "wrong.geojson", tt.srid, tt.fs)
			_, err := importFile(t, s, importer.Options{Layer: "pipes", File: file, SRID: tt.flag})
			if err == nil {
				t.Fatal("imported")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q:\n%v", w, err)
				}
			}
			if n := len(exported(t, s)); n != 0 {
				t.Errorf("%d pipes after a refused import", n)
			}
		})
	}
	t.Run("one stray feature is refused alone", func(t *testing.T) {
		s := env.Services(t)
		fs := append(deg, pipe("D2", "steel", 1990, datatest.Line(528000, 3386000, 529000, 3386000)))
		res, err := importFile(t, s, importer.Options{Layer: "pipes", File: datatest.WriteGeoJSON(t, "stray.geojson", 4326, fs), SkipInvalid: true})
		if err != nil || res.Loaded != 1 || len(res.Rejects) != 1 || !strings.Contains(res.Rejects[0].Reason, "outside longitude/latitude") {
			t.Errorf("got %+v, %v; want D1 loaded and D2 refused alone", res, err)
		}
	})
	// The layers already loaded have statistics (an import ends with
	// ANALYZE) or, loaded by an incremental import, perhaps none yet: their
	// extent comes from the statistics or from reading them.
	for _, loaded := range []importer.Options{{}, {Update: true}} {
		t.Run(fmt.Sprintf("far from the layers already loaded (update %v)", loaded.Update), func(t *testing.T) {
			s := env.Services(t)
			o := loaded
			o.Layer, o.File = "pipes", datatest.WriteGeoJSON(t, "p.geojson", 4326, deg)
			if _, err := importFile(t, s, o); err != nil {
				t.Fatal(err)
			}
			paris := []datatest.Feature{{Props: map[string]any{"id": "S1", "kind": "regulator"}, Geom: `{"type":"Point","coordinates":[2.35,48.85]}`}}
			file := datatest.WriteGeoJSON(t, "s.geojson", 4326, paris)
			_, err := importFile(t, s, importer.Options{Layer: "stations", File: file})
			if err == nil || !strings.Contains(err.Error(), "km from the layers already loaded") {
				t.Fatalf("err = %v", err)
			}
			if _, err := importFile(t, s, importer.Options{Layer: "stations", File: file, MaxDistanceKM: -1}); err != nil {
				t.Errorf("with the distance check off: %v", err)
			}
		})
	}
}

// TestImportMultiLayerSource: a GeoPackage with several geometry layers is
// refused listing them until --source-layer picks one; a layer of the
// wrong geometry family is named.
func TestImportMultiLayerSource(t *testing.T) {
	dir := t.TempDir()
	lines := datatest.WriteGeoJSON(t, "lines.geojson", 4547, []datatest.Feature{pipe("L1", "steel", 1990, datatest.Line(528000, 3386000, 529000, 3386000))})
	points := datatest.WriteGeoJSON(t, "points.geojson", 4547, []datatest.Feature{{Props: map[string]any{"id": "S1", "kind": "regulator"},
		Geom: `{"type":"Point","coordinates":[528000,3386000]}`}})
	gpkg := filepath.Join(dir, "network.gpkg")
	ogr(t, "-f", "GPKG", gpkg, lines, "-nln", "gas_mains")
	ogr(t, "-update", "-f", "GPKG", gpkg, points, "-nln", "regulators")
	s := env.Services(t)
	_, err := importFile(t, s, importer.Options{Layer: "pipes", File: gpkg})
	for _, w := range []string{"2 layers", "gas_mains (Line String)", "regulators (Point)", "--source-layer"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("without --source-layer: message lacks %q: %v", w, err)
		}
	}
	_, err = importFile(t, s, importer.Options{Layer: "pipes", File: gpkg, SourceLayer: "regulators"})
	if err == nil || !strings.Contains(err.Error(), `source layer "regulators" holds Point geometries; layer pipes takes`) {
		t.Errorf("wrong family: %v", err)
	}
	_, err = importFile(t, s, importer.Options{Layer: "pipes", File: gpkg, SourceLayer: "valves"})
	if err == nil || !strings.Contains(err.Error(), `no layer "valves"; its layers: gas_mains`) {
		t.Errorf("unknown layer: %v", err)
	}
	res, err := importFile(t, s, importer.Options{Layer: "pipes", File: gpkg, SourceLayer: "gas_mains"})
	if err != nil || res.Loaded != 1 {
		t.Errorf("with --source-layer gas_mains: %+v %v", res, err)
	}
}

// TestImportClipsValues: a refusal quotes at most 80 characters of a bad
// value.
func TestImportClipsValues(t *testing.T) {
	s := env.Services(t)
	long := strings.Repeat("钢", 5000)
	f := pipe("C1", long, 1990, datatest.Line(528000, 3386000, 529000, 3386000))
	_, err := importFile(t, s, importer.Options{Layer: "pipes", File: datatest.WriteGeoJSON(t, "long.geojson", 4547, []datatest.Feature{f})})
	if err == nil || !strings.Contains(err.Error(), strings.Repeat("钢", 80)+"…") || strings.Contains(err.Error(), strings.Repeat("钢", 81)) {
		t.Errorf("want the value cut to 80 characters: %.300v", err)
	}
}
