package analysis_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
)

// TestAnalyzeNoSlivers: with detection.min_segment_m (1 m by default) no
// segment is shorter than 1 m unless its pipe is, and no finding is lost;
// with 0 the slivers the cases are built to make are there.
func TestAnalyzeNoSlivers(t *testing.T) {
	s := env.Services(t)
	c := &datatest.Cases{}
	building := func(id string, geom string) datatest.Feature {
		return datatest.Feature{Props: map[string]any{"id": id, "use": "residential", "floors": 6}, Geom: geom}
	}
	// 0: a building on the pipe (occupied 39.5–60.5 m) and one 0.6 m
	// beside it (clearance from ≈ 60.86 m): ≈ 0.36 m clean between them.
	c.AddPipe(0, "gap", "pe", "LP", 2015, 110, 1.2, 100)
	x, y := datatest.At(0)
	c.Buildings = append(c.Buildings, building("B-on", datatest.Rect(x+40, y-5, x+60, y+5)),
		building("B-beside", datatest.Rect(x+61.2, y+0.6, x+70, y+10)))
	// 1: the corner of a diamond-shaped building 0.45 m from the pipe:
	// occupied over ≈ 0.4 m.
	c.AddPipe(1, "corner", "pe", "LP", 2015, 110, 1.2, 100)
	x, y = datatest.At(1)
	c.Buildings = append(c.Buildings, building("B-corner", fmt.Sprintf(
		`{"type":"Polygon","coordinates":[[[%v,%v],[%v,%v],[%v,%v],[%v,%v],[%v,%v]]]}`,
		x+50, y+0.45, x+55, y+5.45, x+50, y+10.45, x+45, y+5.45, x+50, y+0.45)))
	// 2: a 0.6 m pipe, clean over its first 0.16 m, then beside a building.
	c.AddPipe(2, "short", "pe", "LP", 2015, 110, 1.2, 0.6)
	x, y = datatest.At(2)
	c.Buildings = append(c.Buildings, building("B-short", datatest.Rect(x+0.5, y+0.6, x+10, y+10)))
	c.Load(t, s)

	analyze := func(minM float64) map[string]*pipeResult {
		t.Helper()
		m := riskmodel.DefaultConfig()
		m.Detection.MinSegmentM = minM
		o := analysis.Options{Model: m, AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}
		if _, err := s.Analysis.Analyze(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		return results(t, s)
	}
	kinds := func(r *pipeResult) string {
		var ks []string
		for _, sg := range r.segments {
			ks = append(ks, "["+strings.Join(sg.findings, " ")+"]")
		}
		return strings.Join(ks, " ")
	}
	before := analyze(0)
	for _, id := range []string{"gap", "corner"} {
		if !slices.ContainsFunc(before[id].lengths, func(l float64) bool { return l < 1 }) {
			t.Fatalf("%s: no sliver without the minimum: %v", id, before[id].lengths)
		}
	}
	if n := len(before["short"].segments); n != 2 {
		t.Fatalf("short: %d segments without the minimum, want 2", n)
	}

	after := analyze(riskmodel.DefaultConfig().Detection.MinSegmentM)
	for id, b := range before {
		a := after[id]
		if !slices.Equal(a.findings, b.findings) {
			t.Errorf("%s: findings %v, were %v", id, a.findings, b.findings)
		}
		if math.Abs(sum(a.lengths)-sum(b.lengths)) > 1e-6 {
			t.Errorf("%s: segments add up to %.6f m, were %.6f m", id, sum(a.lengths), sum(b.lengths))
		}
		for _, l := range a.lengths {
			if l < 1 && len(a.lengths) > 1 {
				t.Errorf("%s: a %.3f m segment: %v", id, l, a.lengths)
			}
		}
	}
	t.Run("the clean sliver joins the occupied segment", func(t *testing.T) {
		g := after["gap"]
		if k := kinds(g); k != "[] [occupied] [clearance_building] []" {
			t.Fatalf("segments %s", k)
		}
		if l := g.lengths[1]; l < 21.2 || l > 21.5 {
			t.Errorf("occupied segment %.3f m, want 21.0 m + the ≈ 0.36 m sliver", l)
		}
	})
	t.Run("the occupied corner grows to 1 m", func(t *testing.T) {
		g := after["corner"]
		if k := kinds(g); k != "[] [occupied] []" {
			t.Fatalf("segments %s", k)
		}
		if l := g.lengths[1]; l < 1 || l > 1.0001 {
			t.Errorf("occupied segment %.4f m, want 1 m", l)
		}
		var grade string
		err := s.DB.Pool.QueryRow(context.Background(), `SELECT grade FROM hazards
			WHERE kind = 'occupied' AND pipe_id = 'corner' AND ref_id = 'B-corner' AND NOT recheck_due`).Scan(&grade)
		if err != nil || grade != g.segments[1].grade {
			t.Errorf("occupied hazard: grade %q (%v), the segment's %q", grade, err, g.segments[1].grade)
		}
	})
	t.Run("a pipe shorter than the minimum is one segment", func(t *testing.T) {
		g := after["short"]
		if k := kinds(g); k != "[clearance_building]" || math.Abs(g.lengths[0]-0.6) > 1e-9 {
			t.Errorf("segments %s, %v m", k, g.lengths)
		}
	})
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
