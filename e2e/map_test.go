package e2e

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gasrisk/data/datatest"
	"gasrisk/synth"
	"gasrisk/tiles"
	"gasrisk/web"
)

var env *datatest.Env

func TestMain(m *testing.M) { os.Exit(datatest.Main(m, &env)) }

// serveCity generates, imports and analyses a small city in a fresh
// database and serves it with the real server.
func serveCity(t *testing.T) (datatest.Services, string) {
	t.Helper()
	s := env.Services(t)
	datatest.LoadCity(t, s.DB, synth.Config{Segments: 1500, Seed: 1})
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Segments: s.Results, Stats: s.Results, Ledger: s.Ledger, Print: s.Print,
		Tiles: tiles.New(s.Tiles, tiles.DefaultConfig()), Keys: s.Access, Sensors: s.Sensors, Plans: s.Plans, Network: s.Topology}))
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// redSegment is the longest red segment and its middle point.
func redSegment(t *testing.T, s datatest.Services) (id int64, lon, lat float64) {
	t.Helper()
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT segment_id, ST_X(p), ST_Y(p) FROM (
		SELECT segment_id, length_m, ST_Transform(ST_LineInterpolatePoint(geom, 0.5), 4326) p FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) AND grade = 'red' AND GeometryType(geom) = 'LINESTRING') x
		ORDER BY length_m DESC LIMIT 1`).Scan(&id, &lon, &lat)
	if err != nil {
		t.Fatalf("the test city has no red segment: %v", err)
	}
	return id, lon, lat
}

// shots is where the test leaves its screenshots: $GASRISK_E2E_SHOTS, or a
// directory under the system's temporary directory.
func shots(t *testing.T) string {
	dir := os.Getenv("GASRISK_E2E_SHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "gasrisk-e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestMap drives the web map in headless Chromium against the real server
// and PostGIS: it opens in Chinese fitted to the network, switches to
// English, draws a red segment red, shows its factors and grade rule on a
// click (in both languages, checkPanelLanguages) and hides
// it with the legend's grade filter, draws the ledger's hazards with their
// state and shows one on a click (checkHazardOnMap), all without a script
// error or a request leaving the server.
func TestMap(t *testing.T) {
	chromium(t) // skip before building the city
	s, base := serveCity(t)
	id, lon, lat := redSegment(t, s)
	hz := overdueHazard(t, s)
	st, err := s.Results.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := shots(t)
	p := openPage(t, base, "zh-CN")

	var title, redRow string
	var overview []byte
	p.do(t, "loading the map",
		chromedp.Navigate(base+"/"),
		waitMap(),
		void(chromedp.Poll[bool](`document.querySelectorAll("#legend tr[data-grade]").length === 4 && !!document.getElementById("run").textContent`)),
		into(&title, chromedp.Text(chromedp.CSS("h1"))),
		into(&redRow, chromedp.Text(chromedp.CSS(`#legend tr[data-grade="red"]`))),
		into(&overview, chromedp.CaptureScreenshot()))
	save(t, dir, "overview-zh.png", overview)
	if title != "燃气管网风险分布图" {
		t.Errorf("title in a zh-CN browser: %q", title)
	}
	if want := fmt.Sprintf("重大%d 段", st.Grades["red"].Segments); !strings.Contains(strings.ReplaceAll(redRow, "\t", ""), want) {
		t.Errorf("legend row of red: %q, want %q", redRow, want)
	}
	if !eval[bool](t, p, fmt.Sprintf(`gasriskMap.getBounds().contains([%f, %f])`, lon, lat)) {
		t.Errorf("the map did not open on the network: the red segment at %f, %f is outside %v", lon, lat,
			eval[any](t, p, `gasriskMap.getBounds().toArray()`))
	}

	p.do(t, "switching to English", chromedp.Click(chromedp.CSS("#lang")), into(&title, chromedp.Text(chromedp.CSS("h1"))))
	if title != "Gas network risk map" {
		t.Errorf("title after switching language: %q", title)
	}

	// Stations are drawn over segments: hide them to see the segment.
	p.do(t, "hiding stations", chromedp.Click(chromedp.CSS("#show-stations")))
	settle(t, p, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 18})`, lon, lat))
	pt := eval[struct{ X, Y float64 }](t, p, fmt.Sprintf(`gasriskMap.project([%f, %f])`, lon, lat))
	var zoomed []byte
	p.do(t, "screenshot", into(&zoomed, chromedp.CaptureScreenshot()))
	save(t, dir, "red-segment.png", zoomed)
	if n := redPixels(t, zoomed, int(pt.X), int(pt.Y), 12); n < 20 {
		t.Fatalf("red segment %d is not drawn red at (%.0f, %.0f): %d red pixels (see %s)", id, pt.X, pt.Y, n, dir)
	}

	var heading, panel string
	var clicked []byte
	p.do(t, "clicking the red segment",
		chromedp.MouseClickXY(pt.X, pt.Y),
		void(chromedp.Poll[bool](`document.querySelectorAll("#factors tr[data-code]").length > 0`)),
		into(&heading, chromedp.Text(chromedp.CSS("#detail-body h3"))),
		into(&panel, chromedp.Text(chromedp.CSS("#detail-body"))),
		into(&clicked, chromedp.CaptureScreenshot()))
	save(t, dir, "factors.png", clicked)
	if heading != fmt.Sprintf("Segment %d", id) || !strings.Contains(panel, "Major") || !strings.Contains(panel, "Risk factors") {
		t.Errorf("panel after clicking segment %d: %q", id, panel)
	}
	if n := eval[int](t, p, `document.querySelectorAll("#factors tr[data-code]").length`); n < 3 {
		t.Errorf("the panel lists %d factors", n)
	}
	checkPanelLanguages(t, p, id, dir)

	settle(t, p, `document.querySelector('#legend tr[data-grade="red"]').click()`)
	var filtered []byte
	p.do(t, "screenshot", into(&filtered, chromedp.CaptureScreenshot()))
	save(t, dir, "red-hidden.png", filtered)
	if n := redPixels(t, filtered, int(pt.X), int(pt.Y), 12); n > 2 {
		t.Errorf("red segments hidden by the legend, yet %d red pixels at the segment (see %s)", n, dir)
	}

	settle(t, p, `document.querySelector('#legend tr[data-grade="red"]').click()`) // red again
	checkFindingAndDistrictFilters(t, p, s, id, dir, pt.X, pt.Y)
	p.do(t, "showing hazards", chromedp.Click(chromedp.CSS("#show-hazards")))
	if v := eval[string](t, p, `gasriskMap.getLayoutProperty("hazards-line", "visibility")`); v != "visible" {
		t.Errorf("hazards layer %q after ticking its box", v)
	}
	checkHazardOnMap(t, p, base, hz, dir)

	if errs := p.errors(); len(errs) > 0 {
		t.Errorf("the page had errors:\n%s", strings.Join(errs, "\n"))
	}
	t.Logf("screenshots in %s", dir)
}

// checkPanelLanguages: the open segment panel (in English) names the rule
// that set the grade under it; switched to Chinese, the rule, every
// factor's detail, the units and the top threat read in Chinese (screenshot factors-zh.png);
// then back to English.
func checkPanelLanguages(t *testing.T, p *page, id int64, dir string) {
	t.Helper()
	type panel struct {
		Heading, Rule, By, Threat, ThreatCode string
		Details, Values                       []string
	}
	read := func() panel {
		return eval[panel](t, p, `({heading: document.querySelector("#detail-body h3").textContent,
			rule: document.getElementById("grade-rule").textContent,
			by: document.getElementById("grade-rule").dataset.by,
			threat: document.getElementById("top-threat").textContent,
			threatCode: document.getElementById("top-threat").dataset.threat,
			details: [...document.querySelectorAll("#factors tr[data-code] .detail")].map((e) => e.textContent),
			values: [...document.querySelectorAll("#factors tr[data-code] .value")].map((e) => e.textContent)})`)
	}
	han := regexp.MustCompile(`\p{Han}`)
	en := read()
	if !strings.HasPrefix(en.Rule, "Graded by the score: ") && !strings.HasPrefix(en.Rule, "Policy: ") || han.MatchString(en.Rule) {
		t.Errorf("grade rule of segment %d in English: %q (by %q)", id, en.Rule, en.By)
	}
	if en.ThreatCode == "" || en.Threat == en.ThreatCode || han.MatchString(en.Threat) {
		t.Errorf("top threat of segment %d in English: %q (%q)", id, en.Threat, en.ThreatCode)
	}
	if len(en.Details) < 3 || len(en.Values) < 3 || !strings.Contains(strings.Join(en.Values, " "), "per km·yr") {
		t.Errorf("English factors of segment %d: details %q, values %q", id, en.Details, en.Values)
	}
	p.do(t, "switching the panel to Chinese", chromedp.Click(chromedp.CSS("#lang")),
		void(chromedp.Poll[bool](`document.querySelector("#detail-body h3").textContent.startsWith("管段")`)))
	zh := read()
	var shot []byte
	p.do(t, "screenshot", chromedp.ScrollIntoView(chromedp.CSS("#factors")), into(&shot, chromedp.CaptureScreenshot()))
	save(t, dir, "factors-zh.png", shot)
	if zh.Heading != fmt.Sprintf("管段 %d", id) || !han.MatchString(zh.Rule) || zh.By != en.By || !han.MatchString(zh.Threat) ||
		zh.ThreatCode != en.ThreatCode {
		t.Errorf("Chinese panel of segment %d: heading %q, grade rule %q (by %q), top threat %q", id, zh.Heading, zh.Rule, zh.By, zh.Threat)
	}
	if len(zh.Details) != len(en.Details) || !strings.Contains(strings.Join(zh.Values, " "), "次/(km·年)") {
		t.Errorf("Chinese factors of segment %d: details %q, values %q", id, zh.Details, zh.Values)
	}
	for i, d := range zh.Details {
		if !han.MatchString(d) {
			t.Errorf("factor detail %d of segment %d in the Chinese panel is not Chinese: %q (English %q)", i, id, d, en.Details[i])
		}
	}
	p.do(t, "switching back to English", chromedp.Click(chromedp.CSS("#lang")),
		void(chromedp.Poll[bool](`document.querySelector("#detail-body h3").textContent.startsWith("Segment")`)))
}

func save(t *testing.T, dir, name string, png []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
