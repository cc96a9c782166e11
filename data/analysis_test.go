package data_test

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"gasrisk/data"
	"gasrisk/riskmodel"
)

// testCity is a hand-built city in EPSG:32650 (metres): each case sits on
// its own 100 m pipe at x = 1000·i, far from the others.
type testCity struct {
	pipes, buildings, sewers, detectors, stations, places []feature
}

const baseX, baseY = 400000.0, 3400000.0

// at is the origin of case i.
func at(i int) (float64, float64) { return baseX + 1000*float64(i), baseY }

func rect(x0, y0, x1, y1 float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%v,%v],[%v,%v],[%v,%v],[%v,%v],[%v,%v]]]}`,
		x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
}

func point(x, y float64) string { return fmt.Sprintf(`{"type":"Point","coordinates":[%v,%v]}`, x, y) }

// addPipe lays a 100 m pipe east from the case origin (or length m).
func (c *testCity) addPipe(i int, id, material, class string, year int, diameter, depth, length float64) {
	x, y := at(i)
	props := map[string]any{"id": id, "material": material, "pressure_class": class, "install_year": year,
		"diameter_mm": diameter, "district": fmt.Sprintf("D%d", i%3)}
	if depth > 0 {
		props["depth_m"] = depth
	}
	c.pipes = append(c.pipes, feature{props: props, geom: line(x, y, x+length, y)})
}

// addBuilding puts a 20 m × 10 m building north of case i's pipe, its
// south wall gap metres from the pipe (negative: straddling it).
func (c *testCity) addBuilding(i int, id, use string, gap float64) {
	x, y := at(i)
	c.buildings = append(c.buildings, feature{props: map[string]any{"id": id, "use": use, "floors": 6},
		geom: rect(x+40, y+gap, x+60, y+gap+10)})
}

func (c *testCity) load(t *testing.T, s *data.Store) {
	t.Helper()
	layers := []struct {
		name string
		fs   []feature
	}{{"pipes", c.pipes}, {"buildings", c.buildings}, {"sewers", c.sewers}, {"detectors", c.detectors},
		{"stations", c.stations}, {"places", c.places}}
	for _, l := range layers {
		if len(l.fs) == 0 {
			continue
		}
		file := writeGeoJSON(t, l.name+".geojson", 32650, l.fs)
		if _, err := s.Import(context.Background(), data.ImportOptions{Layer: l.name, File: file}); err != nil {
			t.Fatalf("import %s: %v", l.name, err)
		}
	}
}

func buildTestCity() *testCity {
	c := &testCity{}
	// 0: young PE in an empty area → blue, no findings.
	c.addPipe(0, "empty", "pe", "LP", 2020, 110, 1.2, 100)
	// 1: a school sitting on the pipe → occupied, red.
	c.addPipe(1, "school", "pe", "MPB", 2015, 110, 1.2, 100)
	c.addBuilding(1, "B-school", "school", -5)
	// 2: sub-high pressure, building 1.0 m away (protection 1.5) → occupied, red.
	c.addPipe(2, "shpb-occ", "steel", "SHPB", 2015, 300, 1.5, 100)
	c.addBuilding(2, "B-shpb-1.0", "residential", 1.0)
	// 3–5: LP protection 0.5 / clearance 0.7 on both sides.
	c.addPipe(3, "lp-0.4", "pe", "LP", 2015, 110, 1.2, 100)
	c.addBuilding(3, "B-lp-0.4", "residential", 0.4)
	c.addPipe(4, "lp-0.6", "pe", "LP", 2015, 110, 1.2, 100)
	c.addBuilding(4, "B-lp-0.6", "residential", 0.6)
	c.addPipe(5, "lp-0.8", "pe", "LP", 2015, 110, 1.2, 100)
	c.addBuilding(5, "B-lp-0.8", "residential", 0.8)
	// 6–7: SHPB protection 1.5 / clearance 4.5.
	c.addPipe(6, "shpb-1.6", "steel", "SHPB", 2015, 300, 1.5, 100)
	c.addBuilding(6, "B-shpb-1.6", "residential", 1.6)
	c.addPipe(7, "shpb-4.6", "steel", "SHPB", 2015, 300, 1.5, 100)
	c.addBuilding(7, "B-shpb-4.6", "residential", 4.6)
	c.addSewerCases()
	c.addAgeCases()
	c.addStationCases()
	// 30: a 2 km main with a 20 m occupied stretch in the middle.
	c.addPipe(30, "main-2km", "steel", "MPA", 2010, 300, 1.2, 2000)
	x, y := at(30)
	c.buildings = append(c.buildings, feature{props: map[string]any{"id": "B-main", "use": "commercial", "floors": 3},
		geom: rect(x+1000, y-5, x+1020, y+5)})
	// 33: third-party works (added in SQL by the test).
	c.addPipe(33, "works-active", "pe", "MPB", 2015, 110, 1.2, 100)
	c.addPipe(34, "works-ended", "pe", "MPB", 2015, 110, 1.2, 100)
	return c
}

// addSewerCases: crossings (with and without detector, with a small and a
// sufficient vertical gap) and parallel sewers and water mains on both
// sides of their clearances.
func (c *testCity) addSewerCases() {
	sewer := func(id, kind string, depth float64, g string) feature {
		return feature{props: map[string]any{"id": id, "kind": kind, "diameter_mm": 300, "depth_m": depth}, geom: g}
	}
	for i, tc := range []struct {
		id       string
		depth    float64
		detector bool
	}{{"cross-vgap", 1.2, false}, {"cross-ok", 1.5, true}} {
		n := 10 + i
		c.addPipe(n, tc.id, "pe", "MPB", 2015, 110, 1.0, 100)
		x, y := at(n)
		c.sewers = append(c.sewers, sewer("S-"+tc.id, "sanitary", tc.depth, line(x+50, y-20, x+50, y+20)))
		if tc.detector {
			c.detectors = append(c.detectors, feature{props: map[string]any{"id": "L-" + tc.id}, geom: point(x+53, y+3)})
		}
	}
	for i, tc := range []struct {
		id, kind string
		gap      float64
	}{{"sewer-1.1", "storm", 1.1}, {"sewer-1.3", "storm", 1.3}, {"water-0.4", "water", 0.4}, {"water-0.6", "water", 0.6}} {
		n := 12 + i
		c.addPipe(n, tc.id, "pe", "MPB", 2015, 110, 1.0, 100)
		x, y := at(n)
		c.sewers = append(c.sewers, sewer("S-"+tc.id, tc.kind, 2, line(x+20, y-tc.gap, x+80, y-tc.gap)))
	}
}

// addAgeCases: the aged rule at both sides of its thresholds (as of 2026).
func (c *testCity) addAgeCases() {
	for i, tc := range []struct {
		id, material string
		year         int
		hazard       bool
	}{
		{"ci-new", "cast_iron", 2015, false},
		{"steel-30y", "steel", 1996, false},
		{"steel-29y", "steel", 1997, false},
		{"pe-20y-hazard", "pe", 2006, true},
		{"pe-19y-hazard", "pe", 2007, true},
		{"pe-20y-clean", "pe", 2006, false},
		{"di-30y", "ductile_iron", 1996, false},
	} {
		n := 20 + i
		c.addPipe(n, tc.id, tc.material, "LP", tc.year, 110, 1.2, 100)
		if tc.hazard {
			c.addBuilding(n, "B-"+tc.id, "residential", 0.6) // clearance, not occupied
		}
	}
}

// addStationCases: a regulator box with a school 5 m away (dense spacing
// 8 m) and an old regulator.
func (c *testCity) addStationCases() {
	x, y := at(40)
	c.stations = append(c.stations,
		feature{props: map[string]any{"id": "T-box", "kind": "regulator_box", "install_year": 2020}, geom: point(x, y+100)},
		feature{props: map[string]any{"id": "T-old", "kind": "regulator", "install_year": 1990}, geom: point(x+500, y+500)})
	c.buildings = append(c.buildings, feature{props: map[string]any{"id": "B-near-box", "use": "school", "floors": 3},
		geom: rect(x+5, y+95, x+25, y+115)})
}

func analyze(t *testing.T, s *data.Store) data.RunSummary {
	t.Helper()
	o := data.AnalysisOptions{Model: riskmodel.DefaultConfig(), AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}
	sum, err := s.Analyze(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// pipeResults is, per pipe, its findings (union over segments), its worst
// grade and its segments' lengths.
type pipeResult struct {
	findings []string
	grade    string
	lengths  []float64
	segments []segResult
}

type segResult struct {
	findings []string
	grade    string
	length   float64
}

func results(t *testing.T, s *data.Store) map[string]*pipeResult {
	t.Helper()
	rows, err := s.Pool.Query(context.Background(), `SELECT pipe_id, findings, grade, length_m FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) ORDER BY pipe_id, f0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]*pipeResult{}
	rank := map[string]int{"blue": 1, "yellow": 2, "orange": 3, "red": 4}
	for rows.Next() {
		var id, grade string
		var fs []string
		var l float64
		if err := rows.Scan(&id, &fs, &grade, &l); err != nil {
			t.Fatal(err)
		}
		r := out[id]
		if r == nil {
			r = &pipeResult{}
			out[id] = r
		}
		for _, f := range fs {
			if !contains(r.findings, f) {
				r.findings = append(r.findings, f)
			}
		}
		sort.Strings(r.findings)
		if rank[grade] > rank[r.grade] {
			r.grade = grade
		}
		r.lengths = append(r.lengths, l)
		r.segments = append(r.segments, segResult{fs, grade, l})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAnalyzeHandBuiltCity(t *testing.T) {
	s := env.Store(t)
	buildTestCity().load(t, s)
	ctx := context.Background()
	_, err := s.Pool.Exec(ctx, `INSERT INTO works (id, kind, starts_on, ends_on, geom, geom_3857)
		SELECT id, 'excavation', s, e, g, ST_Transform(g, 3857) FROM (VALUES
		  ('W-active', DATE '2026-06-01', DATE '2026-07-31', ST_MakeEnvelope($1::float8, $2::float8 + 3, $1::float8 + 10, $2::float8 + 13, 32650)),
		  ('W-ended', DATE '2025-01-01', DATE '2025-02-01', ST_MakeEnvelope($3::float8, $2::float8 + 3, $3::float8 + 10, $2::float8 + 13, 32650))) v (id, s, e, g)`,
		baseX+33*1000+40, baseY, baseX+34*1000+40)
	if err != nil {
		t.Fatal(err)
	}
	sum := analyze(t, s)
	t.Run("the run's partition is indexed and analysed", func(t *testing.T) {
		var tables, gist, unique, analysed int
		err := s.Pool.QueryRow(ctx, `
			SELECT count(*),
			       sum((SELECT count(*) FROM pg_indexes i WHERE i.tablename = c.relname AND i.indexdef LIKE '%USING gist (geom%')),
			       sum((SELECT count(*) FROM pg_indexes i WHERE i.tablename = c.relname AND i.indexdef LIKE 'CREATE UNIQUE INDEX%(segment_id)')),
			       count(*) FILTER (WHERE c.reltuples >= 0)
			FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
			WHERE h.inhparent = ('segments_r' || (SELECT run_id FROM current_run))::regclass`).Scan(&tables, &gist, &unique, &analysed)
		if err != nil {
			t.Fatal(err)
		}
		if tables < 2 || gist != 2*tables || unique != tables || analysed != tables {
			t.Errorf("%d shard tables: %d GiST indexes, %d unique on segment_id, %d analysed", tables, gist, unique, analysed)
		}
	})
	got := results(t, s)
	want := map[string]string{
		"empty":         "",
		"school":        "occupied",
		"shpb-occ":      "occupied",
		"lp-0.4":        "occupied",
		"lp-0.6":        "clearance_building",
		"lp-0.8":        "",
		"shpb-1.6":      "clearance_building",
		"shpb-4.6":      "",
		"cross-vgap":    "crossing_without_detector sewer_crossing vertical_gap",
		"cross-ok":      "sewer_crossing",
		"sewer-1.1":     "clearance_sewer",
		"sewer-1.3":     "",
		"water-0.4":     "clearance_water",
		"water-0.6":     "",
		"ci-new":        "aged",
		"steel-30y":     "aged",
		"steel-29y":     "",
		"pe-20y-hazard": "aged clearance_building",
		"pe-19y-hazard": "clearance_building",
		"pe-20y-clean":  "",
		"di-30y":        "aged",
		"main-2km":      "occupied",
		"works-active":  "third_party",
		"works-ended":   "",
	}
	for id, w := range want {
		t.Run(id, func(t *testing.T) {
			r := got[id]
			if r == nil {
				t.Fatalf("no segments for pipe %s", id)
			}
			if g := strings.Join(r.findings, " "); g != w {
				t.Errorf("findings %q, want %q", g, w)
			}
		})
	}
	grades := map[string]string{"empty": "blue", "school": "red", "shpb-occ": "red"}
	for id, w := range grades {
		if got[id].grade != w {
			t.Errorf("%s: grade %s, want %s", id, got[id].grade, w)
		}
	}
	if g := got["lp-0.4"].grade; g != "orange" && g != "red" {
		t.Errorf("occupied LP pipe graded %s, want at least orange", g)
	}
	t.Run("dynamic segmentation", func(t *testing.T) {
		m := got["main-2km"]
		if len(m.segments) != 3 {
			t.Fatalf("main cut into %d segments, want 3: %+v", len(m.segments), m.segments)
		}
		occ := m.segments[1]
		if !contains(occ.findings, "occupied") || occ.length < 20 || occ.length > 22 {
			t.Errorf("middle segment %+v, want occupied, 20–22 m", occ)
		}
		total := m.lengths[0] + m.lengths[1] + m.lengths[2]
		if math.Abs(total-2000) > 0.01 {
			t.Errorf("segments add up to %.3f m, want 2000", total)
		}
	})
	t.Run("stations", func(t *testing.T) {
		if sum.Stations["dense_place_in_spacing"] != 1 || sum.Stations["past_design_life"] != 1 {
			t.Errorf("station findings %v", sum.Stations)
		}
	})
	t.Run("summary", func(t *testing.T) {
		n := 0
		for _, g := range sum.Grades {
			n += g.Segments
		}
		if n != sum.Segments || sum.Grades["red"].Segments < 2 {
			t.Errorf("summary %+v", sum.Grades)
		}
	})
}

func TestFailedRunLeavesPreviousCurrent(t *testing.T) {
	s := env.Store(t)
	buildTestCity().load(t, s)
	first := analyze(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := data.AnalysisOptions{Model: riskmodel.DefaultConfig(), AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Progress: func(phase string, _ int) {
			if phase == "write" {
				cancel() // killed half-way
			}
		}}
	if _, err := s.Analyze(ctx, o); err == nil {
		t.Fatal("a cancelled analysis reported success")
	}
	bg := context.Background()
	if cur, _ := s.CurrentRun(bg); cur != first.RunID {
		t.Errorf("current run %d, want the previous %d", cur, first.RunID)
	}
	var status string
	var leftovers int
	s.Pool.QueryRow(bg, `SELECT status FROM analysis_runs WHERE id > $1`, first.RunID).Scan(&status)
	s.Pool.QueryRow(bg, `SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'gasrisk_run_%'`).Scan(&leftovers)
	if status != "failed" || leftovers != 0 {
		t.Errorf("failed run status %q, %d work schemas left", status, leftovers)
	}
	var failedTables int
	s.Pool.QueryRow(bg, `SELECT count(*) FROM pg_tables WHERE tablename LIKE 'segments\_r' || (SELECT max(id) FROM analysis_runs) || '%'`).Scan(&failedTables)
	if failedTables != 0 {
		t.Errorf("the failed run left %d tables of its partition (its shards commit theirs before the write phase)", failedTables)
	}
	if n := len(results(t, s)); n != len(buildTestCity().pipes) {
		t.Errorf("current run shows %d pipes", n)
	}
	// A run killed after its publish committed leaves a work schema behind;
	// the next run removes it.
	if _, err := s.Pool.Exec(bg, `CREATE SCHEMA gasrisk_run_999999; CREATE TABLE gasrisk_run_999999.parts (part_id bigint)`); err != nil {
		t.Fatal(err)
	}
	second := analyze(t, s)
	s.Pool.QueryRow(bg, `SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'gasrisk_run_%'`).Scan(&leftovers)
	if leftovers != 0 {
		t.Errorf("%d work schemas left after a successful run", leftovers)
	}
	if cur, _ := s.CurrentRun(bg); cur != second.RunID {
		t.Errorf("a new run after the failure is not current")
	}
}
