package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestMapFieldRecords: the map draws the field records (issue 19) with
// their own symbols from zoom 13 — a generated leak is a rendered feature
// of the field-records layer, leaks, patrols and CP readings in distinct
// colours — its switch reads in Chinese and in English, and unticking it
// hides them.
func TestMapFieldRecords(t *testing.T) {
	chromium(t)
	s, base := serveCity(t)
	var leak string
	var lon, lat float64
	if err := s.DB.Pool.QueryRow(context.Background(), `SELECT id, ST_X(p), ST_Y(p)
		FROM leaks CROSS JOIN LATERAL ST_Transform(geom, 4326) p ORDER BY id LIMIT 1`).Scan(&leak, &lon, &lat); err != nil {
		t.Fatalf("the test city has no leak: %v", err)
	}
	p := openPage(t, base, "zh-CN")
	p.do(t, "loading the map", chromedp.Navigate(base+"/"), waitMap())
	label := func() string {
		return eval[string](t, p, `document.querySelector('[data-i18n="fieldRecords"]').textContent`)
	}
	if zh := label(); !regexp.MustCompile(`\p{Han}`).MatchString(zh) || !strings.Contains(zh, "泄漏") || len(untranslated(zh)) > 0 {
		t.Errorf("the field records' switch in Chinese: %q", zh)
	}
	settle(t, p, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 17})`, lon, lat))
	drawn := fmt.Sprintf(`gasriskMap.queryRenderedFeatures({layers: ["field-records"]})
		.some((f) => f.properties.record === "leaks" && f.properties.id === %q)`, leak)
	if !eval[bool](t, p, drawn) {
		t.Errorf("leak %s is not drawn at zoom 17", leak)
	}
	colors := eval[[]string](t, p, `(() => { const m = gasriskMap.getPaintProperty("field-records", "circle-color");
		return ["leaks", "patrols", "cp_readings"].map((r) => m[m.indexOf(r) + 1]); })()`)
	if len(colors) != 3 || colors[0] == colors[1] || colors[1] == colors[2] || colors[0] == colors[2] {
		t.Errorf("field record colours %q: want one per layer", colors)
	}
	p.do(t, "switching to English", chromedp.Click(chromedp.CSS("#lang")),
		void(chromedp.Poll[bool](`document.documentElement.lang === "en"`)))
	if en := label(); !strings.HasPrefix(en, "Field records: leaks") {
		t.Errorf("the field records' switch in English: %q", en)
	}
	settle(t, p, `(() => { const c = document.getElementById("show-records"); c.checked = false; c.dispatchEvent(new Event("change")); })()`)
	if v := eval[string](t, p, `gasriskMap.getLayoutProperty("field-records", "visibility")`); v != "none" || eval[bool](t, p, drawn) {
		t.Errorf("field records still shown (visibility %q) after unticking their switch", v)
	}
	if errs := p.errors(); len(errs) > 0 {
		t.Errorf("the page had errors: %q", errs)
	}
}
