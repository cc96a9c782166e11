package analysis_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/hazard"
	"gasrisk/synth"
)

// runPrint is a digest of what the current run left, in the fingerprint's
// terms (scripts/fingerprint.sh) but with what differs between a revised
// run and a new run of the same data left out: run and segment ids, the
// ledger's ids and timestamps, the history (a revision and a full run
// write different entries on the way to the same ledger) and the run's
// timings. One line per table or count.
func runPrint(t *testing.T, s datatest.Services) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, q := range []string{
		`SELECT 'segments ' || count(*) || ' ' || md5(coalesce(string_agg(md5(s::text), '' ORDER BY s.pipe_id, s.part, s.f0, md5(s::text)), ''))
		 FROM (SELECT pipe_gid, pipe_id, part, f0, f1, length_m, material, pressure_class, diameter_mm, install_year, district,
		              grade, score, lof, cof, occupied, clearance_violation, sewer_crossing, aged, third_party, renewal_category,
		              findings, factors::jsonb::text AS factors, encode(ST_AsEWKB(geom), 'hex') AS g, encode(ST_AsEWKB(geom_3857), 'hex') AS g3857
		       FROM segments WHERE run_id = (SELECT run_id FROM current_run)) s`,
		`SELECT 'station_findings ' || count(*) || ' ' || md5(coalesce(string_agg(md5(f::text), '' ORDER BY md5(f::text)), ''))
		 FROM (SELECT station_gid, kind, detail, ref_layer, ref_id, distance_m FROM station_findings
		       WHERE run_id = (SELECT run_id FROM current_run)) f`,
		`SELECT 'hazards ' || count(*) || ' ' || md5(coalesce(string_agg(md5(h::text), '' ORDER BY h.identity), ''))
		 FROM (SELECT identity, kind, source, pipe_id, part, f0, f1, station_id, ref_layer, ref_id, info::text AS info, grade, district,
		              length_m, encode(ST_AsEWKB(geom), 'hex') AS g, encode(ST_AsEWKB(geom_3857), 'hex') AS g3857, state, listed,
		              recheck_due, measures, temporary_measures, first_run, closed_at IS NULL AS open
		       FROM hazards) h`,
		`SELECT 'counts ' || (r.counts->>'segments') || ' ' || round((r.counts->>'km')::numeric, 6)
		 FROM analysis_runs r WHERE r.id = (SELECT run_id FROM current_run)`,
		`SELECT 'grade ' || g.key || ' ' || (g.value->>'segments') || ' ' || round((g.value->>'km')::numeric, 6)
		 FROM analysis_runs r, jsonb_each(r.counts->'grades') g WHERE r.id = (SELECT run_id FROM current_run)`,
		`SELECT 'finding ' || f.key || ' ' || f.value FROM analysis_runs r, jsonb_each_text(r.counts->'findings') f
		 WHERE r.id = (SELECT run_id FROM current_run)`,
		`SELECT 'district ' || d.key || ' ' || g.key || ' ' || (g.value->>'segments') || ' ' || round((g.value->>'km')::numeric, 6)
		 FROM analysis_runs r, jsonb_each(r.counts->'districts') d, jsonb_each(d.value) g WHERE r.id = (SELECT run_id FROM current_run)`,
	} {
		rows, err := s.DB.Pool.Query(ctx, q)
		if err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
		for rows.Next() {
			var l string
			if err := rows.Scan(&l); err != nil {
				t.Fatal(err)
			}
			out = append(out, l)
		}
		rows.Close()
	}
	slices.Sort(out)
	return out
}

// pipeRows is the current run's segments of a pipe, as text.
func pipeRows(t *testing.T, s datatest.Services, pipe string) string {
	t.Helper()
	var out string
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT coalesce(string_agg(format('%s %s %s %s %s', f0, f1, grade, score, findings), E'\n' ORDER BY part, f0), '')
		FROM segments WHERE run_id = (SELECT run_id FROM current_run) AND pipe_id = $1`, pipe).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReanalyzeMatchesFullRun edits a generated city one change at a
// time — a pipe's material and year, a pipe's geometry next to an
// unrepaired leak, a building moved onto a pipe, a temporary measure in
// the ledger — re-analyses incrementally, and then runs a full analysis
// of the same data: the full run finds the revised run's segments,
// counts and ledger exactly, and has nothing to change in the ledger.
func TestReanalyzeMatchesFullRun(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	datatest.LoadCity(t, s.DB, synth.Config{Segments: 1500, Seed: 5})
	var pipes int
	if err := s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM pipes`).Scan(&pipes); err != nil {
		t.Fatal(err)
	}
	one := func(t *testing.T, q string) string {
		t.Helper()
		var v string
		if err := s.DB.Pool.QueryRow(ctx, q).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return v
	}
	cases := []struct {
		name string
		edit func(t *testing.T) (analysis.Scope, string) // the scope, and the pipe that must change
		want func(t *testing.T, pipe string)
	}{
		{"a pipe's material and year", func(t *testing.T) (analysis.Scope, string) {
			p := one(t, `SELECT pipe_id FROM hazards WHERE source = 'segment' AND kind <> 'aged' GROUP BY pipe_id ORDER BY count(*) DESC, pipe_id LIMIT 1`)
			exec(t, s, `UPDATE pipes SET material = 'cast_iron', install_year = 1975 WHERE id = $1`, p)
			return analysis.Scope{Pipes: []string{p}}, p
		}, func(t *testing.T, pipe string) {
			if got := one(t, `SELECT count(*) FROM hazards WHERE identity = 'aged|`+pipe+`' AND NOT recheck_due`); got != "1" {
				t.Errorf("the cast iron pipe of 1975 has %s aged hazards", got)
			}
		}},
		{"a pipe's geometry beside an unrepaired leak", func(t *testing.T) (analysis.Scope, string) {
			p := one(t, `SELECT p.id FROM leaks l CROSS JOIN LATERAL (SELECT p.id, p.geom FROM pipes p ORDER BY p.geom <-> l.geom LIMIT 1) p
				ORDER BY l.leak_class, ST_Distance(p.geom, l.geom), l.id LIMIT 1`)
			exec(t, s, `UPDATE pipes SET geom = ST_Translate(geom, 4, 3), geom_3857 = ST_Transform(ST_Translate(geom, 4, 3), 3857) WHERE id = $1`, p)
			return analysis.Scope{Pipes: []string{p}}, p
		}, nil},
		{"a building moved onto a pipe", func(t *testing.T) (analysis.Scope, string) {
			var b, p string
			err := s.DB.Pool.QueryRow(ctx, `SELECT b.id, pt.id FROM buildings b
				CROSS JOIN LATERAL (SELECT p.id, p.geom FROM pipes p WHERE p.status = 'in_service' ORDER BY p.geom <-> b.geom LIMIT 1) pt
				WHERE NOT EXISTS (SELECT 1 FROM hazards h WHERE h.pipe_id = pt.id AND h.kind = 'occupied')
				  AND ST_Distance(pt.geom, b.geom) BETWEEN 10 AND 30
				ORDER BY b.id LIMIT 1`).Scan(&b, &p)
			if err != nil {
				t.Fatal(err)
			}
			exec(t, s, `UPDATE buildings b SET geom = ST_Translate(b.geom, ST_X(c.p) - ST_X(c.o), ST_Y(c.p) - ST_Y(c.o))
				FROM (SELECT ST_Centroid(b.geom) AS o, ST_ClosestPoint(p.geom, ST_Centroid(b.geom)) AS p
				      FROM buildings b, pipes p WHERE b.id = $1 AND p.id = $2) c WHERE b.id = $1`, b, p)
			exec(t, s, `UPDATE buildings SET geom_3857 = ST_Transform(geom, 3857) WHERE id = $1`, b)
			return analysis.Scope{Buildings: []string{b}}, p
		}, func(t *testing.T, pipe string) {
			if rows := pipeRows(t, s, pipe); !strings.Contains(rows, "occupied") {
				t.Errorf("pipe %s under the moved building is not occupied:\n%s", pipe, rows)
			}
		}},
		{"a temporary measure in the ledger", func(t *testing.T) (analysis.Scope, string) {
			var id int64
			var p string
			err := s.DB.Pool.QueryRow(ctx, `SELECT id, pipe_id FROM hazards WHERE source = 'segment' AND kind = 'clearance_building'
				AND state = 'open' ORDER BY identity LIMIT 1`).Scan(&id, &p)
			if err != nil {
				t.Fatal(err)
			}
			tr := datatest.Complete(hazard.StatePlanned)
			tr.TemporaryMeasures = []string{"guard"}
			if _, err := s.Ledger.MoveHazard(ctx, id, tr); err != nil {
				t.Fatal(err)
			}
			return analysis.Scope{Pipes: []string{p}}, p
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc, pipe := c.edit(t)
			before := pipeRows(t, s, pipe)
			ids := hazardIDs(t, s)
			sum, err := s.Analysis.Reanalyze(ctx, sc, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("revision %d of run %d: %d pipes in scope, %d segments removed, %d added", sum.Revision, sum.RunID, sum.Pipes, sum.Removed, sum.Added)
			// a pipe's new geometry changes the network's shape: with the
			// outage consequence on (the generated city has valves and
			// customers) the revision gives way to a full run
			if geometry := strings.Contains(c.name, "geometry"); sum.FullRun != geometry {
				t.Errorf("full run instead of a revision: %v, want %v", sum.FullRun, geometry)
			}
			if sum.FullRun {
				sum.Pipes, sum.Removed, sum.Added = 1, 1, 1 // no scope to check
			}
			if sum.Pipes == 0 || sum.Pipes > pipes/10 || sum.Removed == 0 || sum.Added == 0 {
				t.Errorf("scope of %d pipes (of %d), %d segments removed, %d added", sum.Pipes, pipes, sum.Removed, sum.Added)
			}
			if after := pipeRows(t, s, pipe); after == before {
				t.Errorf("pipe %s was not re-graded:\n%s", pipe, after)
			}
			if c.want != nil {
				c.want(t, pipe)
			}
			for identity, id := range hazardIDs(t, s) {
				if old, ok := ids[identity]; ok && old != id {
					t.Errorf("hazard %s was %d, is %d", identity, old, id)
				}
			}
			v, err := s.Tiles.TileVersions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("r%d.%d", sum.RunID, sum.Revision)
			if sum.FullRun {
				want = fmt.Sprintf("r%d", sum.RunID)
			}
			if v["segments"] != want {
				t.Errorf("segments' tile version %q, want %q", v["segments"], want)
			}
			revised := runPrint(t, s)
			full := datatest.Analyze(t, s.DB)
			if got := runPrint(t, s); !slices.Equal(got, revised) {
				t.Errorf("the full run differs from the revised run:\nrevised\n%s\nfull\n%s", strings.Join(revised, "\n"), strings.Join(got, "\n"))
			}
			var events int
			if err := s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM hazard_events WHERE run_id = $1`, full.RunID).Scan(&events); err != nil {
				t.Fatal(err)
			}
			if events != 0 {
				t.Errorf("the full run after the revision changed the ledger %d times", events)
			}
		})
	}
}

// hazardIDs maps every hazard's identity to its id.
func hazardIDs(t *testing.T, s datatest.Services) map[string]int64 {
	t.Helper()
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT identity, id FROM hazards`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			t.Fatal(err)
		}
		m[k] = id
	}
	return m
}

func exec(t *testing.T, s datatest.Services, q string, args ...any) {
	t.Helper()
	tag, err := s.DB.Pool.Exec(context.Background(), q, args...)
	if err != nil {
		t.Fatalf("%.60s: %v", q, err)
	}
	if tag.RowsAffected() == 0 {
		t.Fatalf("%.60s: no row changed", q)
	}
}

// TestReanalyzeRefuses: no change named, or no run to revise.
func TestReanalyzeRefuses(t *testing.T) {
	s := env.Services(t)
	for _, c := range []struct {
		name  string
		scope analysis.Scope
		want  string
	}{
		{"nothing changed", analysis.Scope{}, "changed: name at least one"},
		{"no current run", analysis.Scope{Pipes: []string{"P-1"}}, "no current run to revise"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Analysis.Reanalyze(context.Background(), c.scope, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}
