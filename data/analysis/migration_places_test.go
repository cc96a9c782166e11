package analysis_test

import (
	"context"
	"encoding/json"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/riskmodel"
)

// TestSewerReachPlacesAndDetectors: gas from a crossing travels along the
// connected sewers; at site A the crossed sewer continues through a
// manhole past a school building and a dense place (a market) 80–85 m
// down, with a gas detector in the sewer 60 m down; at site B the same
// lie along a sewer that starts 2 m from the crossed one's end (no
// manhole joins them). With a reach of 100 m, A's sewer_reach factor
// counts the building and the place and notes the detector (its weight
// credited); B has none.
func TestSewerReachPlacesAndDetectors(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	const y = datatest.BaseY
	var pipes, sewers, buildings, places, detectors []datatest.Feature
	for _, site := range []struct {
		id  string
		x   float64
		gap float64
	}{{"A", datatest.BaseX, 0}, {"B", datatest.BaseX + 2000, 2}} {
		x := site.x
		pipes = append(pipes, datatest.Feature{Props: map[string]any{"id": "G-" + site.id, "material": "pe", "diameter_mm": 110,
			"pressure_class": "MPB", "install_year": 2015, "depth_m": 1.0}, Geom: datatest.Line(x-100, y, x+100, y)})
		sewer := func(id string, y0, y1 float64) datatest.Feature {
			return datatest.Feature{Props: map[string]any{"id": id, "kind": "storm", "diameter_mm": 600},
				Geom: datatest.Line(x, y0, x, y1)}
		}
		sewers = append(sewers, sewer("S1-"+site.id, y-20, y+20), sewer("S2-"+site.id, y+20+site.gap, y+140))
		buildings = append(buildings, datatest.Feature{Props: map[string]any{"id": "school-" + site.id, "use": "school", "floors": 3},
			Geom: datatest.Rect(x+2, y+80, x+20, y+95)})
		places = append(places, datatest.Feature{Props: map[string]any{"id": "market-" + site.id, "kind": "market",
			"name": "Market " + site.id, "capacity": 500}, Geom: datatest.Point(x-3, y+85)})
		detectors = append(detectors, datatest.Feature{Props: map[string]any{"id": "D-" + site.id}, Geom: datatest.Point(x+0.5, y+60)})
	}
	for _, l := range []struct {
		name string
		fs   []datatest.Feature
	}{{"pipes", pipes}, {"sewers", sewers}, {"buildings", buildings}, {"places", places}, {"detectors", detectors}} {
		f := datatest.WriteGeoJSON(t, l.name+".geojson", 32650, l.fs)
		if _, err := s.Importer.Import(ctx, importer.Options{Layer: l.name, File: f}); err != nil {
			t.Fatalf("import %s: %v", l.name, err)
		}
	}
	cfg := riskmodel.DefaultConfig()
	cfg.Detection.SewerReachM = 100
	if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: cfg, AsOf: datatest.AsOf()}); err != nil {
		t.Fatal(err)
	}
	got := map[string]riskmodel.Factor{}
	rows, err := s.DB.Pool.Query(ctx, `SELECT pipe_id, factors FROM segments JOIN current_run USING (run_id)`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			t.Fatal(err)
		}
		var fs []riskmodel.Factor
		if err := json.Unmarshal(raw, &fs); err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Code == "sewer_reach" {
				got[id] = f
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	k := cfg.Consequence
	tests := []struct {
		pipe   string
		reach  bool
		value  float64
		detail string
	}{
		{"G-A", true, (k.SewerReachReceptor + k.SewerReachPlace) * (1 - k.DetectorCredit),
			"1 building(s) and 1 dense place(s) within 100 m along connected sewers; 1 gas detector(s) watch the sewers reached"},
		{"G-B", false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.pipe, func(t *testing.T) {
			f, ok := got[tt.pipe]
			if ok != tt.reach || ok && (f.Value != tt.value || f.Detail != tt.detail || f.DetailZH == "") {
				t.Errorf("sewer_reach %v %+v, want %v value %v detail %q", ok, f, tt.reach, tt.value, tt.detail)
			}
		})
	}
}
