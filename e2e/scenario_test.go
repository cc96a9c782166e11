package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
)

// TestMapScenario: with a what-if run stored, the map's selector (in
// Chinese) lists it; choosing it draws a renewed segment in the
// scenario's grade, and a click on it shows the scenario's grade beside
// the current one in the panel; choosing the current run again draws the
// current grade.
func TestMapScenario(t *testing.T) {
	chromium(t)
	s, base := serveCity(t)
	ctx := context.Background()
	var pipes []string
	if err := s.DB.Pool.QueryRow(ctx, `SELECT array_agg(DISTINCT pipe_id) FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) AND (aged OR renewal_category IS NOT NULL)`).Scan(&pipes); err != nil || len(pipes) == 0 {
		t.Fatalf("no aged pipes to renew (%v)", err)
	}
	if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: datatest.AsOf(),
		Scenario: &analysis.Scenario{Name: "gx-2027", Pipes: pipes}}); err != nil {
		t.Fatal(err)
	}
	var id, wid int64
	var lon, lat float64
	var before, after string
	err := s.DB.Pool.QueryRow(ctx, `SELECT c.segment_id, w.segment_id, c.grade, w.grade, ST_X(p), ST_Y(p) FROM segments c
		JOIN segments w ON (w.pipe_gid, w.part) = (c.pipe_gid, c.part) AND w.run_id = (SELECT max(id) FROM analysis_runs WHERE scenario = 'gx-2027')
		CROSS JOIN LATERAL ST_Transform(ST_LineInterpolatePoint(ST_GeometryN(c.geom, 1), 0.5), 4326) p
		WHERE c.run_id = (SELECT run_id FROM current_run) AND c.grade <> w.grade AND GeometryType(c.geom) = 'LINESTRING'
		ORDER BY c.length_m DESC LIMIT 1`).Scan(&id, &wid, &before, &after, &lon, &lat)
	if err != nil {
		t.Fatalf("the scenario regrades no segment: %v", err)
	}
	p := openPage(t, base, "zh-CN")
	p.do(t, "loading the map", chromedp.Navigate(base+"/"), waitMap(),
		void(chromedp.Poll[bool](`!document.getElementById("scenarios").hidden && document.querySelectorAll("#scenario option").length === 2`)))
	if bad := untranslated(eval[string](t, p, `document.getElementById("scenarios").innerText`)); len(bad) > 0 {
		t.Errorf("the scenario selector: untranslated %q", bad)
	}
	settle(t, p, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 17})`, lon, lat))
	gradeOf := func(segment int64) string { // polled: the selector asks for the other run's tiles once the map is idle
		return eval[string](t, p, fmt.Sprintf(`(async () => {
			for (let i = 0; i < 100; i++) {
				const f = gasriskMap.queryRenderedFeatures({layers: ["segments"]}).find((f) => f.properties.segment_id === %d);
				if (f) return f.properties.grade || "";
				await new Promise((r) => setTimeout(r, 200));
			}
			return "";
		})()`, segment))
	}
	if g := gradeOf(id); g != before {
		t.Errorf("current run: segment %d drawn %q, want %s", id, g, before)
	}
	choose := func(v string) {
		settle(t, p, fmt.Sprintf(`(() => { const s = document.getElementById("scenario"); s.value = %q; s.dispatchEvent(new Event("change")); })()`, v))
	}
	choose("gx-2027")
	if g := gradeOf(wid); g != after {
		t.Errorf("scenario: segment %d drawn %q, want %s", wid, g, after)
	}
	checkScenarioPanel(t, p, s, lon, lat)
	choose("")
	if g := gradeOf(id); g != before {
		t.Errorf("back to the current run: segment %d drawn %q, want %s", id, g, before)
	}
	if errs := p.errors(); len(errs) > 0 {
		t.Errorf("the page had errors: %q", errs)
	}
}

// checkScenarioPanel: in scenario mode a click on a segment at lon, lat
// shows, in Chinese, the scenario's segment with the current run's grade
// of its stretch beside the scenario's (current → scenario), as the
// database has them.
func checkScenarioPanel(t *testing.T, p *page, s datatest.Services, lon, lat float64) {
	t.Helper()
	pt := eval[struct{ X, Y float64 }](t, p, fmt.Sprintf(`gasriskMap.project([%f, %f])`, lon, lat))
	var panel string
	p.do(t, "clicking the renewed segment", chromedp.MouseClickXY(pt.X, pt.Y),
		void(chromedp.Poll[bool](`!!document.querySelector("#grade-change") && document.querySelectorAll("#factors tr[data-code]").length > 0`)),
		into(&panel, chromedp.Text(chromedp.CSS("#detail-body"))))
	got := eval[struct {
		ID                int64
		Current, Scenario string
	}](t, p, `(() => { const g = document.querySelector("#grade-change");
		return {ID: Number(document.querySelector("#detail-body h3").textContent.replace(/\D+/g, "")),
			Current: g.dataset.current, Scenario: g.dataset.scenario}; })()`)
	var current, scenario string
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT c.grade, w.grade FROM segments w
		JOIN segments c ON c.run_id = (SELECT run_id FROM current_run) AND (c.pipe_gid, c.part) = (w.pipe_gid, w.part)
			AND (w.f0 + w.f1) / 2 BETWEEN c.f0 AND c.f1
		WHERE w.run_id = (SELECT max(id) FROM analysis_runs WHERE scenario = 'gx-2027') AND w.segment_id = $1
		ORDER BY least(c.f1, w.f1) - greatest(c.f0, w.f0) DESC, c.segment_id LIMIT 1`, got.ID).Scan(&current, &scenario)
	if err != nil {
		t.Fatalf("the panel shows segment %d, not a scenario segment with a current stretch: %v (%q)", got.ID, err, panel)
	}
	if got.Current != current || got.Scenario != scenario {
		t.Errorf("segment %d: panel %s → %s, database %s → %s", got.ID, got.Current, got.Scenario, current, scenario)
	}
	if !strings.Contains(panel, "现状等级 → 情景等级") || !strings.Contains(panel, "gx-2027") {
		t.Errorf("the panel does not name the scenario and its grades: %q", panel)
	}
}
