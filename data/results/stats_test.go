package results_test

import (
	"context"
	"math"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/results"
	"gasrisk/synth"
)

func TestStatsBeforeAnalysis(t *testing.T) {
	st, err := env.Services(t).Results.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.RunID != 0 || st.All.Segments != 0 || len(st.Grades) != 4 || len(st.Findings) != 5 || st.Districts == nil {
		t.Errorf("stats of an empty database: %+v", st)
	}
}

func TestStatsMatchTheRun(t *testing.T) {
	s := env.Services(t)
	sum := datatest.LoadCity(t, s.DB, synth.Config{Segments: 300, Seed: 3})
	ctx := context.Background()
	st, err := s.Results.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.RunID != sum.RunID || st.AsOf != sum.AsOf || st.All.Segments != sum.Segments || !nearKm(st.All.Km, sum.Km) {
		t.Fatalf("run %d as of %s, %d segments, %.3f km; the run's summary: %d, %s, %d, %.3f",
			st.RunID, st.AsOf, st.All.Segments, st.All.Km, sum.RunID, sum.AsOf, sum.Segments, sum.Km)
	}
	for g, want := range sum.Grades {
		if got := st.Grades[g]; got.Segments != want.Segments || !nearKm(got.Km, want.Km) {
			t.Errorf("grade %s: %+v, want %+v", g, got, want)
		}
	}
	for _, f := range results.FindingFlags() {
		var n int
		var km float64
		err := s.DB.Pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(length_m), 0) / 1000 FROM segments
			WHERE run_id = $1 AND `+f, st.RunID).Scan(&n, &km)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Findings[f]; got.Segments != n || !nearKm(got.Km, km) {
			t.Errorf("finding %s: %+v, want %d segments, %.3f km", f, got, n, km)
		}
	}
	if len(st.Districts) == 0 {
		t.Fatal("no districts")
	}
	inDistricts := 0
	for _, d := range st.Districts {
		if d.Name == "" {
			t.Errorf("district %s has no name", d.ID)
		}
		n := 0
		for g, want := range sum.Districts[d.ID] {
			if got := d.Grades[g]; got.Segments != want.Segments || !nearKm(got.Km, want.Km) {
				t.Errorf("district %s grade %s: %+v, want %+v", d.ID, g, got, want)
			}
			n += want.Segments
		}
		if d.All.Segments != n {
			t.Errorf("district %s: %d segments, want %d", d.ID, d.All.Segments, n)
		}
		inDistricts += n
	}
	if inDistricts+countOf(sum.Districts[""]) != sum.Segments {
		t.Errorf("districts hold %d segments, %d outside; the run has %d", inDistricts, countOf(sum.Districts[""]), sum.Segments)
	}
}

func countOf(m map[string]analysis.GradeTotal) int {
	n := 0
	for _, t := range m {
		n += t.Segments
	}
	return n
}

func nearKm(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
