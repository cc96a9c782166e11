package ledger_test

import (
	"context"
	"encoding/json"
	"math"
	"testing"
	"time"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// analyzeWith runs an analysis with a model config.
func analyzeWith(t *testing.T, s datatest.Services, cfg riskmodel.Config) analysis.RunSummary {
	t.Helper()
	sum, err := s.Analysis.Analyze(context.Background(), analysis.Options{Model: cfg, AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// clearanceSegment is the grade, score and factors of the lp-0.6 pipe's
// clearance stretch in the current run.
func clearanceSegment(t *testing.T, s datatest.Services) (string, float64, []riskmodel.Factor) {
	t.Helper()
	var grade string
	var score float64
	var raw []byte
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT grade, score, factors FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) AND pipe_id = 'lp-0.6' AND 'clearance_building' = ANY (findings)`).
		Scan(&grade, &score, &raw)
	if err != nil {
		t.Fatal(err)
	}
	var fs []riskmodel.Factor
	if err := json.Unmarshal(raw, &fs); err != nil {
		t.Fatal(err)
	}
	return grade, score, fs
}

func TestTemporaryMeasuresLowerTheNextGrade(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	_, score, _ := clearanceSegment(t, s)
	// Thresholds that put the stretch just into yellow: a guard (×0.7 by
	// default) takes it below.
	cfg := riskmodel.DefaultConfig()
	cfg.Thresholds = riskmodel.Thresholds{Yellow: score * 0.85, Orange: score * 100, Red: score * 1000}
	analyzeWith(t, s, cfg)
	before, s0, _ := clearanceSegment(t, s)
	if before != "yellow" {
		t.Fatalf("grade %s before the measures, want yellow", before)
	}
	h := datatest.FindHazard(t, s, "clearance_building lp-0.6 B-lp-0.6")
	plan := datatest.Complete(hazard.StatePlanned)
	plan.TemporaryMeasures = []string{"guard", "guard"}
	if _, err := s.Ledger.MoveHazard(ctx, h.ID, plan); err != nil {
		t.Fatal(err)
	}
	analyzeWith(t, s, cfg)
	after, s1, factors := clearanceSegment(t, s)
	if after != "blue" {
		t.Errorf("grade %s after an on-site guard, want blue", after)
	}
	guard := cfg.Likelihood.TemporaryMeasures["guard"]
	if math.Abs(s1/s0-guard) > 1e-9 {
		t.Errorf("score %.4g → %.4g, want ×%v", s0, s1, guard)
	}
	found := false
	for _, f := range factors {
		found = found || (f.Code == "temporary_measure" && f.Value == guard)
	}
	if !found {
		t.Errorf("no temporary_measure factor in %+v", factors)
	}
	h = datatest.FindHazard(t, s, "clearance_building lp-0.6 B-lp-0.6")
	if h.Grade != "blue" || lastEvent(t, s, h.ID).Action != "regraded" {
		t.Errorf("hazard after the run: %+v", h)
	}
	t.Run("others unchanged", func(t *testing.T) {
		var n int
		s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM segments WHERE run_id = (SELECT run_id FROM current_run)
			AND factors::text LIKE '%temporary_measure%'`).Scan(&n)
		if n != 1 {
			t.Errorf("%d segments credited, want 1", n)
		}
	})
}
