package analysis_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/riskmodel"
)

// evidenceSegment is a pipe's one segment in the current run.
type evidenceSegment struct {
	lof, score float64
	grade      string
	factors    []riskmodel.Factor
}

func (s evidenceSegment) factor(code string) (riskmodel.Factor, bool) {
	for _, f := range s.factors {
		if f.Code == code {
			return f, true
		}
	}
	return riskmodel.Factor{}, false
}

// share reads a threat's share (per cent) from the threat_mix factor.
func (s evidenceSegment) share(t *testing.T, threat string) float64 {
	t.Helper()
	mix, ok := s.factor("threat_mix")
	if !ok {
		t.Fatalf("no threat_mix factor in %+v", s.factors)
	}
	m := regexp.MustCompile(regexp.QuoteMeta(threat) + ` (\d+) %`).FindStringSubmatch(mix.Detail)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func evidenceSegments(t *testing.T, s datatest.Services) map[string]evidenceSegment {
	t.Helper()
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT pipe_id, lof, score, grade, factors::text FROM segments
		WHERE run_id = (SELECT run_id FROM current_run)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]evidenceSegment{}
	for rows.Next() {
		var id, fs string
		var seg evidenceSegment
		if err := rows.Scan(&id, &seg.lof, &seg.score, &seg.grade, &fs); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(fs), &seg.factors); err != nil {
			t.Fatal(err)
		}
		if _, dup := out[id]; dup {
			t.Fatalf("pipe %s has several segments", id)
		}
		out[id] = seg
	}
	return out
}

// TestFieldEvidence analyses three steel pipes with field evidence on
// them (real PostGIS, the analysis' set-based join): a class-1 corrosion
// leak on P1 raises its likelihood and its grade and names the leak; a
// failed CP reading near P2 raises its corrosion share; an unpermitted dig
// seen on patrol near P3 raises its excavation threat and expires after
// the patrol period; repaired leaks decay.
func TestFieldEvidence(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	x, y := 529000.0, 3387000.0
	pipe := func(id string, dy float64) datatest.Feature {
		return datatest.Feature{Props: map[string]any{"id": id, "material": "steel", "diameter_mm": 159, "pressure_class": "MPA",
			"install_year": 1975, "depth_m": 1.2}, Geom: datatest.Line(x, y+dy, x+100, y+dy)}
	}
	load := func(layer string, replace bool, fs ...datatest.Feature) {
		t.Helper()
		o := importer.Options{Layer: layer, File: datatest.WriteGeoJSON(t, layer+".geojson", 4547, fs), Replace: replace}
		if _, err := s.Importer.Import(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	load("pipes", true, pipe("P1", 0), pipe("P2", 300), pipe("P3", 600))
	analyze := func(c riskmodel.Config, asOf time.Time) (map[string]evidenceSegment, analysis.RunSummary) {
		t.Helper()
		sum, err := s.Analysis.Analyze(ctx, analysis.Options{Model: c, AsOf: asOf})
		if err != nil {
			t.Fatal(err)
		}
		return evidenceSegments(t, s), sum
	}
	asOf := datatest.AsOf()
	c := riskmodel.DefaultConfig()
	plain, _ := analyze(c, asOf)
	// Thresholds around P1's score without evidence: orange at 1.5 times
	// it, so that the leak (a likelihood ×2.4 on steel) crosses it.
	c.Thresholds = riskmodel.Thresholds{Yellow: plain["P1"].score / 10, Orange: plain["P1"].score * 1.5, Red: plain["P1"].score * 1000}
	before, _ := analyze(c, asOf)
	day := func(d int) string { return asOf.AddDate(0, 0, d).Format(time.DateOnly) }
	at := func(dx, dy float64) string { return datatest.Point(x+dx, y+dy) }
	load("leaks", true, datatest.Feature{Props: map[string]any{"id": "L-17", "found_date": day(-20), "leak_class": 1, "cause": "corrosion", "pipe_id": "P1"}, Geom: at(50, 1)})
	load("cp_readings", true, datatest.Feature{Props: map[string]any{"id": "C-1", "date": day(-30), "potential_mv": -610, "pass": false}, Geom: at(50, 320)})
	load("patrols", true, datatest.Feature{Props: map[string]any{"id": "T-9", "date": day(-5), "observation": "works_without_permit"}, Geom: at(50, 601)})
	after, sum := analyze(c, asOf)

	t.Run("class-1 corrosion leak", func(t *testing.T) {
		b, a := before["P1"], after["P1"]
		if !(a.lof > 2*b.lof) || b.grade != "yellow" || a.grade != "orange" {
			t.Errorf("P1: LoF %.3g → %.3g, grade %s → %s", b.lof, a.lof, b.grade, a.grade)
		}
		lf, ok := a.factor("leaks")
		if !ok || !strings.Contains(lf.Detail, "leak L-17 (class 1, corrosion, found 20 days ago, unrepaired)") || lf.Threat != "corrosion" {
			t.Errorf("leak factor %+v", lf)
		}
		if _, ok := after["P2"].factor("leaks"); ok {
			t.Error("the leak on P1 counted for P2")
		}
	})
	t.Run("unrepaired class-1 leak in the ledger", func(t *testing.T) {
		h, ok := datatest.AllHazards(t, s)["unrepaired_leak P1 L-17"]
		if !ok || h.RecheckDue || h.Grade != "orange" || h.Info.LeakClass != 1 || h.Info.Cause != "corrosion" ||
			!strings.Contains(h.DescriptionZH, "一级泄漏未修复") || !strings.Contains(h.Description, "leak L-17 (class 1, corrosion, found "+day(-20)+")") {
			t.Errorf("hazard %v %+v", ok, h)
		}
	})
	t.Run("failed CP reading", func(t *testing.T) {
		base := 100 * c.Shares(riskmodel.Facts{Material: riskmodel.MaterialSteel})[riskmodel.ThreatCorrosion]
		if got := after["P2"].share(t, "corrosion"); !(got > 2*base) || !(after["P2"].lof > before["P2"].lof) {
			t.Errorf("P2 corrosion share %.0f %% (base %.1f %%), LoF %.3g → %.3g", got, base, before["P2"].lof, after["P2"].lof)
		}
	})
	t.Run("unpermitted dig on patrol", func(t *testing.T) {
		p, ok := after["P3"].factor("patrol")
		if !ok || p.Threat != "excavation" || !strings.Contains(p.Detail, "T-9 works_without_permit 5d") || !(after["P3"].lof > before["P3"].lof) {
			t.Errorf("P3 patrol factor %+v, LoF %.3g → %.3g", p, before["P3"].lof, after["P3"].lof)
		}
		later, _ := analyze(c, asOf.AddDate(0, 0, c.Evidence.PatrolValidDays))
		if _, ok := later["P3"].factor("patrol"); ok {
			t.Errorf("the patrol observation still counts %d days on", c.Evidence.PatrolValidDays+5)
		}
	})
	t.Run("the run records its evidence", func(t *testing.T) {
		want := analysis.EvidenceUsed{Records: map[string]int{"leaks": 1, "patrols": 1, "cp_readings": 1}, Segments: 3}
		if got := sum.Evidence; got.Segments != want.Segments || got.Records["leaks"] != 1 || got.Records["patrols"] != 1 || got.Records["cp_readings"] != 1 {
			t.Errorf("evidence %+v, want %+v", got, want)
		}
		var recorded string
		if err := s.DB.Pool.QueryRow(ctx, `SELECT counts->'evidence'->>'segments' FROM analysis_runs WHERE id = $1`, sum.RunID).Scan(&recorded); err != nil || recorded != "3" {
			t.Errorf("analysis_runs.counts evidence segments %q (%v)", recorded, err)
		}
		// which records: the run's own, listed through the record API's
		// filter; the later run (as of the patrol's expiry) no longer
		// weighed the patrol observation
		used := func(layer string, run int64) []string {
			t.Helper()
			recs, err := s.Importer.Records(ctx, layer, importer.RecordFilter{Run: run})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, r := range recs {
				ids = append(ids, string(r.ID))
			}
			return ids
		}
		for layer, id := range map[string]string{"leaks": `"L-17"`, "patrols": `"T-9"`, "cp_readings": `"C-1"`} {
			if got := used(layer, sum.RunID); len(got) != 1 || got[0] != id {
				t.Errorf("run %d used %s %v, want [%s]", sum.RunID, layer, got, id)
			}
		}
		if got := used("patrols", importer.CurrentRun); len(got) != 0 {
			t.Errorf("the current run (as of the patrol's expiry) used patrols %v", got)
		}
		if got := used("leaks", importer.CurrentRun); len(got) != 1 {
			t.Errorf("the current run used leaks %v, want L-17", got)
		}
	})
	t.Run("repaired leaks decay", func(t *testing.T) {
		lof := func(repaired string) float64 {
			props := map[string]any{"id": "L-17", "found_date": day(-4000), "leak_class": 1, "cause": "corrosion", "pipe_id": "P1"}
			if repaired != "" {
				props["repaired_date"] = repaired
			}
			load("leaks", true, datatest.Feature{Props: props, Geom: at(50, 1)})
			segs, _ := analyze(c, asOf)
			return segs["P1"].lof
		}
		unrepaired, recent, old := lof(""), lof(day(-30)), lof(day(-3000))
		if !(unrepaired > recent && recent > old && old > before["P1"].lof) {
			t.Errorf("P1 LoF: unrepaired %.4g, repaired 30 days ago %.4g, 3000 days ago %.4g, no leak %.4g", unrepaired, recent, old, before["P1"].lof)
		}
		// repaired: the ledger's hazard is no longer found, to be re-checked on site
		if h := datatest.FindHazard(t, s, "unrepaired_leak P1 L-17"); !h.RecheckDue {
			t.Errorf("repaired leak's hazard %+v: not marked for re-checking", h)
		}
	})
}
