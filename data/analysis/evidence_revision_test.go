package analysis_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/riskmodel"
)

// runEvidence is what the current run says it weighed: the records of
// each layer (through the record API's filter) and its counts.evidence.
func runEvidence(t *testing.T, s datatest.Services) string {
	t.Helper()
	ctx := context.Background()
	out := ""
	for _, layer := range []string{"leaks", "patrols", "cp_readings"} {
		recs, err := s.Importer.Records(ctx, layer, importer.RecordFilter{Run: importer.CurrentRun})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range recs {
			ids = append(ids, strings.Trim(string(r.ID), `"`))
		}
		slices.Sort(ids)
		out += fmt.Sprintf("%s %v; ", layer, ids)
	}
	var counts []byte
	err := s.DB.Pool.QueryRow(ctx, `SELECT counts->'evidence' FROM analysis_runs WHERE id = (SELECT run_id FROM current_run)`).Scan(&counts)
	if err != nil {
		t.Fatal(err)
	}
	var ev analysis.EvidenceUsed
	if err := json.Unmarshal(counts, &ev); err != nil {
		t.Fatal(err)
	}
	return out + fmt.Sprintf("records %v, segments %d", ev.Records, ev.Segments)
}

// TestRevisionRecordsItsEvidence: a revision replaces the evidence
// records of the pipes it re-grades (run_evidence, migration 0026), so
// that the run lists and counts what a full run of the same data would —
// a leak recorded on a pipe and the pipe re-graded: the leak is listed;
// the leak moved away and the pipe re-graded: it no longer is. Each
// revision is compared with a full run made right after it. Before the
// migration a revision left the run's evidence as its full run wrote it.
func TestRevisionRecordsItsEvidence(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	x, y := 529000.0, 3387000.0
	load := func(layer string, fs ...datatest.Feature) {
		t.Helper()
		o := importer.Options{Layer: layer, File: datatest.WriteGeoJSON(t, layer+".geojson", 4547, fs), Replace: true}
		if _, err := s.Importer.Import(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	pipe := func(id string, dy float64) datatest.Feature {
		return datatest.Feature{Props: map[string]any{"id": id, "material": "steel", "diameter_mm": 159, "pressure_class": "MPA",
			"install_year": 1975, "depth_m": 1.2}, Geom: datatest.Line(x, y+dy, x+100, y+dy)}
	}
	load("pipes", pipe("P1", 0), pipe("P2", 300))
	asOf := datatest.AsOf()
	day := asOf.AddDate(0, 0, -20).Format("2006-01-02")
	leak := func(dy float64) datatest.Feature {
		return datatest.Feature{Props: map[string]any{"id": "L-5", "found_date": day, "leak_class": 2, "cause": "corrosion"},
			Geom: datatest.Point(x+50, y+dy)}
	}
	full := func() {
		t.Helper()
		if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: asOf}); err != nil {
			t.Fatal(err)
		}
	}
	load("leaks", leak(150)) // on neither pipe
	full()
	for _, tc := range []struct {
		name   string
		leakDY float64
		want   string
	}{
		{"a leak recorded on the pipe", 1, "leaks [L-5]"},
		{"the leak moved off the pipe", 150, "leaks []"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			load("leaks", leak(tc.leakDY))
			sum, err := s.Analysis.Reanalyze(ctx, analysis.Scope{Pipes: []string{"P1", "P2"}}, nil)
			if err != nil || sum.FullRun {
				t.Fatalf("revision: %v (a full run instead: %v)", err, sum.FullRun)
			}
			revised := runEvidence(t, s)
			full()
			if want := runEvidence(t, s); revised != want {
				t.Errorf("after the revision: %s\na full run:         %s", revised, want)
			}
			if got := revised[:len(tc.want)]; got != tc.want {
				t.Errorf("the run lists %q, want %q", got, tc.want)
			}
		})
	}
}
