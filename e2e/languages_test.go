package e2e

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gasrisk/data/datatest"
	"gasrisk/hazard"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// untranslated returns the words of text that are not Chinese: English
// words and vocabulary keys such as past_design_life. Identifiers (with
// digits), abbreviations in capitals (MPA, XLSX, EPSG) and the product's
// name pass.
func untranslated(text string) []string {
	allowed := map[string]bool{"gasrisk": true, "English": true, "km": true, "MapLibre": true}
	var bad []string
	seen := map[string]bool{}
	for _, w := range regexp.MustCompile(`[A-Za-z0-9_\-.·]+`).FindAllString(text, -1) {
		w = strings.Trim(w, "-.·")
		switch {
		case w == "" || strings.ContainsAny(w, "0123456789") || allowed[w] || seen[w]:
		case len(w) <= 5 && strings.ToUpper(w) == w:
		case len(w) < 3 && !strings.Contains(w, "_"):
		default:
			seen[w] = true
			bad = append(bad, w)
		}
	}
	sort.Strings(bad)
	return bad
}

// TestChinesePages opens the map and the ledger page in a Chinese browser
// and fails on any English word or vocabulary key that reaches the page:
// the map's panel with a segment's factors and a hazard, its legends, the
// ledger page with its charts, table and a hazard's history. It checks
// that the pages' tables agree with the hazard package's, and that the two
// pages share one language setting.
func TestChinesePages(t *testing.T) {
	chromium(t)
	s, base := serveCity(t)
	id, lon, lat := redSegment(t, s)
	dir := shots(t)
	p := openPage(t, base, "zh-CN")
	var off, on []byte
	p.do(t, "loading the map", chromedp.Navigate(base+"/"), waitMap(),
		void(chromedp.Poll[bool](`document.querySelectorAll("#legend tr[data-grade]").length === 4`)),
		into(&off, chromedp.CaptureScreenshot()))
	settle(t, p, `document.getElementById("show-hazards").click()`)
	p.do(t, "screenshot", into(&on, chromedp.CaptureScreenshot()))
	save(t, dir, "overview-hazards-zh.png", on)
	// At city zoom the hazards (markers) leave the four colours readable:
	// each keeps most of its pixels.
	before, after := gradePixels(t, off, 900), gradePixels(t, on, 900)
	for _, g := range []string{"red", "orange", "yellow", "blue"} {
		if before[g] < 50 || float64(after[g]) < 0.8*float64(before[g]) {
			t.Errorf("%s at city zoom: %d pixels without hazards, %d with them", g, before[g], after[g])
		}
	}
	if n := eval[int](t, p, `gasriskMap.queryRenderedFeatures({layers: ["hazards-marker"]}).length`); n == 0 {
		t.Error("no hazard markers at city zoom")
	}
	check := func(where, expr string) {
		t.Helper()
		text := eval[string](t, p, expr)
		if bad := untranslated(text); len(bad) > 0 {
			t.Errorf("%s: untranslated %q in:\n%s", where, bad, text)
		}
	}
	check("the map's panel", `document.getElementById("panel").innerText`)
	if n := eval[int](t, p, `document.querySelectorAll(".district-label").length`); n == 0 {
		t.Error("no district labels on the map")
	}
	check("the district labels", `[...document.querySelectorAll(".district-label")].map((e) => e.textContent).join(" ")`)

	p.do(t, "hiding stations", chromedp.Click(chromedp.CSS("#show-stations")))
	settle(t, p, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 18})`, lon, lat))
	pt := eval[struct{ X, Y float64 }](t, p, fmt.Sprintf(`gasriskMap.project([%f, %f])`, lon, lat))
	p.do(t, "clicking the red segment", chromedp.MouseClickXY(pt.X, pt.Y),
		void(chromedp.Poll[bool](`document.querySelectorAll("#factors tr[data-code], #hazard-attrs").length > 0`)))
	check(fmt.Sprintf("the panel of segment %d or its hazard", id), `document.getElementById("detail-body").innerText`)
	var shot []byte
	p.do(t, "screenshot", into(&shot, chromedp.CaptureScreenshot()))
	save(t, dir, "panel-zh.png", shot)

	hz := openHazard(t, s)
	settle(t, p, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 17})`, hz.lon, hz.lat))
	pt = eval[struct{ X, Y float64 }](t, p, fmt.Sprintf(`gasriskMap.project([%f, %f])`, hz.lon, hz.lat))
	p.do(t, "clicking a hazard", chromedp.MouseClickXY(pt.X, pt.Y),
		void(chromedp.Poll[bool](`!!document.querySelector("#detail-body h3[data-hazard-id]")`)))
	check("the panel of a hazard", `document.getElementById("detail-body").innerText`)
	checkMapTables(t, p)

	doneJobPlan(t, s)
	p.do(t, "opening the ledger page", chromedp.Navigate(base+"/ledger/"),
		void(chromedp.Poll[bool](`document.querySelectorAll("#ledger tbody tr").length > 0 && !!document.querySelector("#chart-kind svg")`)))
	// the renewal section: the done job in the total row's 已完工 column
	if got := eval[string](t, p, `document.querySelector("#renewal-years tr.total td:nth-child(5)").textContent`); !strings.HasPrefix(got, "1 项") {
		t.Errorf("renewal progress, done in total: %q, want 1 job", got)
	}
	p.do(t, "opening a hazard", chromedp.Click(chromedp.CSS("#ledger tbody tr")),
		void(chromedp.Poll[bool](`!document.getElementById("detail").hidden && !!document.querySelector("#detail-body li")`)))
	check("the ledger page", `document.body.innerText + " " + [...document.querySelectorAll("svg text")].map((e) => e.textContent).join(" ")`)
	p.do(t, "screenshot", into(&shot, chromedp.CaptureScreenshot()))
	save(t, dir, "ledger-zh.png", shot)
	checkLedgerTables(t, p)

	// One language setting: English chosen on the ledger page is the map's.
	p.do(t, "switching the ledger to English", void(chromedp.Evaluate[bool](`document.getElementById("lang").click(), true`)),
		void(chromedp.Poll[bool](`document.querySelector("h1").textContent === "Hazard ledger and risk statistics"`)))
	if cut := eval[int](t, p, `[...document.querySelectorAll("svg text")].filter((e) => e.textContent.endsWith("…")).length`); cut > 0 {
		t.Errorf("%d chart labels cut", cut)
	}
	if n := eval[int](t, p, `(() => { const s = document.querySelector("#chart-kind svg"), w = s.viewBox.baseVal.width;
		return [...s.querySelectorAll("text")].filter((e) => e.getBBox().x < 0 || e.getBBox().x + e.getBBox().width > w + 1).length; })()`); n > 0 {
		t.Errorf("%d labels of the English chart by kind outside the chart", n)
	}
	keys := eval[string](t, p, `[...document.querySelectorAll("#ledger tbody td:nth-child(3), #ledger tbody td:nth-child(4)")].map((e) => e.textContent).join(" ")`)
	if strings.Contains(keys, "_") || regexp.MustCompile(`\b(red|orange|yellow|blue)\b`).MatchString(keys) {
		t.Errorf("the English ledger shows keys: %s", keys)
	}
	var title string
	p.do(t, "opening the map again", chromedp.Navigate(base+"/"), waitMap(), into(&title, chromedp.Text(chromedp.CSS("h1"))))
	if title != "Gas network risk map" {
		t.Errorf("the map after choosing English on the ledger page: %q", title)
	}
	if errs := p.errors(); len(errs) > 0 {
		t.Errorf("the pages had errors:\n%s", strings.Join(errs, "\n"))
	}
}

// doneJobPlan stores a renewal plan of 2025–2026 whose first job is done.
func doneJobPlan(t *testing.T, s datatest.Services) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Plans.Create(ctx, "e2e-2025", riskmodel.DefaultConfig(), renewal.Options{FirstYear: 2025, LastYear: 2026, BudgetYuan: 5e6}); err != nil {
		t.Fatal(err)
	}
	cost := 100000.0
	for _, tr := range []renewal.Transition{{To: "designed", On: "2025-02-01"},
		{To: "under_construction", On: "2025-04-01", Contractor: "某燃气工程公司"}, {To: "done", On: "2025-10-01", ActualCostYuan: &cost}} {
		if _, err := s.Plans.Move(ctx, "e2e-2025", 1, tr, time.Now()); err != nil {
			t.Fatalf("%s: %v", tr.To, err)
		}
	}
}

// openHazard is the longest open line hazard with the middle of its line.
func openHazard(t *testing.T, s datatest.Services) mapHazard {
	t.Helper()
	var h mapHazard
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT id, code, ST_X(p), ST_Y(p) FROM (
		SELECT id, code, length_m, ST_Transform(ST_LineInterpolatePoint(geom, 0.5), 4326) p FROM hazards
		WHERE state = 'open' AND GeometryType(geom) = 'LINESTRING') x
		ORDER BY length_m DESC, id LIMIT 1`).Scan(&h.id, &h.code, &h.lon, &h.lat)
	if err != nil {
		t.Fatalf("the test city has no open line hazard: %v", err)
	}
	return h
}

// checkMapTables: the map's strings have the same keys in both languages,
// and every Chinese one is Chinese.
func checkMapTables(t *testing.T, p *page) {
	t.Helper()
	tables := eval[map[string]map[string]string](t, p, `import("/ui/i18n.js").then((m) => m.STRINGS)`)
	han := regexp.MustCompile(`\p{Han}`)
	for k, zh := range tables["zh"] {
		if _, ok := tables["en"][k]; !ok {
			t.Errorf("map string %q has no English", k)
		}
		if !han.MatchString(zh) && k != "switchTo" && k != "switchToTitle" { // the switch speaks the other language
			t.Errorf("map string %q in Chinese is %q", k, zh)
		}
	}
	for k := range tables["en"] {
		if _, ok := tables["zh"][k]; !ok {
			t.Errorf("map string %q has no Chinese", k)
		}
	}
}

// checkLedgerTables: the ledger page names kinds, states, grades and
// actions as the hazard package does (the exports, the CLI, the print).
func checkLedgerTables(t *testing.T, p *page) {
	t.Helper()
	type vocab struct{ Grades, Kinds, States, Actions map[string]string }
	tables := eval[map[string]vocab](t, p, `({zh: T.zh, en: T.en})`)
	for _, lang := range []string{hazard.LangZH, hazard.LangEN} {
		v := tables[lang]
		for _, k := range hazard.Kinds() {
			if got, want := v.Kinds[k], hazard.KindName(k, lang); got != want {
				t.Errorf("ledger page %s kind %s: %q, hazard package %q", lang, k, got, want)
			}
		}
		for _, st := range hazard.States() {
			if got, want := v.States[string(st)], hazard.StateName(st, lang); got != want {
				t.Errorf("ledger page %s state %s: %q, hazard package %q", lang, st, got, want)
			}
		}
		for _, g := range []string{"red", "orange", "yellow", "blue"} {
			if got, want := v.Grades[g], hazard.GradeName(g, lang); got != want {
				t.Errorf("ledger page %s grade %s: %q, hazard package %q", lang, g, got, want)
			}
		}
		for _, a := range hazard.Actions() {
			if got, want := v.Actions[a], hazard.ActionName(a, lang); got != want {
				t.Errorf("ledger page %s action %s: %q, hazard package %q", lang, a, got, want)
			}
		}
	}
}
