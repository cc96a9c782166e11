package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"gasrisk/data/datatest"
	"gasrisk/data/results"
)

// checkFindingAndDistrictFilters: the red segment id, drawn at (x, y),
// hides under a finding it lacks or another district, and shows under a
// finding it has and its own district.
func checkFindingAndDistrictFilters(t *testing.T, p *page, s datatest.Services, id int64, dir string, x, y float64) {
	t.Helper()
	var flags [5]bool
	var district, other string
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT occupied, clearance_violation, sewer_crossing, aged, third_party,
		coalesce(district, ''), coalesce((SELECT min(id) FROM districts d WHERE d.id IS DISTINCT FROM s.district), '')
		FROM segments s WHERE run_id = (SELECT run_id FROM current_run) AND segment_id = $1`, id).
		Scan(&flags[0], &flags[1], &flags[2], &flags[3], &flags[4], &district, &other)
	if err != nil {
		t.Fatal(err)
	}
	var has, lacks string
	for i, f := range results.FindingFlags() {
		if flags[i] && has == "" {
			has = f
		} else if !flags[i] && lacks == "" {
			lacks = f
		}
	}
	cases := []struct {
		filter, value string
		shown         bool
	}{{"finding", lacks, false}, {"finding", has, true}, {"finding", "", true},
		{"district", other, false}, {"district", district, true}, {"district", "", true}}
	for _, c := range cases {
		if c.value == "" && !c.shown {
			continue
		}
		settle(t, p, fmt.Sprintf(`const el = document.getElementById(%q); el.value = %q; el.dispatchEvent(new Event("change"))`,
			c.filter, c.value))
		var shot []byte
		p.do(t, "screenshot", into(&shot, chromedp.CaptureScreenshot()))
		if n := redPixels(t, shot, int(x), int(y), 12); (n >= 20) != c.shown {
			save(t, dir, "filter-"+c.filter+".png", shot)
			t.Errorf("%s filter %q: %d red pixels at red segment %d, want it shown: %v", c.filter, c.value, n, id, c.shown)
		}
	}
}
