package analysis_test

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
)

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

func results(t *testing.T, s datatest.Services) map[string]*pipeResult {
	t.Helper()
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT pipe_id, findings, grade, length_m FROM segments
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
			if !slices.Contains(r.findings, f) {
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

func TestAnalyzeHandBuiltCity(t *testing.T) {
	s := env.Services(t)
	c := datatest.BuildCases()
	c.AddClearanceCases()
	c.Load(t, s)
	ctx := context.Background()
	_, err := s.DB.Pool.Exec(ctx, `INSERT INTO works (id, kind, starts_on, ends_on, geom, geom_3857)
		SELECT id, 'excavation', s, e, g, ST_Transform(g, 3857) FROM (VALUES
		  ('W-active', DATE '2026-06-01', DATE '2026-07-31', ST_MakeEnvelope($1::float8, $2::float8 + 3, $1::float8 + 10, $2::float8 + 13, 32650)),
		  ('W-ended', DATE '2025-01-01', DATE '2025-02-01', ST_MakeEnvelope($3::float8, $2::float8 + 3, $3::float8 + 10, $2::float8 + 13, 32650))) v (id, s, e, g)`,
		datatest.BaseX+33*1000+40, datatest.BaseY, datatest.BaseX+34*1000+40)
	if err != nil {
		t.Fatal(err)
	}
	sum := datatest.Analyze(t, s.DB)
	t.Run("the run's partition is indexed and analysed", func(t *testing.T) {
		var tables, gist, unique, analysed, lz4 int
		err := s.DB.Pool.QueryRow(ctx, `
			SELECT count(*),
			       sum((SELECT count(*) FROM pg_indexes i WHERE i.tablename = c.relname AND i.indexdef LIKE '%USING gist (geom%')),
			       sum((SELECT count(*) FROM pg_indexes i WHERE i.tablename = c.relname AND i.indexdef LIKE 'CREATE UNIQUE INDEX%(segment_id)')),
			       count(*) FILTER (WHERE c.reltuples >= 0),
			       count(*) FILTER (WHERE (SELECT a.attcompression FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'factors') = 'l')
			FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
			WHERE h.inhparent = ('segments_r' || (SELECT run_id FROM current_run))::regclass`).Scan(&tables, &gist, &unique, &analysed, &lz4)
		if err != nil {
			t.Fatal(err)
		}
		if tables < 2 || gist != 2*tables || unique != tables || analysed != tables {
			t.Errorf("%d shard tables: %d GiST indexes, %d unique on segment_id, %d analysed", tables, gist, unique, analysed)
		}
		if lz4 != tables { // migration 0022: pglz cost 3–5 s a shard at 1 M
			t.Errorf("%d shard tables, %d compress their factors with lz4", tables, lz4)
		}
	})
	got := results(t, s)
	want := map[string]string{
		"empty":           "",
		"school":          "occupied",
		"shpb-occ":        "occupied",
		"lp-0.4":          "occupied",
		"lp-0.6":          "clearance_building",
		"lp-0.8":          "",
		"shpb-1.6":        "occupied",           // DN300: 1.45 m from the outer wall, inside 1.5 m
		"shpb-4.6":        "clearance_building", // 4.45 m from the wall, inside SHPB's 5.0 m
		"cross-vgap":      "crossing_without_detector sewer_crossing vertical_gap",
		"cross-ok":        "sewer_crossing",
		"thru-market":     "crossing_without_detector sewer_crossing through_sewer",
		"thru-cased":      "sewer_crossing through_sewer",
		"cross-compliant": "sewer_crossing",
		"weave":           "clearance_sewer crossing_without_detector sewer_crossing",
		"sewer-1.1":       "clearance_sewer",
		"sewer-1.3":       "",
		"water-0.4":       "clearance_water",
		"water-0.6":       "",
		"pe-20y-hazard":   "clearance_building", // a clearance ages no pipe
		"main-2km":        "occupied",
		"works-active":    "third_party",
		"works-ended":     "",
		// Distances from the outer wall, the values of GB 50028-2006
		// t.6.3.3-1 and its note, §6.4.11 (datatest.AddClearanceCases).
		"dn600-shpb-1.4": "occupied",
		"dn600-shpb-1.6": "clearance_building",
		"dn100-lp-0.45":  "occupied",
		"dn100-lp-0.55":  "clearance_building",
		"shpb-4.9":       "clearance_building",
		"shpb-5.1":       "",
		"shpa-13.4":      "clearance_building",
		"shpa-13.6":      "",
		"shpa-w9.4-6.6":  "clearance_building",
		"shpa-w9.5-6.4":  "clearance_building",
		"shpa-w9.5-6.6":  "",
		"shpa-w11.9-2.9": "clearance_building",
		"shpa-w11.9-3.1": "",
		"shpb-3.1":       "clearance_building",
		"shpb-prot-2.9":  "clearance_building",
		"shpb-prot-3.1":  "",
		"mpa-prot-0.9":   "clearance_building",
		"mpa-prot-1.1":   "",
		"hpb-15.9":       "clearance_building",
		"hpb-16.1":       "",
		"hpa-w9.5-14.9":  "clearance_building",
		"hpa-w9.5-15.1":  "",
	}
	for _, c := range datatest.AgeCases() { // renewal_test.go checks their categories
		switch {
		case c.Building > 0.5:
			want[c.ID] = "clearance_building"
		case c.Building > -99:
			want[c.ID] = "occupied"
		case c.Aged:
			want[c.ID] = "aged"
		default:
			want[c.ID] = ""
		}
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
	grades := map[string]string{"empty": "blue", "school": "red", "shpb-occ": "red", "thru-market": "red", "thru-cased": "orange"}
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
		if !slices.Contains(occ.findings, "occupied") || occ.length < 20 || occ.length > 22 {
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
	t.Run("station spacing by setting, inlet and LPG class", func(t *testing.T) {
		rows, err := s.DB.Pool.Query(ctx, `SELECT st.id, f.kind, f.detail FROM station_findings f JOIN stations st ON st.gid = f.station_gid
			WHERE f.run_id = $1 AND f.kind = 'building_in_spacing'`, sum.RunID)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]string{}
		for rows.Next() {
			var id, kind, detail string
			if err := rows.Scan(&id, &kind, &detail); err != nil {
				t.Fatal(err)
			}
			found[id] = detail
		}
		for id, want := range map[string]string{
			"T-cab-shpa-6.9": "within 7 m of regulator_box (regulator/cabinet/SHPA)",
			"T-cab-shpa-7.1": "",
			"T-lpg-ii-7.9":   "within 8 m of lpg (lpg/II)",
			"T-lpg-ii-8.1":   "",
			"T-reg-shpa-8.9": "within 9 m of regulator (regulator/above_ground/SHPA)",
			"T-reg-shpa-9.1": "",
		} {
			if got := found[id]; want == "" && got != "" || !strings.Contains(got, want) {
				t.Errorf("%s: finding %q, want %q", id, got, want)
			}
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
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	first := datatest.Analyze(t, s.DB)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Progress: func(phase string, _ int) {
			if phase == "write" {
				cancel() // killed half-way
			}
		}}
	if _, err := s.Analysis.Analyze(ctx, o); err == nil {
		t.Fatal("a cancelled analysis reported success")
	}
	bg := context.Background()
	if cur, _ := s.Results.CurrentRun(bg); cur != first.RunID {
		t.Errorf("current run %d, want the previous %d", cur, first.RunID)
	}
	var status string
	var leftovers int
	s.DB.Pool.QueryRow(bg, `SELECT status FROM analysis_runs WHERE id > $1`, first.RunID).Scan(&status)
	s.DB.Pool.QueryRow(bg, `SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'gasrisk_run_%'`).Scan(&leftovers)
	if status != "failed" || leftovers != 0 {
		t.Errorf("failed run status %q, %d work schemas left", status, leftovers)
	}
	var failedTables int
	s.DB.Pool.QueryRow(bg, `SELECT count(*) FROM pg_tables WHERE tablename LIKE 'segments\_r' || (SELECT max(id) FROM analysis_runs) || '%'`).Scan(&failedTables)
	if failedTables != 0 {
		t.Errorf("the failed run left %d tables of its partition (its shards commit theirs before the write phase)", failedTables)
	}
	if n := len(results(t, s)); n != len(datatest.BuildCases().Pipes) {
		t.Errorf("current run shows %d pipes", n)
	}
	// A run killed after its publish committed leaves a work schema behind;
	// the next run removes it.
	if _, err := s.DB.Pool.Exec(bg, `CREATE SCHEMA gasrisk_run_999999; CREATE TABLE gasrisk_run_999999.parts (part_id bigint)`); err != nil {
		t.Fatal(err)
	}
	second := datatest.Analyze(t, s.DB)
	s.DB.Pool.QueryRow(bg, `SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'gasrisk_run_%'`).Scan(&leftovers)
	if leftovers != 0 {
		t.Errorf("%d work schemas left after a successful run", leftovers)
	}
	if cur, _ := s.Results.CurrentRun(bg); cur != second.RunID {
		t.Errorf("a new run after the failure is not current")
	}
}
