package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"gasrisk/data/access"
	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
	"gasrisk/web"
)

// planCity is a synthetic city for the plan API.
var planCity city

// TestPlansAPI: POST makes and stores a plan (201 with Location), GET
// lists and reads plans, as JSON or the workbook; bad input gets a 4xx
// naming the field; every exchange matches openapi.json.
func TestPlansAPI(t *testing.T) {
	s := planCity.get(t)
	srv := serve(t, s, web.Config{})
	_, router := loadAPIDoc(t, srv.URL)
	key := newKey(t, s, "planner", access.RoleEditor)
	body := func(v string) []byte { return []byte(v) }
	ok := `{"name": "p-2027", "first_year": 2027, "last_year": 2030, "budget_yuan": 5000000, "lang": "zh",
		"renewal": {"fixed_per_job_yuan": 100000}}`
	for _, tc := range []struct {
		name, method, path string
		body               []byte
		status             int
		field              string
	}{
		{"create", "POST", "/api/v1/plans", body(ok), 201, ""},
		{"same name", "POST", "/api/v1/plans", body(ok), 409, "name"},
		{"missing name", "POST", "/api/v1/plans", body(`{"first_year": 2027, "last_year": 2030, "budget_yuan": 1}`), 400, "name"},
		{"bad name", "POST", "/api/v1/plans", body(`{"name": "../x", "first_year": 2027, "last_year": 2030, "budget_yuan": 1}`), 400, "name"},
		{"years reversed", "POST", "/api/v1/plans", body(`{"name": "x", "first_year": 2030, "last_year": 2027, "budget_yuan": 1}`), 400, "years"},
		{"budget zero", "POST", "/api/v1/plans", body(`{"name": "x", "first_year": 2027, "last_year": 2030, "budget_yuan": 0}`), 400, "budget"},
		{"budget a string", "POST", "/api/v1/plans", body(`{"name": "x", "first_year": 2027, "last_year": 2030, "budget_yuan": "lots"}`), 400, "budget_yuan"},
		{"unknown field", "POST", "/api/v1/plans", body(`{"name": "x", "first_year": 2027, "last_year": 2030, "budget_yuan": 1, "budget": 2}`), 400, "budget"},
		{"bad override", "POST", "/api/v1/plans", body(`{"name": "x", "first_year": 2027, "last_year": 2030, "budget_yuan": 1, "renewal": {"fixed_per_job_yuan": -5}}`), 400, "renewal.fixed_per_job_yuan"},
		{"unknown override", "POST", "/api/v1/plans", body(`{"name": "x", "first_year": 2027, "last_year": 2030, "budget_yuan": 1, "renewal": {"cost": 1}}`), 400, "renewal"},
		{"list", "GET", "/api/v1/plans", nil, 200, ""},
		{"get", "GET", "/api/v1/plans/p-2027", nil, 200, ""},
		{"no such plan", "GET", "/api/v1/plans/none", nil, 404, "none"},
		{"bad format", "GET", "/api/v1/plans/p-2027?format=pdf", nil, 400, "format"},
		{"move a job", "POST", "/api/v1/plans/p-2027/jobs/1/transitions", body(`{"to": "designed", "on": "2026-03-01"}`), 200, ""},
		{"move out of order", "POST", "/api/v1/plans/p-2027/jobs/1/transitions", body(`{"to": "done", "on": "2026-04-01", "actual_cost_yuan": 1}`), 409, "to"},
		{"move without contractor", "POST", "/api/v1/plans/p-2027/jobs/1/transitions", body(`{"to": "under_construction", "on": "2026-04-01"}`), 400, "contractor"},
		{"move a bad date", "POST", "/api/v1/plans/p-2027/jobs/1/transitions", body(`{"to": "under_construction", "on": "soon", "contractor": "X"}`), 400, "on"},
		{"move no job", "POST", "/api/v1/plans/p-2027/jobs/9999/transitions", body(`{"to": "designed", "on": "2026-03-01"}`), 404, "9999"},
		{"progress", "GET", "/api/v1/plans/p-2027/progress", nil, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			validateExchange(t, router, srv.URL, key, tc.method, tc.path, tc.body, tc.status)
			if tc.field == "" {
				return
			}
			_, _, got := request(t, tc.method, srv.URL+tc.path, key, string(tc.body))
			var e struct{ Error string }
			if json.Unmarshal(got, &e); !strings.Contains(e.Error, tc.field) {
				t.Errorf("error %q does not name %s", e.Error, tc.field)
			}
		})
	}
	_, _, got := request(t, "GET", srv.URL+"/api/v1/plans/p-2027", key, nil)
	var p struct {
		Inputs struct {
			BudgetYuan float64 `json:"budget_yuan"`
			Renewal    struct {
				FixedPerJobYuan float64 `json:"fixed_per_job_yuan"`
			}
		}
		Jobs  []struct{ Reason string }
		Years []struct{ BudgetYuan, CostYuan float64 }
	}
	if err := json.Unmarshal(got, &p); err != nil {
		t.Fatal(err)
	}
	if p.Inputs.BudgetYuan != 5e6 || p.Inputs.Renewal.FixedPerJobYuan != 100000 || len(p.Jobs) == 0 || len(p.Years) != 4 ||
		!strings.Contains(p.Jobs[0].Reason, "年") {
		t.Errorf("stored plan: %.500s", got)
	}
	code, h, xl := request(t, "GET", srv.URL+"/api/v1/plans/p-2027?format=xlsx&lang=en", key, nil)
	if code != 200 || !strings.Contains(h.Get("Content-Type"), "spreadsheetml") || len(xl) < 1000 {
		t.Errorf("xlsx: %d %s, %d bytes", code, h.Get("Content-Type"), len(xl))
	}
	if code, _, _ := request(t, "POST", srv.URL+"/api/v1/plans", newKey(t, s, "viewer", access.RoleViewer), ok); code != 403 {
		t.Errorf("a viewer made a plan: %d", code)
	}

	_, err := s.Analysis.Analyze(context.Background(), analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: datatest.AsOf(),
		Scenario: &analysis.Scenario{Name: "p-2027", Plan: "p-2027"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path   string
		status int
	}{{"/api/v1/scenarios", 200}, {"/api/v1/scenarios/p-2027", 200}, {"/api/v1/scenarios/none", 404}} {
		t.Run(tc.path, func(t *testing.T) { validateExchange(t, router, srv.URL, key, "GET", tc.path, nil, tc.status) })
	}
	_, _, got = request(t, "GET", srv.URL+"/api/v1/scenarios/p-2027", key, nil)
	var c struct {
		After []struct{ Year int }
	}
	if json.Unmarshal(got, &c); len(c.After) != 4 || c.After[0].Year != 2027 {
		t.Errorf("comparison %.300s", got)
	}
}
