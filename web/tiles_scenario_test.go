package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/geo"
	"gasrisk/riskmodel"
	"gasrisk/tiles"
)

// scenarioTiles is a city given a what-if run.
var scenarioTiles city

// TestTileScenario: ?scenario=NAME on a segments tile draws that what-if
// run: the tile of a renewed pipe shows the scenario's grade where the
// current tile shows the current one (and a tile of each is cached apart);
// an unknown scenario is 404, a bad or empty name or a layer without
// scenarios 400, each naming the parameter.
func TestTileScenario(t *testing.T) {
	srv, _, s := newTileServer(t, &scenarioTiles, tiles.DefaultConfig())
	ctx := context.Background()
	var pipes []string
	err := s.DB.Pool.QueryRow(ctx, `SELECT array_agg(DISTINCT pipe_id) FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) AND (aged OR renewal_category IS NOT NULL)`).Scan(&pipes)
	if err != nil || len(pipes) == 0 {
		t.Fatalf("no aged pipes to renew (%v)", err)
	}
	if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: datatest.AsOf(),
		Scenario: &analysis.Scenario{Name: "renewed", Pipes: pipes}}); err != nil {
		t.Fatal(err)
	}
	// a renewed segment whose grade the scenario changes
	var id, wid int64 // the segment in the current and in the scenario run
	var lon, lat float64
	var before, after string
	err = s.DB.Pool.QueryRow(ctx, `SELECT c.segment_id, w.segment_id, c.grade, w.grade, ST_X(p), ST_Y(p) FROM segments c
		JOIN segments w ON (w.pipe_gid, w.part) = (c.pipe_gid, c.part) AND w.run_id = (SELECT max(id) FROM analysis_runs WHERE scenario = 'renewed')
		CROSS JOIN LATERAL ST_Transform(ST_LineInterpolatePoint(ST_GeometryN(c.geom, 1), 0.5), 4326) p
		WHERE c.run_id = (SELECT run_id FROM current_run) AND c.pipe_id = ANY ($1) AND c.grade <> w.grade
		ORDER BY c.score DESC LIMIT 1`, pipes).Scan(&id, &wid, &before, &after, &lon, &lat)
	if err != nil {
		var n, changed int
		s.DB.Pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE c.score <> w.score) FROM segments c JOIN segments w USING (pipe_gid, part)
			WHERE c.run_id = (SELECT run_id FROM current_run) AND w.run_id = (SELECT max(id) FROM analysis_runs WHERE scenario = 'renewed')
			AND c.pipe_id = ANY ($1)`, pipes).Scan(&n, &changed)
		t.Fatalf("the scenario regrades none of the %d segments of %d renewed pipes (%d scores changed): %v", n, len(pipes), changed, err)
	}
	tl := geo.TileAt(lon, lat, 16)
	grade := func(t *testing.T, suffix string, id int64) (string, []byte) {
		t.Helper()
		resp, body := fetch(t, tileURL(srv.URL, "segments", tl, suffix))
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", suffix, resp.StatusCode, body)
		}
		ls, err := mvt.Unmarshal(body)
		if err != nil || len(ls) != 1 {
			t.Fatalf("%s: %v", suffix, err)
		}
		for _, f := range ls[0].Features {
			if f.ID == float64(id) {
				g, _ := f.Properties["grade"].(string)
				return g, body
			}
		}
		t.Fatalf("%s: segment %d not in tile %s", suffix, id, tl)
		return "", nil
	}
	for i := 0; i < 2; i++ { // the second round comes from the cache
		now, cur := grade(t, ".mvt", id)
		then, sc := grade(t, ".mvt?scenario=renewed", wid)
		if now != before || then != after || string(cur) == string(sc) {
			t.Errorf("round %d: segment %d is %s now, %s in the scenario (want %s, %s); tiles the same: %v",
				i, id, now, then, before, after, string(cur) == string(sc))
		}
	}
	if resp, body := fetch(t, tileURL(srv.URL, "segments", tl, "@2x.png?scenario=renewed")); resp.StatusCode != 200 ||
		resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("scenario PNG: %d %.200s", resp.StatusCode, body)
	}
	for _, c := range []struct {
		layer, query, name string
		code               int
	}{
		{"segments", "?scenario=none", "none", 404},
		{"segments", "?scenario=../x", "scenario", 400},
		{"segments", "?scenario=", "scenario", 400},
		{"segments", "?scenario=" + strings.Repeat("a", 65), "scenario", 400},
		{"pipes", "?scenario=renewed", "scenario", 400},
	} {
		resp, body := fetch(t, tileURL(srv.URL, c.layer, tl, ".mvt"+c.query))
		var e struct{ Error string }
		if resp.StatusCode != c.code || json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, c.name) {
			t.Errorf("%s%s: %d %s, want %d naming %s", c.layer, c.query, resp.StatusCode, body, c.code, c.name)
		}
	}
	t.Run("segment API", func(t *testing.T) { checkScenarioSegment(t, s, srv.URL, "renewed", id, wid, before, after) })
}
