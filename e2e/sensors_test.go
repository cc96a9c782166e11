package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gasrisk/data/access"
	"gasrisk/riskmodel"
)

// TestLiveSensors: on an open map, a reading over the threshold posted
// to the server turns its detector red without a reload (the event
// stream), and a click on it shows the alarm in Chinese and in English;
// the detector-placement suggestions are a layer of their own
// (checkSuggestions), named in both languages.
func TestLiveSensors(t *testing.T) {
	chromium(t)
	s, base := serveCity(t)
	ctx := context.Background()
	list, err := s.Sensors.Sensors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	var lon, lat float64
	for _, x := range list {
		if x.Kind == riskmodel.DetectorManhole {
			id, lon, lat = x.ID, x.Lon, x.Lat
			break
		}
	}
	if id == "" {
		t.Fatal("the test city has no live detector")
	}
	_, key, err := s.Access.CreateKey(ctx, "gateway", access.RoleSensor, "e2e")
	if err != nil {
		t.Fatal(err)
	}
	p := openPage(t, base, "zh-CN")
	p.do(t, "open the map", chromedp.Navigate(base+"/"), waitMap())
	p.do(t, "the detectors' layer", void(chromedp.Poll[bool](`!!gasriskMap.getLayer("sensors")`, chromedp.WithPollingTimeout(30*time.Second))))
	checkSuggestions(t, p, base)
	if label, tip := suggestionTexts(t, p); !strings.Contains(label, "建议新增监测点") || !strings.Contains(tip, "建议第 1 位") {
		t.Errorf("the suggestions in Chinese: %q, %q", label, tip)
	}
	settle(t, p, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 18})`, lon, lat))
	status := fmt.Sprintf(`(() => {
		const pt = gasriskMap.project([%f, %f]);
		const f = gasriskMap.queryRenderedFeatures([[pt.x - 3, pt.y - 3], [pt.x + 3, pt.y + 3]], {layers: ["sensors"]})
			.find((f) => f.properties.id === %q);
		return f ? f.properties.status : "";
	})()`, lon, lat, id)
	if got := eval[string](t, p, status); got == "alarm" || got == "" {
		t.Fatalf("detector %s before the reading: status %q", id, got)
	}

	body := fmt.Sprintf(`[{"sensor_id":%q,"at":%q,"value":57,"unit":"%%LEL"}]`, id, time.Now().UTC().Add(-time.Minute).Format(time.RFC3339))
	req, _ := http.NewRequest("POST", base+"/api/v1/readings", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("post: %v %v", resp, err)
	}
	resp.Body.Close()
	p.do(t, "the alarm on the open map", void(chromedp.Poll[bool](status+` === "alarm"`, chromedp.WithPollingTimeout(20*time.Second))))

	click := fmt.Sprintf(`(async () => {
		document.querySelectorAll(".sensor-popup").forEach((e) => e.remove());
		const pt = gasriskMap.project([%f, %f]);
		gasriskMap.fire("click", {point: pt, lngLat: gasriskMap.unproject(pt), originalEvent: {}});
		for (let i = 0; i < 100; i++) {
			const el = document.querySelector(".sensor-popup .alarms li[data-alarm]");
			if (el) return document.querySelector(".sensor-popup").innerText;
			await new Promise((r) => setTimeout(r, 100));
		}
		return "";
	})()`, lon, lat)
	if got := eval[string](t, p, click); !strings.Contains(got, "二级报警") || !strings.Contains(got, "窨井甲烷监测") || !strings.Contains(got, "报警") {
		t.Errorf("the popup in Chinese: %q", got)
	}
	p.do(t, "switch to English", chromedp.Click(chromedp.CSS("#lang")))
	if label, tip := suggestionTexts(t, p); !strings.Contains(label, "Suggested detector sites") || !strings.Contains(tip, "Suggestion 1:") {
		t.Errorf("the suggestions in English: %q, %q", label, tip)
	}
	if got := eval[string](t, p, click); !strings.Contains(got, "second-level alarm") || !strings.Contains(got, "Methane, sewer manhole") {
		t.Errorf("the popup in English: %q", got)
	}
	if errs := p.errors(); len(errs) > 0 {
		t.Errorf("page errors: %q", errs)
	}
}
