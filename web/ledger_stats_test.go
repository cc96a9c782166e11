package web_test

import (
	"context"
	"fmt"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
	"net/url"
	"testing"
	"time"
)

// TestLedgerStatsAPIMatchesHazardsAPI: the statistics of the ledger page
// (GET /api/v1/ledger/stats) count what GET /api/v1/hazards lists — in
// total and per district, by state, kind and grade, overdue, listed and
// re-check due — with some hazards planned and one overdue.
func TestLedgerStatsAPIMatchesHazardsAPI(t *testing.T) {
	srv, s := newLedgerServer(t)
	ctx := context.Background()
	var open ledger.Page
	if code := call(t, "GET", srv.URL+"/api/v1/hazards?state=open&limit=3", "", "", &open); code != 200 || len(open.Items) < 2 {
		t.Fatalf("open hazards: %d, %d", code, len(open.Items))
	}
	now := time.Now()
	for i, h := range open.Items[:2] {
		deadline := now.AddDate(0, 1, 0) // the first is overdue, the second is not
		if i == 0 {
			deadline = now.AddDate(0, 0, -3)
		}
		_, err := s.Ledger.MoveHazard(ctx, h.ID, hazard.Transition{To: hazard.StatePlanned, Measures: "guard", ResponsibleUnit: "u",
			ResponsiblePerson: "p", Deadline: deadline.Format(time.DateOnly), Actor: "stats test", Today: now.AddDate(0, -1, 0)})
		if err != nil {
			t.Fatal(err)
		}
	}

	var st ledger.Stats
	if code := call(t, "GET", srv.URL+"/api/v1/ledger/stats", "", "", &st); code != 200 {
		t.Fatalf("stats: %d", code)
	}
	// total is what GET /api/v1/hazards counts under query q
	total := func(t *testing.T, q url.Values) int {
		t.Helper()
		q.Set("limit", "1")
		var page ledger.Page
		if code := call(t, "GET", srv.URL+"/api/v1/hazards?"+q.Encode(), "", "", &page); code != 200 {
			t.Fatalf("hazards?%s: %d", q.Encode(), code)
		}
		return page.Total
	}
	// every hazard, page by page, counted as the statistics count them
	want := map[string]*ledger.Counts{}
	counts := func(d string) *ledger.Counts {
		if want[d] == nil {
			want[d] = &ledger.Counts{ByKind: map[string]int{}, ByState: map[string]int{}, ByGrade: map[string]int{}}
		}
		return want[d]
	}
	for offset := 0; ; offset += 100 {
		var page ledger.Page
		call(t, "GET", fmt.Sprintf("%s/api/v1/hazards?limit=100&offset=%d", srv.URL, offset), "", "", &page)
		for _, h := range page.Items {
			for _, c := range []*ledger.Counts{counts("*"), counts(h.District)} {
				c.Total++
				c.ByKind[h.Kind]++
				c.ByState[h.State]++
				c.ByGrade[h.Grade]++
				c.Overdue += b2i(h.Overdue)
				c.Listed += b2i(h.Listed && h.State != "closed")
				c.RecheckDue += b2i(h.RecheckDue)
			}
		}
		if len(page.Items) < 100 {
			break
		}
	}
	same := func(t *testing.T, got ledger.Counts, want *ledger.Counts) {
		t.Helper()
		if got.Total != want.Total || fmt.Sprint(got.ByKind) != fmt.Sprint(want.ByKind) ||
			fmt.Sprint(got.ByState) != fmt.Sprint(want.ByState) || fmt.Sprint(got.ByGrade) != fmt.Sprint(want.ByGrade) ||
			got.Overdue != want.Overdue || got.Listed != want.Listed || got.RecheckDue != want.RecheckDue {
			t.Errorf("stats %+v\nledger %+v", got, *want)
		}
	}
	t.Run("total", func(t *testing.T) {
		same(t, st.Hazards, counts("*"))
		if st.Hazards.Overdue < 1 || st.Hazards.ByState["planned"] < 2 {
			t.Errorf("the planned and overdue hazards are not counted: %+v", st.Hazards)
		}
	})
	for _, d := range st.Districts {
		if d.Hazards.Total == 0 {
			continue
		}
		t.Run("district "+d.ID, func(t *testing.T) { same(t, d.Hazards, counts(d.ID)) })
	}
	// and each count is what the matching filter lists
	filters := []struct {
		param string
		got   map[string]int
	}{{"state", st.Hazards.ByState}, {"kind", st.Hazards.ByKind}, {"grade", st.Hazards.ByGrade}}
	for _, f := range filters {
		for v, n := range f.got {
			t.Run(f.param+"="+v, func(t *testing.T) {
				if got := total(t, url.Values{f.param: {v}}); got != n {
					t.Errorf("the ledger lists %d, the statistics say %d", got, n)
				}
			})
		}
	}
	t.Run("overdue=true", func(t *testing.T) {
		if got := total(t, url.Values{"overdue": {"true"}}); got != st.Hazards.Overdue {
			t.Errorf("the ledger lists %d overdue, the statistics say %d", got, st.Hazards.Overdue)
		}
	})
	t.Run("recheck_due=true", func(t *testing.T) {
		if got := total(t, url.Values{"recheck_due": {"true"}}); got != st.Hazards.RecheckDue {
			t.Errorf("the ledger lists %d to re-check, the statistics say %d", got, st.Hazards.RecheckDue)
		}
	})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
