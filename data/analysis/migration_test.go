package analysis_test

import (
	"context"
	"strings"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/riskmodel"
)

// TestGasMigratesAlongConnectedSewers: gas from a crossing travels along
// the sewer network (docs/risk-model.md, "Gas migration along sewers"). At
// site A the crossed sewer continues through a manhole into the next
// sewer, which passes a school 80 m down from the crossing; at site B the
// next sewer starts 2 m from the crossed one's end (no manhole joins
// them): the school there is 80 m away on an unconnected sewer. With a
// reach of 100 m, A's crossing has the school as a sewer-reach receptor
// and B's has none.
func TestGasMigratesAlongConnectedSewers(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	const y = datatest.BaseY
	var pipes, sewers, buildings []datatest.Feature
	for _, site := range []struct {
		id  string
		x   float64
		gap float64
	}{{"A", datatest.BaseX, 0}, {"B", datatest.BaseX + 2000, 2}} {
		x := site.x
		pipes = append(pipes, datatest.Feature{Props: map[string]any{"id": "G-" + site.id, "material": "pe", "diameter_mm": 110,
			"pressure_class": "MPB", "install_year": 2015, "depth_m": 1.0}, Geom: datatest.Line(x-100, y, x+100, y)})
		sewer := func(id string, y0, y1 float64) datatest.Feature {
			return datatest.Feature{Props: map[string]any{"id": id, "kind": "sanitary", "diameter_mm": 300},
				Geom: datatest.Line(x, y0, x, y1)}
		}
		sewers = append(sewers, sewer("S1-"+site.id, y-20, y+20), sewer("S2-"+site.id, y+20+site.gap, y+140))
		buildings = append(buildings, datatest.Feature{Props: map[string]any{"id": "school-" + site.id, "use": "school", "floors": 3},
			Geom: datatest.Rect(x+2, y+80, x+20, y+95)})
	}
	for _, l := range []struct {
		name string
		fs   []datatest.Feature
	}{{"pipes", pipes}, {"sewers", sewers}, {"buildings", buildings}} {
		f := datatest.WriteGeoJSON(t, l.name+".geojson", 32650, l.fs)
		if _, err := s.Importer.Import(ctx, importer.Options{Layer: l.name, File: f}); err != nil {
			t.Fatal(err)
		}
	}
	cfg := riskmodel.DefaultConfig()
	cfg.Detection.SewerReachM = 100
	if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: cfg, AsOf: datatest.AsOf()}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.DB.Pool.Query(ctx, `SELECT pipe_id, bool_or(factors::text LIKE '%"sewer_reach"%'), bool_or(sewer_crossing)
		FROM segments JOIN current_run USING (run_id) GROUP BY pipe_id ORDER BY pipe_id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var id string
		var reach, crossing bool
		if err := rows.Scan(&id, &reach, &crossing); err != nil {
			t.Fatal(err)
		}
		got = append(got, id+map[bool]string{true: " reaches", false: " does not reach"}[reach]+
			map[bool]string{true: " (crossing)", false: " (no crossing)"}[crossing])
	}
	want := "G-A reaches (crossing), G-B does not reach (crossing)"
	if strings.Join(got, ", ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, ", "), want)
	}
}
