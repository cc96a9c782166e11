package analysis_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/riskmodel"
)

// TestPermitsAndPatrolExpiry (real PostGIS): an active permit next to Q1
// raises its excavation threat alone — a third_party factor on the
// excavation threat, the excavation share up, the likelihood × (1 +
// share × permit_weight) against the same pipe without it — and the run
// counts the work among its evidence; a patrol observation of five days
// ago counts for Q3 with the default period and not once the model
// shortens evidence.patrol_valid_days to three, which the run records.
func TestPermitsAndPatrolExpiry(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	x, y := 529000.0, 3387000.0
	pipe := func(id string, dy float64) datatest.Feature {
		return datatest.Feature{Props: map[string]any{"id": id, "material": "steel", "diameter_mm": 159, "pressure_class": "MPA",
			"install_year": 1975, "depth_m": 1.2}, Geom: datatest.Line(x, y+dy, x+100, y+dy)}
	}
	load := func(layer string, fs ...datatest.Feature) {
		t.Helper()
		o := importer.Options{Layer: layer, File: datatest.WriteGeoJSON(t, layer+".geojson", 4547, fs), Replace: true}
		if _, err := s.Importer.Import(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	load("pipes", pipe("Q1", 0), pipe("Q2", 300), pipe("Q3", 600))
	asOf := datatest.AsOf()
	day := func(d int) string { return asOf.AddDate(0, 0, d).Format("2006-01-02") }
	// a 2 m wide trench 2 m beside the whole of Q1 (so Q1 stays one
	// segment), active on the as-of date
	_, err := s.DB.Pool.Exec(ctx, `INSERT INTO works (id, kind, starts_on, ends_on, geom, geom_3857)
		SELECT 'W-Q1', 'excavation', $1::date, $2::date, g, ST_Transform(g, 3857)
		FROM (SELECT ST_Buffer(ST_Translate(geom, 0, 3), 1, 'quad_segs=1') AS g FROM pipes WHERE id = 'Q1') w`,
		day(-10), day(20))
	if err != nil {
		t.Fatal(err)
	}
	load("patrols", datatest.Feature{Props: map[string]any{"id": "T-5", "date": day(-5), "observation": "works_without_permit"},
		Geom: datatest.Point(x+50, y+601)})
	analyze := func(c riskmodel.Config) (map[string]evidenceSegment, analysis.RunSummary) {
		t.Helper()
		sum, err := s.Analysis.Analyze(ctx, analysis.Options{Model: c, AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		return evidenceSegments(t, s), sum
	}
	c := riskmodel.DefaultConfig()
	segs, sum := analyze(c)

	t.Run("active permit", func(t *testing.T) {
		q1, q2 := segs["Q1"], segs["Q2"]
		base := c.Shares(riskmodel.Facts{Material: riskmodel.MaterialSteel})[riskmodel.ThreatExcavation]
		want := 1 + base*c.Evidence.PermitWeight
		if got := q1.lof / q2.lof; math.Abs(got-want) > 1e-9*want {
			t.Errorf("Q1 LoF %.4g, Q2 %.4g: × %.4f, want 1 + %.3f × %g = %.4f", q1.lof, q2.lof, got, base, c.Evidence.PermitWeight, want)
		}
		tp, ok := q1.factor("third_party")
		if !ok || tp.Threat != riskmodel.ThreatExcavation || !strings.Contains(tp.Detail, "1 active permit(s) within the control range: excavation +2.0") {
			t.Errorf("Q1 third_party factor %+v", tp)
		}
		if got := q1.share(t, "excavation / third party"); !(got > 100*base+1) {
			t.Errorf("Q1 excavation share %.0f %%, %.0f %% without the permit", got, 100*base)
		}
		if _, ok := q2.factor("third_party"); ok {
			t.Error("Q2, 300 m away, counts the permit")
		}
		if sum.Evidence.Records["works"] != 1 {
			t.Errorf("run evidence %+v: want 1 work", sum.Evidence)
		}
	})
	t.Run("patrol period", func(t *testing.T) {
		if _, ok := segs["Q3"].factor("patrol"); !ok {
			t.Fatalf("the 5-day-old observation does not count within %d days", c.Evidence.PatrolValidDays)
		}
		short := riskmodel.DefaultConfig()
		short.Evidence.PatrolValidDays = 3
		later, sum := analyze(short)
		if p, ok := later["Q3"].factor("patrol"); ok || later["Q3"].lof != segs["Q2"].lof {
			t.Errorf("with patrol_valid_days 3 the 5-day-old observation counts: %+v", p)
		}
		var recorded int
		err := s.DB.Pool.QueryRow(ctx, `SELECT (config->'evidence'->>'patrol_valid_days')::int FROM analysis_runs WHERE id = $1`,
			sum.RunID).Scan(&recorded)
		if err != nil || recorded != 3 || sum.Evidence.Records["patrols"] != 0 {
			t.Errorf("run %d records patrol_valid_days %d (%v), %d patrol records", sum.RunID, recorded, err, sum.Evidence.Records["patrols"])
		}
	})
}
