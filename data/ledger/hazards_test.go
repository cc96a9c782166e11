package ledger_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// ledgerSchema describes the ledger and its history as the catalog has
// them: columns (type, not null, default or generation), constraints
// (with whether they are validated), indexes, triggers, the sequences
// their columns own, the foreign keys to them, persistence and storage
// options.
func ledgerSchema(t *testing.T, s datatest.Services) []string {
	t.Helper()
	rows, err := s.DB.Pool.Query(context.Background(), `
		SELECT 'column ' || attrelid::regclass || '.' || attname || ' ' || format_type(atttypid, atttypmod)
		       || CASE WHEN attnotnull THEN ' not null' ELSE '' END
		       || coalesce(' ' || attgenerated::text || ' ' || pg_get_expr(d.adbin, d.adrelid), '')
		       || coalesce(' owns ' || pg_get_serial_sequence(attrelid::regclass::text, attname), '')
		FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE attrelid IN ('hazards'::regclass, 'hazard_events'::regclass) AND attnum > 0 AND NOT attisdropped
		UNION ALL
		SELECT conrelid::regclass || ' ' || conname || ' ' || convalidated || ' ' || pg_get_constraintdef(oid)
		FROM pg_constraint
		WHERE conrelid IN ('hazards'::regclass, 'hazard_events'::regclass)
		   OR confrelid IN ('hazards'::regclass, 'hazard_events'::regclass)
		UNION ALL
		SELECT indexdef FROM pg_indexes WHERE tablename IN ('hazards', 'hazard_events')
		UNION ALL
		SELECT pg_get_triggerdef(oid) FROM pg_trigger
		WHERE tgrelid IN ('hazards'::regclass, 'hazard_events'::regclass) AND NOT tgisinternal
		UNION ALL
		SELECT 'table ' || oid::regclass || ' ' || relpersistence::text || ' ' || coalesce(reloptions::text, '{}')
		       || ' owner ' || relowner::regrole || ' ' || coalesce(relacl::text, '{}') FROM pg_class
		WHERE oid IN ('hazards'::regclass, 'hazard_events'::regclass)
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// testCityHazards are the hazards the test city's first run finds, by
// key (hazardKey).
func testCityHazards() []string {
	return []string{
		"occupied school B-school",
		"occupied shpb-occ B-shpb-1.0",
		"occupied lp-0.4 B-lp-0.4",
		"clearance_building lp-0.6 B-lp-0.6",
		"occupied shpb-1.6 B-shpb-1.6",           // 1.45 m from the outer wall of the DN300 pipe
		"clearance_building shpb-4.6 B-shpb-4.6", // 4.45 m from the wall: SHPB 5.0 m
		// A crossing is a hazard only where it breaks a rule; cross-ok and
		// cross-compliant (gap kept, a detector in the sewer) are risk points.
		"crossing_without_detector cross-vgap S-cross-vgap",
		"vertical_gap cross-vgap S-cross-vgap",
		"through_sewer thru-market C-thru-market",
		"crossing_without_detector thru-market C-thru-market",
		"through_sewer thru-cased C-thru-cased",
		"crossing_without_detector weave S-weave",
		"clearance_sewer weave S-weave",
		"clearance_sewer sewer-1.1 S-sewer-1.1",
		"clearance_water water-0.4 S-water-0.4",
		"aged ci-new", "aged steel-20y-corroded", "aged pe-19y-uncontrollable", "aged di-unsafe", "aged pe-20y-leak",
		"clearance_building pe-20y-hazard B-pe-20y-hazard",
		"occupied steel-occupied B-steel-occupied",
		"occupied main-2km B-main",
		"dense_place_in_spacing T-box B-near-box",
		"past_design_life T-old",
		"no_overpressure_protection T-op-false",
	}
}

func TestHazardsFromFindings(t *testing.T) {
	s := env.CasesCity(t)
	got := datatest.AllHazards(t, s)
	want := testCityHazards()
	for _, k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("missing hazard %q", k)
		}
	}
	if len(got) != len(want) {
		var keys []string
		for k := range got {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Errorf("%d hazards, want %d: %s", len(got), len(want), strings.Join(keys, "; "))
	}
	t.Run("the ledger built by the first run is the ledger as migrated", func(t *testing.T) {
		got, want := ledgerSchema(t, s), ledgerSchema(t, env.Services(t))
		if len(want) < 60 {
			t.Fatalf("a fresh ledger has %d keys, constraints and indexes:\n%s", len(want), strings.Join(want, "\n"))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("after the first run:\n%s\nwant, as migrated:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("grade and listing", func(t *testing.T) {
		school := got["occupied school B-school"]
		if school.Grade != "red" || !school.Listed || school.State != "open" || school.District != "D1" {
			t.Errorf("school hazard %+v, want red, listed, open, D1", school)
		}
		if g := got["clearance_building lp-0.6 B-lp-0.6"]; g.Listed || g.Grade == "red" {
			t.Errorf("clearance hazard %+v listed", g)
		}
	})
	t.Run("descriptions", func(t *testing.T) {
		cases := map[string][]string{
			"occupied school B-school":                {"管道占压：管道 school，学校 B-school", "occupied by a building: pipe school; school B-school"},
			"dense_place_in_spacing T-box B-near-box": {"调压箱 T-box，学校 B-near-box，距", "regulator box T-box; school B-near-box, "},
			"aged ci-new": {"管道老化：管道 ci-new，灰口铸铁，2015年敷设", "aged pipe: pipe ci-new; cast iron, installed 2015"},
			// 0.6 m from the centre line of a 110 mm LP pipe: 0.545 m from its wall, 0.7 m required.
			"clearance_building lp-0.6 B-lp-0.6": {"住宅 B-lp-0.6，净距 0.5", "residential building B-lp-0.6; clearance 0.5"},
		}
		for k, want := range map[string][]string{
			"clearance_building lp-0.6 B-lp-0.6": {" m < 0.7 m（GB 50028-2006 表6.3.3-1），长度 ", " m < 0.7 m (GB 50028-2006 table 6.3.3-1); length "},
		} {
			if h := got[k]; !strings.Contains(h.DescriptionZH, want[0]) || !strings.Contains(h.Description, want[1]) {
				t.Errorf("%s: %q / %q", k, h.DescriptionZH, h.Description)
			}
		}
		for k, want := range cases {
			if h := got[k]; !strings.Contains(h.DescriptionZH, want[0]) || !strings.Contains(h.Description, want[1]) {
				t.Errorf("%s: %q / %q", k, h.DescriptionZH, h.Description)
			}
		}
	})
	t.Run("sorted by grade", func(t *testing.T) {
		page, err := s.Ledger.Hazards(context.Background(), ledger.Filter{Sort: "grade", Limit: 1000})
		rank := map[string]int{"red": 0, "orange": 1, "yellow": 2, "blue": 3}
		for i := 1; err == nil && i < len(page.Items); i++ {
			if a, b := page.Items[i-1], page.Items[i]; rank[a.Grade] > rank[b.Grade] || rank[a.Grade] == rank[b.Grade] && a.ID > b.ID {
				t.Fatalf("%s (%s) before %s (%s)", a.Code, a.Grade, b.Code, b.Grade)
			}
		}
		if _, err := s.Ledger.Hazards(context.Background(), ledger.Filter{Sort: "colour"}); err == nil {
			t.Error("sort=colour accepted")
		}
	})
	t.Run("stretch", func(t *testing.T) {
		m := got["occupied main-2km B-main"]
		if m.LengthM < 20 || m.LengthM > 22 || m.Lon == 0 {
			t.Errorf("occupied stretch of the main: %.2f m at %v,%v, want 20–22 m", m.LengthM, m.Lon, m.Lat)
		}
	})
	t.Run("history", func(t *testing.T) {
		d, err := s.Ledger.Hazard(context.Background(), got["aged ci-new"].ID, datatest.Today())
		if err != nil {
			t.Fatal(err)
		}
		if len(d.History) != 1 || d.History[0].Action != "found" || d.History[0].Actor != "analysis" ||
			d.History[0].RunID == nil || len(d.Geometry) == 0 || strings.Join(d.Allowed, ",") != "planned" {
			t.Errorf("detail %+v", d)
		}
	})
}

// A first run that fails after building its ledger leaves the empty
// ledger as it was; the next first run builds and swaps in its own.
func TestFirstRunFailingLeavesTheLedgerEmpty(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Progress: func(phase string, _ int) {
			if phase == "publish" {
				cancel() // killed after the ledger was built
			}
		}}
	if _, err := s.Analysis.Analyze(ctx, o); err == nil {
		t.Fatal("a cancelled analysis reported success")
	}
	bg := context.Background()
	count := func(q string) (n int) {
		t.Helper()
		if err := s.DB.Pool.QueryRow(bg, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if h, e := count(`SELECT count(*) FROM hazards`), count(`SELECT count(*) FROM hazard_events`); h != 0 || e != 0 {
		t.Errorf("the failed run left %d hazards, %d history rows", h, e)
	}
	want := strings.Join(ledgerSchema(t, env.Services(t)), "\n")
	if got := strings.Join(ledgerSchema(t, s), "\n"); got != want {
		t.Errorf("after the failed run:\n%s\nwant, as migrated:\n%s", got, want)
	}
	sum := datatest.Analyze(t, s.DB)
	if !hasPhase(sum, "build ledger") {
		t.Errorf("the first run did not build the ledger: phases %v", sum.Phases)
	}
	hazards := count(`SELECT count(*) FROM hazards`)
	found := count(fmt.Sprintf(`SELECT count(*) FROM hazards h JOIN hazard_events e ON e.hazard_id = h.id
		WHERE e.action = 'found' AND e.run_id = %d AND h.first_run = %d AND h.code = 'YH-' || lpad(h.id::text, 6, '0')`, sum.RunID, sum.RunID))
	if hazards != len(testCityHazards()) || found != hazards || count(`SELECT count(*) FROM hazard_events`) != hazards {
		t.Errorf("the next run built %d hazards, %d with their finding in the history", hazards, found)
	}
	if got := strings.Join(ledgerSchema(t, s), "\n"); got != want {
		t.Errorf("after the next run:\n%s\nwant, as migrated:\n%s", got, want)
	}
	// Hazards and history entries added later take the next ids.
	if n := count(`SELECT count(*) FROM hazards WHERE id >= nextval(pg_get_serial_sequence('hazards', 'id'))`); n != 0 {
		t.Errorf("%d hazards at or past the sequence", n)
	}
	if n := count(`SELECT count(*) FROM hazard_events WHERE id >= nextval(pg_get_serial_sequence('hazard_events', 'id'))`); n != 0 {
		t.Errorf("%d history rows at or past the sequence", n)
	}
	if second := datatest.Analyze(t, s.DB); hasPhase(second, "build ledger") {
		t.Errorf("a run over a ledger in place built a new one")
	}
}

// A hazard that reaches the empty ledger while the first run builds a
// new one is kept: the run then publishes its findings the ordinary way.
func TestFirstRunOverHazardsAddedMeanwhile(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	bg := context.Background()
	o := analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Progress: func(phase string, _ int) {
			if phase != "publish" {
				return
			}
			_, err := s.DB.Pool.Exec(bg, `INSERT INTO hazards (identity, kind, source, grade, geom, geom_3857, first_run)
				SELECT 'occupied|manual|1|buildings:X', 'occupied', 'segment', 'red', geom, ST_Transform(geom, 3857),
				       (SELECT max(id) FROM analysis_runs)
				FROM pipes LIMIT 1`)
			if err != nil {
				t.Error(err)
			}
		}}
	sum, err := s.Analysis.Analyze(bg, o)
	if err != nil {
		t.Fatal(err)
	}
	if !hasPhase(sum, "build ledger") {
		t.Errorf("the first run did not build a ledger: phases %v", sum.Phases)
	}
	got := datatest.AllHazards(t, s)
	for _, k := range testCityHazards() {
		if h, ok := got[k]; !ok || h.FirstRun != sum.RunID || h.RecheckDue {
			t.Errorf("hazard %q: %+v, want found by run %d", k, h, sum.RunID)
		}
	}
	if h, ok := got["occupied"]; len(got) != len(testCityHazards())+1 || !ok || !h.RecheckDue {
		t.Errorf("%d hazards, the one added meanwhile %+v: want it kept and marked for re-check", len(got), h)
	}
	var found int
	err = s.DB.Pool.QueryRow(bg, `SELECT count(*) FROM hazard_events WHERE action = 'found' AND run_id = $1`, sum.RunID).Scan(&found)
	if err != nil || found != len(testCityHazards()) {
		t.Errorf("%d found entries in the history (%v), want %d", found, err, len(testCityHazards()))
	}
	want := strings.Join(ledgerSchema(t, env.Services(t)), "\n")
	if got := strings.Join(ledgerSchema(t, s), "\n"); got != want {
		t.Errorf("ledger:\n%s\nwant, as migrated:\n%s", got, want)
	}
}

func hasPhase(sum analysis.RunSummary, name string) bool {
	for _, p := range sum.Phases {
		if p.Name == name {
			return true
		}
	}
	return false
}

func TestHazardIdentityAcrossRuns(t *testing.T) {
	s := env.CasesCity(t)
	first := datatest.AllHazards(t, s)
	ctx := context.Background()
	// Re-importing the buildings gives them new integer ids; the ledger
	// keys on the buildings' own ids.
	c := datatest.BuildCases()
	file := datatest.WriteGeoJSON(t, "buildings.geojson", 32650, c.Buildings)
	if _, err := s.Importer.Import(ctx, importer.Options{Layer: "buildings", File: file, Replace: true}); err != nil {
		t.Fatal(err)
	}
	second := datatest.Analyze(t, s.DB)
	again := datatest.AllHazards(t, s)
	if len(again) != len(first) {
		t.Fatalf("%d hazards after the second run, %d after the first", len(again), len(first))
	}
	for k, h := range first {
		g := again[k]
		if g.ID != h.ID || g.Code != h.Code || g.FirstRun != h.FirstRun || g.RecheckDue || second.RunID == h.FirstRun {
			t.Errorf("%s: first %+v, then %+v", k, h, g)
		}
	}
	var events int
	s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM hazard_events WHERE action = 'found'`).Scan(&events)
	if events != len(first) {
		t.Errorf("%d found events, want one per hazard (%d)", events, len(first))
	}
}

func TestHazardNotFoundThenFoundAgain(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	key := "clearance_building lp-0.6 B-lp-0.6"
	h := datatest.FindHazard(t, s, key)
	moveAll(t, s, h.ID, hazard.StatePlanned)
	var saved string
	err := s.DB.Pool.QueryRow(ctx, `DELETE FROM buildings WHERE id = 'B-lp-0.6' RETURNING ST_AsEWKT(geom)`).Scan(&saved)
	if err != nil {
		t.Fatal(err)
	}
	run := datatest.Analyze(t, s.DB)
	gone := datatest.FindHazard(t, s, key)
	if !gone.RecheckDue || gone.State != "planned" {
		t.Errorf("hazard no longer found: %+v, want planned and marked for re-check", gone)
	}
	if last := lastEvent(t, s, h.ID); last.Action != "not_found" || !strings.Contains(last.Reason, "re-check") || *last.RunID != run.RunID {
		t.Errorf("last event %+v", last)
	}
	_, err = s.DB.Pool.Exec(ctx, `INSERT INTO buildings (id, use, floors, geom, geom_3857)
		VALUES ('B-lp-0.6', 'residential', 6, ST_GeomFromEWKT($1), ST_Transform(ST_GeomFromEWKT($1), 3857))`, saved)
	if err != nil {
		t.Fatal(err)
	}
	datatest.Analyze(t, s.DB)
	back := datatest.FindHazard(t, s, key)
	if back.ID != h.ID || back.RecheckDue || back.State != "planned" {
		t.Errorf("found again: %+v", back)
	}
	if last := lastEvent(t, s, h.ID); last.Action != "found_again" {
		t.Errorf("last event %+v, want found_again", last)
	}
}

func TestClosedHazardFoundAgainIsReopened(t *testing.T) {
	s := env.CasesCity(t)
	key := "occupied lp-0.4 B-lp-0.4"
	h := datatest.FindHazard(t, s, key)
	moveAll(t, s, h.ID, hazard.StateClosed)
	run := datatest.Analyze(t, s.DB)
	re := datatest.FindHazard(t, s, key)
	if re.ID != h.ID || re.State != "open" || re.ClosedAt != nil || re.Measures != "" {
		t.Errorf("closed hazard found again: %+v, want reopened with the plan cleared", re)
	}
	last := lastEvent(t, s, h.ID)
	if last.Action != "reopen" || last.FromState != "closed" || last.ToState != "open" || last.Actor != "analysis" ||
		last.RunID == nil || *last.RunID != run.RunID || !strings.Contains(last.Reason, "found again") {
		t.Errorf("reopen event %+v", last)
	}
}

// lastEvent is the newest history entry of a hazard.
func lastEvent(t *testing.T, s datatest.Services, id int64) hazard.Event {
	t.Helper()
	d, err := s.Ledger.Hazard(context.Background(), id, datatest.Today())
	if err != nil {
		t.Fatal(err)
	}
	return d.History[len(d.History)-1]
}
