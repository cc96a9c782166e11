package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gasrisk/data/datatest"
	"gasrisk/hazard"
)

// mapHazard is a hazard of the ledger the browser test looks for.
type mapHazard struct {
	id       int64
	code     string
	lon, lat float64
}

// overdueHazard takes the longest open line hazard of the ledger, plans it
// with a deadline a month past (so it is overdue) and returns it with the
// middle of its line.
func overdueHazard(t *testing.T, s datatest.Services) mapHazard {
	t.Helper()
	ctx := context.Background()
	var h mapHazard
	err := s.DB.Pool.QueryRow(ctx, `SELECT id, code, ST_X(p), ST_Y(p) FROM (
		SELECT id, code, length_m, ST_Transform(ST_LineInterpolatePoint(geom, 0.5), 4326) p FROM hazards
		WHERE state = 'open' AND GeometryType(geom) = 'LINESTRING') x
		ORDER BY length_m DESC, id LIMIT 1`).Scan(&h.id, &h.code, &h.lon, &h.lat)
	if err != nil {
		t.Fatalf("the test city has no open line hazard: %v", err)
	}
	now := time.Now()
	_, err = s.Ledger.MoveHazard(ctx, h.id, hazard.Transition{To: hazard.StatePlanned, Measures: "guard on site",
		ResponsibleUnit: "Pipe dept. 2", ResponsiblePerson: "Li Na", Deadline: now.AddDate(0, -1, 0).Format(time.DateOnly),
		Actor: "e2e", Today: now.AddDate(0, -2, 0)})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// checkHazardOnMap: with the hazards shown, hazard h is drawn with its
// state, a click on it shows its code, state, overdue flag, deadline and
// responsible unit with a link to the ledger, the state filter hides and
// shows it, and the ledger page opens on it.
func checkHazardOnMap(t *testing.T, p *page, base string, h mapHazard, dir string) {
	t.Helper()
	settle(t, p, fmt.Sprintf(`gasriskMap.jumpTo({center: [%f, %f], zoom: 17})`, h.lon, h.lat))
	drawn := func() string {
		return eval[string](t, p, fmt.Sprintf(`(() => {
			const pt = gasriskMap.project([%f, %f]);
			const f = gasriskMap.queryRenderedFeatures([[pt.x - 3, pt.y - 3], [pt.x + 3, pt.y + 3]], {layers: ["hazards-line"]})
				.find((f) => f.id === %d);
			return f ? f.properties.state + (f.properties.overdue ? " overdue" : "") : "";
		})()`, h.lon, h.lat, h.id))
	}
	if got := drawn(); got != "planned overdue" {
		t.Fatalf("hazard %s drawn as %q, want planned and overdue", h.code, got)
	}
	pt := eval[struct{ X, Y float64 }](t, p, fmt.Sprintf(`gasriskMap.project([%f, %f])`, h.lon, h.lat))
	var panel, link string
	var shot []byte
	p.do(t, "clicking the hazard",
		chromedp.MouseClickXY(pt.X, pt.Y),
		void(chromedp.Poll[bool](fmt.Sprintf(`!!document.querySelector('#detail-body h3[data-hazard-id="%d"]')`, h.id))),
		into(&panel, chromedp.Text(chromedp.CSS("#detail-body"))),
		into(&link, chromedp.Evaluate[string](`document.getElementById("ledger-link").getAttribute("href")`)),
		into(&shot, chromedp.CaptureScreenshot()))
	save(t, dir, "hazard.png", shot)
	for _, want := range []string{"Hazard " + h.code, "State", "Planned", "Overdue", "Pipe dept. 2", "Li Na",
		time.Now().AddDate(0, -1, 0).Format(time.DateOnly), "Open in the hazard ledger"} {
		if !strings.Contains(panel, want) {
			t.Errorf("the panel of hazard %s lacks %q: %q", h.code, want, panel)
		}
	}
	if want := fmt.Sprintf("/ledger/#hazard=%d", h.id); link != want {
		t.Errorf("ledger link %q, want %q", link, want)
	}

	for _, c := range []struct {
		filter, want string
	}{{"closed", ""}, {"open", ""}, {"overdue", "planned overdue"}, {"planned", "planned overdue"}, {"active", "planned overdue"}} {
		settle(t, p, fmt.Sprintf(`const el = document.getElementById("hazard-state"); el.value = %q; el.dispatchEvent(new Event("change"))`, c.filter))
		if got := drawn(); got != c.want {
			t.Errorf("state filter %s: hazard %s drawn as %q, want %q", c.filter, h.code, got, c.want)
		}
	}

	var heading string
	p.do(t, "opening the hazard in the ledger",
		chromedp.Navigate(base+link),
		void(chromedp.Poll[bool](`!!document.querySelector("#detail-body h3")`)),
		into(&heading, chromedp.Text(chromedp.CSS("#detail-body h3"))))
	if !strings.Contains(heading, h.code) {
		t.Errorf("the ledger page opened on %q, want %s", heading, h.code)
	}
}
