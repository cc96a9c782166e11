package e2e

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// checkSuggestions: the map's suggestions layer holds the ranked
// detector-placement suggestions GET /api/v1/sensors/suggestions answers,
// hidden until its box in the layer switch is ticked, then drawn with a
// rank label at each.
func checkSuggestions(t *testing.T, p *page, base string) {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/sensors/suggestions?count=20")
	if err != nil {
		t.Fatal(err)
	}
	var api struct {
		Candidates []struct {
			Rank     int
			Lon, Lat float64
		}
	}
	err = json.NewDecoder(resp.Body).Decode(&api)
	resp.Body.Close()
	if err != nil || len(api.Candidates) == 0 {
		t.Fatalf("the test city has no suggestion (%v)", err)
	}
	p.do(t, "the suggestions' layer", void(chromedp.Poll[bool](`!!gasriskMap.getLayer("suggestions")`, chromedp.WithPollingTimeout(30*time.Second))))
	type point struct {
		Rank     int
		Lon, Lat float64
	}
	got := eval[[]point](t, p, `gasriskMap.getSource("suggestions").getData().then((d) => d.features.map((f) =>
		({rank: f.properties.rank, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1]})))`)
	if len(got) != len(api.Candidates) {
		t.Fatalf("the layer has %d suggestions, the API %d", len(got), len(api.Candidates))
	}
	for i, c := range api.Candidates {
		if g := got[i]; g.Rank != i+1 || c.Rank != i+1 || math.Abs(g.Lon-c.Lon) > 1e-9 || math.Abs(g.Lat-c.Lat) > 1e-9 {
			t.Errorf("suggestion %d: layer %+v, API %+v", i+1, g, c)
		}
	}
	shown := `[gasriskMap.getLayoutProperty("suggestions", "visibility") || "visible",
		...[...document.querySelectorAll(".suggestion-label")].filter((e) => !e.hidden).map((e) => e.textContent)]`
	if v := eval[[]string](t, p, shown); len(v) != 1 || v[0] != "none" {
		t.Errorf("before its box is ticked the layer shows %q", v)
	}
	p.do(t, "tick the suggestions' box", chromedp.Click(chromedp.CSS("#show-suggestions")))
	v := eval[[]string](t, p, shown)
	if len(v) != len(got)+1 || v[0] != "visible" || v[1] != "1" || v[len(v)-1] != strconv.Itoa(len(got)) {
		t.Errorf("with its box ticked the layer and its rank labels show %q", v)
	}
}

// suggestionTexts are the suggestions box's label and the first
// suggestion's tooltip, in the page's language.
func suggestionTexts(t *testing.T, p *page) (label, tip string) {
	t.Helper()
	v := eval[[]string](t, p, `[document.querySelector("label:has(#show-suggestions)").innerText,
		document.querySelector(".suggestion-label").title]`)
	return v[0], v[1]
}
