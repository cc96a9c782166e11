package web_test

import (
	"context"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"gasrisk/renewal"
	"gasrisk/riskmodel"
	"gasrisk/web"
)

// TestLedgerStatsRenewal: the ledger page's statistics carry the renewal
// progress of the newest (or the chosen) plan — km, jobs and households
// per state and overdue, by year and by district — and the figures are the plan's: a
// done job counts as done in its year and district, the undone jobs of a
// past year as overdue. A bad plan name is 400, an unknown one 404, and
// every exchange matches openapi.json.
func TestLedgerStatsRenewal(t *testing.T) {
	s := planCity.get(t)
	srv := serve(t, s, web.Config{})
	_, router := loadAPIDoc(t, srv.URL)
	ctx := context.Background()
	p, err := s.Plans.Create(ctx, "ledger-2025", riskmodel.DefaultConfig(), renewal.Options{FirstYear: 2025, LastYear: 2026, BudgetYuan: 5e6})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Jobs) < 2 {
		t.Fatalf("the plan has %d jobs", len(p.Jobs))
	}
	cost := 123456.0
	for _, tr := range []renewal.Transition{{To: "designed", On: "2025-02-01"},
		{To: "under_construction", On: "2025-04-01", Contractor: "某燃气工程公司"},
		{To: "done", On: "2025-10-01", ActualCostYuan: &cost}} {
		if _, err := s.Plans.Move(ctx, "ledger-2025", 1, tr, time.Now()); err != nil {
			t.Fatalf("%s: %v", tr.To, err)
		}
	}
	done := p.Jobs[0]
	for _, tc := range []struct {
		name, path string
		status     int
	}{
		{"newest", "/api/v1/ledger/stats", 200},
		{"chosen", "/api/v1/ledger/stats?plan=ledger-2025", 200},
		{"bad name", "/api/v1/ledger/stats?plan=../x", 400},
		{"empty name", "/api/v1/ledger/stats?plan=", 400},
		{"unknown", "/api/v1/ledger/stats?plan=none", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			validateExchange(t, router, srv.URL, "", "GET", tc.path, nil, tc.status)
			_, _, got := request(t, "GET", srv.URL+tc.path, "", nil)
			if tc.status != 200 {
				var e struct{ Error string }
				if json.Unmarshal(got, &e) != nil || !strings.Contains(e.Error, "plan") {
					t.Errorf("error %s does not name the plan", got)
				}
				return
			}
			var st struct {
				Hazards json.RawMessage
				Renewal *struct {
					Plans     []string
					Plan      string
					All       tally
					Years     map[string]tally
					Districts map[string]tally
				}
			}
			if err := json.Unmarshal(got, &st); err != nil || st.Hazards == nil || st.Renewal == nil {
				t.Fatalf("stats %.300s: %v", got, err)
			}
			r := st.Renewal
			if r.Plan != "ledger-2025" || len(r.Plans) == 0 || r.Plans[0] != "ledger-2025" {
				t.Fatalf("plan %q of %q", r.Plan, r.Plans)
			}
			km, doneKm := 0.0, done.LengthM/1000
			for _, j := range p.Jobs {
				km += j.LengthM / 1000
			}
			year := r.Years[strconv.Itoa(done.Year)]
			if r.All.Jobs != len(p.Jobs) || r.All.States["done"] != 1 || !near(r.All.Km, km) || !near(r.All.KmStates["done"], doneKm) ||
				!near(r.All.KmStates["planned"], km-doneKm) || r.All.ActualCostYuan != cost {
				t.Errorf("all: %+v, want %d jobs, %.3f km, %.3f done", r.All, len(p.Jobs), km, doneKm)
			}
			if year.States["done"] != 1 || !near(year.KmStates["done"], doneKm) {
				t.Errorf("year %d: %+v, want the done job's %.3f km", done.Year, year, doneKm)
			}
			past, pastKm := 0, 0.0
			for _, j := range p.Jobs[1:] {
				if j.Year == 2025 {
					past++
					pastKm += j.LengthM / 1000
				}
			}
			if r.All.Overdue != past || !near(r.All.KmOverdue, pastKm) {
				t.Errorf("overdue %d jobs %.3f km, want the undone 2025 jobs: %d, %.3f km", r.All.Overdue, r.All.KmOverdue, past, pastKm)
			}
			hh, hhYears := 0, 0
			for _, j := range p.Jobs {
				if j.Households == nil {
					t.Fatalf("job %v: households not counted", j.PipeIDs)
				}
				hh += *j.Households
			}
			for _, y := range r.Years {
				hhYears += y.Households
			}
			if hh == 0 || r.All.Households != hh || hhYears != hh || r.All.HouseholdsDone != *done.Households ||
				r.All.HouseholdsStates["done"] != *done.Households {
				t.Errorf("households: all %d (years %d), done %d; want %d, done %d", r.All.Households, hhYears, r.All.HouseholdsDone,
					hh, *done.Households)
			}
			var districtDone, districtJobs int
			for _, d := range r.Districts {
				districtDone += d.States["done"]
				districtJobs += d.Jobs
			}
			if districtDone != 1 || districtJobs != len(p.Jobs) || r.Districts[done.District].States["done"] != 1 {
				t.Errorf("districts: %d done of %d jobs; the done job's district %q: %+v", districtDone, districtJobs, done.District, r.Districts[done.District])
			}
		})
	}
}

// tally is a plans.Tally as the page reads it.
type tally struct {
	Jobs           int
	States         map[string]int
	KmStates       map[string]float64 `json:"km_states"`
	Overdue        int
	KmOverdue      float64 `json:"km_overdue"`
	Km             float64
	ActualCostYuan float64 `json:"actual_cost_yuan"`

	Households       int
	HouseholdsDone   int            `json:"households_done"`
	HouseholdsStates map[string]int `json:"households_states"`
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
