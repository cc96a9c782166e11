package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// TestMapPlanLayer: with a renewal plan stored, the map (in Chinese)
// lists it; choosing it draws its jobs coloured by year with a legend of
// the years; a click on a job's pipe opens the job — its year, category,
// cost, risk reduction, length, households and reason — in Chinese, and in
// English after the language switch; choosing none hides the layer.
func TestMapPlanLayer(t *testing.T) {
	chromium(t)
	s, base := serveCity(t)
	ctx := context.Background()
	p, err := s.Plans.Create(ctx, "e2e-map", riskmodel.DefaultConfig(), renewal.Options{FirstYear: 2027, LastYear: 2029, BudgetYuan: 3e6, Lang: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	years := map[int]bool{}
	for _, j := range p.Jobs {
		years[j.Year] = true
	}
	// the job of the longest pipe a job renews, and that pipe's middle
	var no, year int
	var lon, lat float64
	if err := s.DB.Pool.QueryRow(ctx, `SELECT j.job_no, j.year, ST_X(pt), ST_Y(pt) FROM renewal_jobs j
		JOIN pipes p ON p.id = ANY (j.pipe_ids) AND GeometryType(p.geom) = 'LINESTRING'
		CROSS JOIN LATERAL ST_Transform(ST_LineInterpolatePoint(p.geom, 0.5), 4326) pt
		WHERE j.plan_name = 'e2e-map' ORDER BY ST_Length(p.geom) DESC LIMIT 1`).Scan(&no, &year, &lon, &lat); err != nil {
		t.Fatalf("no job to click: %v", err)
	}
	job := p.Jobs[no-1]
	pg := openPage(t, base, "zh-CN")
	pg.do(t, "loading the map", chromedp.Navigate(base+"/"), waitMap(),
		void(chromedp.Poll[bool](`!document.getElementById("plans").hidden && document.querySelectorAll("#plan option").length === 2`)))
	choose := func(v string) { // the selector's handler loads the plan's jobs, then the map draws them
		eval[bool](t, pg, fmt.Sprintf(`(async () => { const s = document.getElementById("plan"); s.value = %q;
			await s.onchange(); return true; })()`, v))
		settle(t, pg, `0`)
	}
	choose("e2e-map")
	if n := eval[int](t, pg, `document.querySelectorAll("#plan-legend tr[data-year]").length`); n != len(years) {
		t.Errorf("the legend lists %d years, the plan has %d", n, len(years))
	}
	// the job's colour is its year's in the legend
	colour := eval[string](t, pg, fmt.Sprintf(`(() => { const e = gasriskMap.getPaintProperty("plan-jobs", "line-color");
		return e[e.indexOf(%d) + 1]; })()`, year))
	swatch := eval[string](t, pg, fmt.Sprintf(`document.querySelector('#plan-legend tr[data-year="%d"] .swatch').style.background`, year))
	if colour == "" || !strings.EqualFold(hexOf(swatch), colour) {
		t.Errorf("year %d: drawn %q, legend %q", year, colour, swatch)
	}
	settle(t, pg, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 17})`, lon, lat))
	pt := eval[struct{ X, Y float64 }](t, pg, fmt.Sprintf(`gasriskMap.project([%f, %f])`, lon, lat))
	var popup string
	pg.do(t, "clicking the job's pipe", chromedp.MouseClickXY(pt.X, pt.Y),
		void(chromedp.Poll[bool](`!!document.querySelector(".plan-popup .plan-job")`)),
		into(&popup, chromedp.Text(chromedp.CSS(".plan-popup .plan-job"))))
	shown := eval[string](t, pg, `document.querySelector(".plan-popup .plan-job").dataset.job`)
	if shown != fmt.Sprint(no) {
		t.Fatalf("the popup shows job %s, want %d: %q", shown, no, popup)
	}
	wan := fmt.Sprintf("%.1f", job.CostYuan/1e4)
	for _, want := range []string{fmt.Sprint(year), "计划年度", "投资估算", "风险降低", "惠及居民户数", "安排理由", job.Reason,
		fmt.Sprint(*job.Households), "已列入计划"} {
		if !strings.Contains(strings.ReplaceAll(popup, ",", ""), want) {
			t.Errorf("the popup lacks %q: %q", want, popup)
		}
	}
	if !strings.Contains(strings.ReplaceAll(popup, ",", ""), wan) {
		t.Errorf("the popup lacks the cost %s 万元: %q", wan, popup)
	}
	if bad := untranslated(popup); len(bad) > 0 {
		t.Errorf("the popup in Chinese: untranslated %q", bad)
	}
	pg.do(t, "switching to English", chromedp.Click(chromedp.CSS("#lang")),
		void(chromedp.Poll[bool](`document.querySelector(".plan-popup .plan-job").textContent.includes("Plan year")`)),
		into(&popup, chromedp.Text(chromedp.CSS(".plan-popup .plan-job"))))
	for _, want := range []string{"Estimated cost", "Risk reduction", "Households served", "Why this year", "planned"} {
		if !strings.Contains(popup, want) {
			t.Errorf("the popup in English lacks %q: %q", want, popup)
		}
	}
	choose("")
	if v := eval[string](t, pg, `gasriskMap.getLayoutProperty("plan-jobs", "visibility")`); v != "none" {
		t.Errorf("no plan chosen: the layer is %q", v)
	}
	if errs := pg.errors(); len(errs) > 0 {
		t.Errorf("the page had errors: %q", errs)
	}
}

// hexOf turns a CSS rgb(r, g, b) colour into #rrggbb.
func hexOf(css string) string {
	var r, g, b int
	if _, err := fmt.Sscanf(css, "rgb(%d, %d, %d)", &r, &g, &b); err != nil {
		return css
	}
	return fmt.Sprintf("#%02x%02x%02x", r, g, b)
}
