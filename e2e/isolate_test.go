package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gasrisk/data/datatest"
	"gasrisk/synth"
	"gasrisk/tiles"
	"gasrisk/web"
)

// serveConnectedCity generates a connected city (gasrisk gen --connected:
// pipes joined at the nodes, valves and customers placed) and serves it
// with the network service wired, as cmd does.
func serveConnectedCity(t *testing.T) (datatest.Services, string) {
	t.Helper()
	s := env.Services(t)
	datatest.LoadCity(t, s.DB, synth.Config{Segments: 1500, Seed: 1, Connected: true})
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Segments: s.Results, Stats: s.Results, Ledger: s.Ledger,
		Print: s.Print, Tiles: tiles.New(s.Tiles, tiles.DefaultConfig()), Keys: s.Access, Sensors: s.Sensors, Plans: s.Plans,
		Network: s.Topology}))
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// isolation is what the test reads of POST /api/v1/isolation.
type isolation struct {
	Valves    []struct{ ID string } `json:"valves"`
	Passed    []struct{ ID string } `json:"inoperable_valves_passed"`
	Isolated  []string              `json:"isolated_pipes"`
	Customers []struct{ ID string } `json:"customers"`
	Meters    int                   `json:"meters"`
	Critical  int                   `json:"critical_customers"`
}

// isolateAPI asks the server for the isolation of a segment.
func isolateAPI(t *testing.T, base string, segment int64) isolation {
	t.Helper()
	resp, err := http.Post(base+"/api/v1/isolation", "application/json", strings.NewReader(fmt.Sprintf(`{"segment_id": %d}`, segment)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var iso isolation
	if err := json.NewDecoder(resp.Body).Decode(&iso); err != nil || resp.StatusCode != 200 {
		t.Fatalf("isolating segment %d: %d %v", segment, resp.StatusCode, err)
	}
	return iso
}

// isolatedSegment is a long segment whose isolation closes valves and cuts
// customers off, and its middle point.
func isolatedSegment(t *testing.T, s datatest.Services, base string) (int64, float64, float64) {
	t.Helper()
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT segment_id, ST_X(p), ST_Y(p) FROM (
		SELECT segment_id, length_m, ST_Transform(ST_LineInterpolatePoint(geom, 0.5), 4326) p FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) AND GeometryType(geom) = 'LINESTRING' AND length_m > 60) x
		ORDER BY length_m DESC LIMIT 20`)
	if err != nil {
		t.Fatal(err)
	}
	type cand struct {
		id       int64
		lon, lat float64
	}
	var cs []cand
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.id, &c.lon, &c.lat); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	for _, c := range cs {
		if iso := isolateAPI(t, base, c.id); len(iso.Valves) > 0 && len(iso.Customers) > 0 {
			return c.id, c.lon, c.lat
		}
	}
	t.Fatal("no segment of the connected city closes a valve and cuts a customer off")
	return 0, 0, 0
}

// TestMapIsolation: on the connected city's map, a segment's panel has
// "isolate here"; a click on it draws the valves to close and the isolated
// pipes and shows their counts as the API answers them, in Chinese and in
// English; "clear" removes them; a right-click isolates the pipe there;
// the topology layer shows the topology check's findings when ticked.
func TestMapIsolation(t *testing.T) {
	chromium(t)
	s, base := serveConnectedCity(t)
	id, lon, lat := isolatedSegment(t, s, base)
	p := openPage(t, base, "zh-CN")
	p.do(t, "open the map", chromedp.Navigate(base+"/"), waitMap(),
		void(chromedp.Poll[bool](`!!gasriskMap.getLayer("isolation-valves")`, chromedp.WithPollingTimeout(30*time.Second))))
	p.do(t, "hide the stations", chromedp.Click(chromedp.CSS("#show-stations")))
	settle(t, p, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 17})`, lon, lat))
	clicked := eval[string](t, p, fmt.Sprintf(`(async () => {
		const pt = gasriskMap.project([%f, %f]);
		gasriskMap.fire("click", {point: pt, lngLat: gasriskMap.unproject(pt), originalEvent: {}});
		for (let i = 0; i < 200; i++) {
			const b = document.querySelector("#detail-body button.isolate-here");
			if (b) return b.dataset.isolate;
			await new Promise((r) => setTimeout(r, 50));
		}
		return "";
	})()`, lon, lat))
	var start struct {
		SegmentID int64 `json:"segment_id"`
	}
	if err := json.Unmarshal([]byte(clicked), &start); err != nil || start.SegmentID == 0 {
		t.Fatalf("the segment's panel has no \"isolate here\" (%q, %v; page errors %q)", clicked, err, p.errors())
	}
	if start.SegmentID != id { // another segment drawn at the point: isolate that one
		id = start.SegmentID
	}
	want := isolateAPI(t, base, id)
	if len(want.Valves) == 0 {
		t.Fatalf("segment %d closes no valve", id)
	}
	if got := eval[string](t, p, `document.querySelector("#detail-body button.isolate-here").textContent`); got != "关阀隔离" {
		t.Errorf("the button in Chinese: %q", got)
	}
	settle(t, p, `document.querySelector("#detail-body button.isolate-here").click()`)
	p.do(t, "the isolation drawn", void(chromedp.Poll[bool](`!!document.getElementById("isolation-attrs")`,
		chromedp.WithPollingTimeout(30*time.Second))))
	settle(t, p, `gasriskMap.triggerRepaint()`)
	type drawn struct{ Close, Passed, Area, Rendered, RenderedArea int }
	d := eval[drawn](t, p, `gasriskMap.getSource("isolation").getData().then((g) => ({
		close: g.features.filter((f) => f.properties.role === "close").length,
		passed: g.features.filter((f) => f.properties.role === "passed").length,
		area: g.features.filter((f) => f.properties.role === "area").length,
		rendered: gasriskMap.queryRenderedFeatures({layers: ["isolation-valves"]}).length,
		renderedArea: gasriskMap.queryRenderedFeatures({layers: ["isolation-area"]}).length}))`)
	if d.Close != len(want.Valves) || d.Passed != len(want.Passed) || d.Area != 1 {
		t.Errorf("drawn %+v, the API closes %d valves and passes %d", d, len(want.Valves), len(want.Passed))
	}
	if d.Rendered == 0 || d.RenderedArea == 0 {
		t.Errorf("on screen: %d valves to close, %d isolated stretches", d.Rendered, d.RenderedArea)
	}
	cell := func(key string) string {
		return eval[string](t, p, fmt.Sprintf(`(document.querySelector('#isolation-attrs tr[data-key=%q] td') || {}).innerText || ""`, key))
	}
	panel := eval[string](t, p, `document.getElementById("isolation").innerText`)
	if !strings.Contains(panel, "关阀隔离方案") || !strings.Contains(panel, "需关闭阀门") || !strings.Contains(panel, "停气表数") {
		t.Errorf("the isolation panel in Chinese: %q", panel)
	}
	if bad := untranslated(panel); len(bad) > 0 {
		t.Errorf("the isolation panel in Chinese: untranslated %q", bad)
	}
	checkCounts := func() {
		t.Helper()
		if v := cell("valves"); !strings.HasPrefix(v, strconv.Itoa(len(want.Valves))) || !strings.Contains(v, want.Valves[0].ID) {
			t.Errorf("valves cell %q, want %d valves with %s", v, len(want.Valves), want.Valves[0].ID)
		}
		if v := cell("customers"); v != strconv.Itoa(len(want.Customers)) && v != fmt.Sprintf("%d", len(want.Customers)) {
			t.Errorf("customers cell %q, want %d", v, len(want.Customers))
		}
		if v := strings.ReplaceAll(cell("meters"), ",", ""); v != strconv.Itoa(want.Meters) {
			t.Errorf("meters cell %q, want %d", v, want.Meters)
		}
		if v := cell("critical"); !strings.HasPrefix(v, strconv.Itoa(want.Critical)) {
			t.Errorf("critical cell %q, want %d", v, want.Critical)
		}
	}
	checkCounts()
	p.do(t, "switch to English", chromedp.Click(chromedp.CSS("#lang")))
	panel = eval[string](t, p, `document.getElementById("isolation").innerText`)
	if !strings.Contains(panel, "Valve isolation") || !strings.Contains(panel, "Valves to close") || !strings.Contains(panel, "Meters without gas") {
		t.Errorf("the isolation panel in English: %q", panel)
	}
	checkCounts()
	var shot []byte
	p.do(t, "screenshot", into(&shot, chromedp.CaptureScreenshot()))
	save(t, shots(t), "isolation.png", shot)

	p.do(t, "clear", chromedp.Click(chromedp.CSS("#isolation-clear")))
	left := eval[int](t, p, `gasriskMap.getSource("isolation").getData().then((g) => g.features.length)`)
	if left != 0 || !eval[bool](t, p, `document.getElementById("isolation").hidden`) {
		t.Errorf("after clear: %d features drawn, panel hidden %v", left, eval[bool](t, p, `document.getElementById("isolation").hidden`))
	}

	// a right-click on the pipe isolates it from the point
	right := eval[int](t, p, fmt.Sprintf(`(async () => {
		const pt = gasriskMap.project([%f, %f]);
		gasriskMap.fire("contextmenu", {point: pt, lngLat: gasriskMap.unproject(pt), originalEvent: {}});
		for (let i = 0; i < 200; i++) {
			if (document.getElementById("isolation-attrs")) break;
			await new Promise((r) => setTimeout(r, 50));
		}
		const g = await gasriskMap.getSource("isolation").getData();
		return g.features.filter((f) => f.properties.role === "close").length;
	})()`, lon, lat))
	if right == 0 {
		t.Errorf("a right-click on segment %d's pipe drew no valve to close (page errors %q)", id, p.errors())
	}
	checkTopologyLayer(t, p, base)
	checkLedgerCard(t, p, s, base)
	if errs := p.errors(); len(errs) > 0 {
		t.Errorf("page errors: %q", errs)
	}
}

// checkTopologyLayer: ticking the topology box draws the findings of
// GET /api/v1/topology.geojson and counts them by kind in the legend.
func checkTopologyLayer(t *testing.T, p *page, base string) {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/topology.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var gj struct {
		Features []struct {
			Properties struct{ Issue string }
		}
	}
	err = json.NewDecoder(resp.Body).Decode(&gj)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	byIssue := map[string]int{}
	for _, f := range gj.Features {
		byIssue[f.Properties.Issue]++
	}
	if vis := eval[string](t, p, `gasriskMap.getLayoutProperty("topology", "visibility")`); vis != "none" {
		t.Errorf("the topology layer before its box is ticked: %q", vis)
	}
	p.do(t, "tick the topology box", chromedp.Click(chromedp.CSS("#show-topology")),
		void(chromedp.Poll[bool](`document.querySelectorAll("#topology-legend tr[data-issue] td.num").length === 4 &&
			document.querySelector("#topology-legend td.num").textContent !== ""`, chromedp.WithPollingTimeout(60*time.Second))))
	n := eval[int](t, p, `gasriskMap.getSource("topology").getData().then((g) => g.features.length)`)
	if n != len(gj.Features) || eval[string](t, p, `gasriskMap.getLayoutProperty("topology", "visibility")`) != "visible" {
		t.Errorf("the topology layer holds %d findings, the API %d", n, len(gj.Features))
	}
	for issue, want := range byIssue {
		got := eval[string](t, p, fmt.Sprintf(`document.querySelector('#topology-legend tr[data-issue=%q] td.num').textContent`, issue))
		if got != strconv.Itoa(want) {
			t.Errorf("legend of %s: %q, want %d", issue, got, want)
		}
	}
	label := eval[string](t, p, `document.querySelector("label:has(#show-topology)").innerText`)
	if !strings.Contains(label, "topology") {
		t.Errorf("the topology box in English: %q", label)
	}
}

// checkLedgerCard: the ledger page shows a hazard's emergency card with
// the valves GET /api/v1/hazards/{id}/emergency-card lists, in the page's
// language (English now, then Chinese).
func checkLedgerCard(t *testing.T, p *page, s datatest.Services, base string) {
	t.Helper()
	var id int64
	if err := s.DB.Pool.QueryRow(context.Background(), `SELECT id FROM hazards WHERE pipe_id IS NOT NULL
		ORDER BY length_m DESC, id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(fmt.Sprintf("%s/api/v1/hazards/%d/emergency-card", base, id))
	if err != nil {
		t.Fatal(err)
	}
	var card struct {
		Valves []struct{ ID string } `json:"valves"`
		Meters int                   `json:"meters"`
	}
	err = json.NewDecoder(resp.Body).Decode(&card)
	resp.Body.Close()
	if err != nil || len(card.Valves) == 0 {
		t.Fatalf("hazard %d's card: %v, %d valves", id, err, len(card.Valves))
	}
	open := func(lang string) string {
		p.do(t, "the ledger page in "+lang, chromedp.Navigate(fmt.Sprintf("%s/ledger/#hazard=%d", base, id)),
			void(chromedp.Poll[bool](`!!document.querySelector("#emergency-card td")`, chromedp.WithPollingTimeout(30*time.Second))))
		got := eval[[]string](t, p, `[...document.querySelectorAll("#emergency-card li[data-valve]")].map((e) => e.dataset.valve)`)
		var want []string
		for _, v := range card.Valves {
			want = append(want, v.ID)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("the ledger's card in %s lists valves %q, the API %q", lang, got, want)
		}
		if m := eval[string](t, p, `document.querySelector('#emergency-card tr[data-key="meters"] td').textContent`); m != strconv.Itoa(card.Meters) {
			t.Errorf("the ledger's card in %s: %q meters, want %d", lang, m, card.Meters)
		}
		return eval[string](t, p, `document.getElementById("emergency-card").innerText`)
	}
	if text := open("English"); !strings.Contains(text, "Emergency card") || !strings.Contains(text, "Valves to close") ||
		!strings.Contains(text, "Nearest station") {
		t.Errorf("the card in English: %q", text)
	}
	eval[bool](t, p, `(localStorage.setItem("gasrisk.lang", "zh"), true)`)
	p.do(t, "reload", chromedp.Reload())
	if text := open("Chinese"); !strings.Contains(text, "应急处置卡") || !strings.Contains(text, "需关闭阀门") || !strings.Contains(text, "最近场站") {
		t.Errorf("the card in Chinese: %q", text)
	}
}
