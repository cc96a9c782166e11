package analysis_test

import (
	"context"
	"fmt"
	"testing"

	"gasrisk"
	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
)

// TestScenario: a what-if run renewing two pipes leaves the current run,
// its grades and the hazard ledger untouched, and grades the renewed
// pipes as new PE (grey cast iron and the corroded steel leave their
// renewal categories); a newer run of the same scenario replaces the
// older one; an ordinary run afterwards keeps it; bad scenarios are
// refused naming the field.
func TestScenario(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	current := func() (run int64, digest string) {
		t.Helper()
		err := s.DB.Pool.QueryRow(ctx, `SELECT c.run_id, md5(string_agg(segment_id || grade || score || coalesce(renewal_category, ''), ',' ORDER BY segment_id))
			FROM current_run c JOIN segments s ON s.run_id = c.run_id GROUP BY c.run_id`).Scan(&run, &digest)
		if err != nil {
			t.Fatal(err)
		}
		return run, digest
	}
	hazards := func() string {
		var d string
		s.DB.Pool.QueryRow(ctx, `SELECT count(*) || md5(string_agg(id || state, ',' ORDER BY id)) FROM hazards`).Scan(&d)
		return d
	}
	run0, grades0 := current()
	ledger0 := hazards()
	sc := &analysis.Scenario{Name: "renew-two", Pipes: []string{"ci-new", "steel-20y-corroded"}}
	opts := analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: datatest.AsOf(), Scenario: sc}
	sum, err := s.Analysis.Analyze(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if run, grades := current(); run != run0 || grades != grades0 {
		t.Errorf("the current run changed: run %d → %d, grades equal %v", run0, run, grades == grades0)
	}
	if hazards() != ledger0 {
		t.Error("the scenario changed the hazard ledger")
	}
	type seg struct{ material, category, grade string }
	segs := func(run int64, pipe string) []seg {
		rows, err := s.DB.Pool.Query(ctx, `SELECT material, coalesce(renewal_category, ''), grade FROM segments
			WHERE run_id = $1 AND pipe_id = $2 ORDER BY f0`, run, pipe)
		if err != nil {
			t.Fatal(err)
		}
		var out []seg
		for rows.Next() {
			var x seg
			rows.Scan(&x.material, &x.category, &x.grade)
			out = append(out, x)
		}
		return out
	}
	for _, tt := range []struct{ pipe, beforeCat, beforeGrade string }{
		{"ci-new", "grey_cast_iron", "yellow"}, {"steel-20y-corroded", "aged_condition", ""},
	} {
		t.Run(tt.pipe, func(t *testing.T) {
			before, after := segs(run0, tt.pipe), segs(sum.RunID, tt.pipe)
			if len(before) == 0 || len(after) == 0 {
				t.Fatalf("segments before %v after %v", before, after)
			}
			if before[0].category != tt.beforeCat || (tt.beforeGrade != "" && before[0].grade != tt.beforeGrade) {
				t.Errorf("before: %+v", before[0])
			}
			for _, x := range after {
				if x.material != riskmodel.MaterialPE || x.category != "" || x.grade == "" {
					t.Errorf("renewed: %+v", x)
				}
			}
			if tt.pipe == "ci-new" && after[0].grade != "blue" {
				t.Errorf("new PE in open ground graded %s, want blue", after[0].grade)
			}
		})
	}
	t.Run("pipes not renewed grade as in the current run", func(t *testing.T) {
		var differ int
		err := s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM segments a JOIN segments b ON a.pipe_id = b.pipe_id AND a.f0 = b.f0
			WHERE a.run_id = $1 AND b.run_id = $2 AND a.pipe_id <> ALL ($3) AND (a.grade <> b.grade OR abs(a.score - b.score) > 1e-9 * (1 + a.score))`,
			run0, sum.RunID, sc.Pipes).Scan(&differ)
		if err != nil || differ != 0 {
			t.Errorf("%d segments differ, err %v", differ, err)
		}
	})
	t.Run("a newer run of the scenario replaces the older; ordinary runs keep it", func(t *testing.T) {
		again, err := s.Analysis.Analyze(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		datatest.Analyze(t, s.DB)
		datatest.Analyze(t, s.DB)
		var kept, old int
		s.DB.Pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE run_id = $1), count(*) FILTER (WHERE run_id = $2) FROM segments`,
			again.RunID, sum.RunID).Scan(&kept, &old)
		if kept == 0 || old != 0 {
			t.Errorf("segments of the newer scenario run %d, of the older %d", kept, old)
		}
	})
	for _, tt := range []struct {
		sc   analysis.Scenario
		code string
	}{
		{analysis.Scenario{Name: "bad name!", Pipes: []string{"ci-new"}}, gasrisk.EINVALID},
		{analysis.Scenario{Name: "empty"}, gasrisk.EINVALID},
		{analysis.Scenario{Name: "unknown", Pipes: []string{"no-such-pipe"}}, gasrisk.EINVALID},
		{analysis.Scenario{Name: "no-plan", Plan: "no-such-plan"}, gasrisk.ENOTFOUND},
	} {
		t.Run(fmt.Sprintf("refused %+v", tt.sc), func(t *testing.T) {
			o := opts
			o.Scenario = &tt.sc
			if _, err := s.Analysis.Analyze(ctx, o); gasrisk.ErrorCode(err) != tt.code {
				t.Errorf("err %v, want %s", err, tt.code)
			}
		})
	}
}
