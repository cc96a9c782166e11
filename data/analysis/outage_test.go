package analysis_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/data/topology"
	"gasrisk/riskmodel"
)

// outageNetwork is a hand-built network, in EPSG:32650 metres from
// (BaseX, BaseY):
//
//	R1 ── M1 ──V1── M1 ──┬── M2 ──V2(inoperable)── M2 ──┬── SV ──V4── C-svc (dead-end service)
//	(-10)    (60)      (200)         (300)          (400)
//	                     │ V3
//	                     H-br ── H (a hospital: a critical customer)
//
// with customers C1 and C2 on M2, and an island I (no source) with its
// own valve and customer. Every pipe is PE, DN110, MPB, of 2010.
func outageNetwork(t *testing.T, s datatest.Services) {
	t.Helper()
	x0, y0 := datatest.BaseX, datatest.BaseY
	pipe := func(id string, c ...float64) datatest.Feature {
		for i := range c {
			c[i] += map[bool]float64{true: x0, false: y0}[i%2 == 0]
		}
		return datatest.Feature{Props: map[string]any{"id": id, "material": "pe", "diameter_mm": 110, "pressure_class": "MPB",
			"install_year": 2010, "depth_m": 1.0}, Geom: datatest.Line(c...)}
	}
	at := func(dx, dy float64, props map[string]any) datatest.Feature {
		return datatest.Feature{Props: props, Geom: datatest.Point(x0+dx, y0+dy)}
	}
	valve := func(id string, dx, dy float64, operable bool) datatest.Feature {
		return at(dx, dy, map[string]any{"id": id, "kind": "ball", "operable": operable})
	}
	customer := func(id, kind string, dx, dy float64) datatest.Feature {
		return at(dx, dy, map[string]any{"id": id, "kind": kind, "meters": 2})
	}
	layers := []struct {
		name string
		fs   []datatest.Feature
	}{
		{"pipes", []datatest.Feature{pipe("M1", 0, 0, 200, 0), pipe("M2", 200, 0, 400, 0), pipe("H-br", 200, 0, 200, 60),
			pipe("SV", 400, 0, 400, 40), pipe("I", 2000, 2000, 2100, 2000)}},
		{"valves", []datatest.Feature{valve("V1", 60, 0, true), valve("V2", 300, 0, false), valve("V3", 200, 3, true),
			valve("V4", 400, 3, true), valve("VI", 2030, 2000, true)}},
		{"stations", []datatest.Feature{at(-10, 0, map[string]any{"id": "R1", "kind": "regulator", "name": "R1"})}},
		{"customers", []datatest.Feature{customer("H", "critical", 205, 50), customer("C1", "residential", 250, 10),
			customer("C2", "residential", 350, 10), customer("C-svc", "residential", 405, 30),
			customer("C-I", "residential", 2080, 10+2000)}},
	}
	for _, l := range layers {
		f := datatest.WriteGeoJSON(t, l.name+".geojson", 32650, l.fs)
		if _, err := s.Importer.Import(context.Background(), importer.Options{Layer: l.name, File: f, Replace: true}); err != nil {
			t.Fatalf("import %s: %v", l.name, err)
		}
	}
}

// outageSegment is a segment of the current run with the counts its
// outage factor states (0, 0 without the factor) and its score.
type outageSegment struct {
	id                  int64
	pipe                string
	customers, critical int
	score               float64
}

func outageSegments(t *testing.T, s datatest.Services) []outageSegment {
	t.Helper()
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT segment_id, pipe_id, score, factors
		FROM segments JOIN current_run USING (run_id) ORDER BY pipe_id, f0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []outageSegment
	for rows.Next() {
		var sg outageSegment
		var factors []byte
		if err := rows.Scan(&sg.id, &sg.pipe, &sg.score, &factors); err != nil {
			t.Fatal(err)
		}
		var fs []riskmodel.Factor
		if err := json.Unmarshal(factors, &fs); err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Code == "outage" {
				_, d, _ := strings.Cut(f.Detail, "cuts off ")
				if _, err := fmt.Sscanf(d, "%d customer(s), %d critical", &sg.customers, &sg.critical); err != nil {
					t.Fatalf("outage detail %q: %v", f.Detail, err)
				}
			}
		}
		out = append(out, sg)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOutageZonesEqualTraces: the customers (and critical ones) the
// analysis's outage factor counts for each segment — from the isolation
// zones of the whole network at once — are those the isolation trace of
// that segment (POST /api/v1/isolation's service) finds, and what the
// network's drawing says they are.
func TestOutageZonesEqualTraces(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	outageNetwork(t, s)
	if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: datatest.AsOf()}); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{
		"M1":   {4, 1}, // the regulator's side: everything beyond is fed through it
		"M2":   {4, 1}, // V2 cannot be closed: the zone reaches back to V1 and cuts off the branches
		"H-br": {1, 1}, // beyond V3: the hospital only
		"SV":   {1, 0}, // the dead-end service beyond V4
		"I":    {1, 0}, // an island no source feeds: its own customer
	}
	tr := topology.New(s.DB)
	segs := outageSegments(t, s)
	if len(segs) != len(want) {
		t.Fatalf("%d segments, want one per pipe: %+v", len(segs), segs)
	}
	for _, sg := range segs {
		t.Run(sg.pipe, func(t *testing.T) {
			id := sg.id
			iso, err := tr.Isolate(ctx, topology.Start{SegmentID: &id})
			if err != nil {
				t.Fatal(err)
			}
			if got, trace := [2]int{sg.customers, sg.critical}, [2]int{len(iso.Customers), iso.Critical}; got != trace || got != want[sg.pipe] {
				t.Errorf("analysis %v, trace %v, want %v", got, trace, want[sg.pipe])
			}
		})
	}
}

// TestOutageRaisesTheMain: the main that feeds the hospital and the
// service scores above the otherwise identical dead-end service; with
// the factor off (both weights 0) the two score the same.
func TestOutageRaisesTheMain(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	outageNetwork(t, s)
	off := riskmodel.DefaultConfig()
	off.Consequence.Outage.PerDecade, off.Consequence.Outage.Critical = 0, 0
	for _, tt := range []struct {
		name   string
		cfg    riskmodel.Config
		higher bool
	}{{"on", riskmodel.DefaultConfig(), true}, {"off", off, false}} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: tt.cfg, AsOf: datatest.AsOf()}); err != nil {
				t.Fatal(err)
			}
			score := map[string]float64{}
			for _, sg := range outageSegments(t, s) {
				score[sg.pipe] = sg.score
			}
			if main, svc := score["M2"], score["SV"]; (main > svc) != tt.higher || !tt.higher && main != svc {
				t.Errorf("score of the main %v, of the dead-end service %v", main, svc)
			}
		})
	}
}

// TestOutageNeutralWithoutValves: a city without valves or customers
// gets no outage factor.
func TestOutageNeutralWithoutValves(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	outageNetwork(t, s)
	if _, err := s.DB.Pool.Exec(ctx, `DELETE FROM valves`); err != nil {
		t.Fatal(err)
	}
	sum, err := s.Analysis.Analyze(ctx, analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: datatest.AsOf()})
	if err != nil {
		t.Fatal(err)
	}
	for _, sg := range outageSegments(t, s) {
		if sg.customers != 0 {
			t.Errorf("segment of %s: %d customers cut off without valves", sg.pipe, sg.customers)
		}
	}
	found := false
	for _, p := range sum.Phases {
		found = found || p.Name == "grade outage zones"
	}
	if !found {
		t.Errorf("phases %v: no outage step", sum.Phases)
	}
}
