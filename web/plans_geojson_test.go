package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gasrisk/renewal"
	"gasrisk/riskmodel"
	"gasrisk/web"
)

// TestPlanGeoJSON: GET /api/v1/plans/{name}?format=geojson gives one
// feature per job of the plan — its number as id, the MultiLineString of
// its pipes in WGS 84 and its year, cost, category, risk reduction,
// length, households, reason and state as the plan's JSON has them — for
// the map's plan layer; an unknown plan is 404 and a bad name 400, naming
// it; the exchanges match openapi.json.
func TestPlanGeoJSON(t *testing.T) {
	s := planCity.get(t)
	srv := serve(t, s, web.Config{})
	_, router := loadAPIDoc(t, srv.URL)
	p, err := s.Plans.Create(context.Background(), "map-2027", riskmodel.DefaultConfig(),
		renewal.Options{FirstYear: 2027, LastYear: 2029, BudgetYuan: 3e6, Lang: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Jobs) < 2 {
		t.Fatalf("the plan has %d jobs", len(p.Jobs))
	}
	for _, tc := range []struct {
		path   string
		status int
		name   string
	}{
		{"/api/v1/plans/map-2027?format=geojson", 200, ""},
		{"/api/v1/plans/none?format=geojson", 404, "none"},
		{"/api/v1/plans/map-2027?format=kml", 400, "format"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			validateExchange(t, router, srv.URL, "", "GET", tc.path, nil, tc.status)
			if tc.name == "" {
				return
			}
			_, _, got := request(t, "GET", srv.URL+tc.path, "", nil)
			var e struct{ Error string }
			if json.Unmarshal(got, &e); !strings.Contains(e.Error, tc.name) {
				t.Errorf("error %q does not name %s", e.Error, tc.name)
			}
		})
	}
	code, h, got := request(t, "GET", srv.URL+"/api/v1/plans/map-2027?format=geojson", "", nil)
	var fc struct {
		Type     string
		Features []struct {
			ID       int
			Geometry *struct {
				Type        string
				Coordinates [][][2]float64
			}
			Properties struct {
				No            int
				Year          int
				Category      string
				CostYuan      float64 `json:"cost_yuan"`
				RiskReduction float64 `json:"risk_reduction"`
				LengthM       float64 `json:"length_m"`
				Households    *int
				Reason        string
				State         string
				Pipes         int
			}
		}
	}
	if err := json.Unmarshal(got, &fc); err != nil || code != 200 || h.Get("Content-Type") != "application/geo+json" {
		t.Fatalf("%d %s: %v %.300s", code, h.Get("Content-Type"), err, got)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(p.Jobs) {
		t.Fatalf("%s of %d features, want %d", fc.Type, len(fc.Features), len(p.Jobs))
	}
	years := map[int]bool{}
	for i, f := range fc.Features {
		j, pr := p.Jobs[i], f.Properties
		want := fmt.Sprintf("%d %d %s %.0f %.2f %.1f %d %s %d", i+1, j.Year, j.Category, j.CostYuan, j.RiskReduction, j.LengthM,
			*j.Households, j.Reason, len(j.PipeIDs))
		if pr.Households == nil {
			t.Fatalf("feature %d: no households", f.ID)
		}
		if g := fmt.Sprintf("%d %d %s %.0f %.2f %.1f %d %s %d", pr.No, pr.Year, pr.Category, pr.CostYuan, pr.RiskReduction, pr.LengthM,
			*pr.Households, pr.Reason, pr.Pipes); g != want || f.ID != i+1 || pr.State != "planned" {
			t.Errorf("feature %d: %s (%s), want %s", f.ID, g, pr.State, want)
		}
		if f.Geometry == nil || f.Geometry.Type != "MultiLineString" || len(f.Geometry.Coordinates) < len(j.PipeIDs) {
			t.Fatalf("feature %d: geometry %+v for %d pipes", f.ID, f.Geometry, len(j.PipeIDs))
		}
		for _, c := range slices.Concat(f.Geometry.Coordinates...) {
			if c[0] < 70 || c[0] > 140 || c[1] < 15 || c[1] > 55 { // the synthetic city lies in China
				t.Fatalf("feature %d: coordinate %v is not WGS 84 in China", f.ID, c)
			}
		}
		years[pr.Year] = true
	}
	if len(years) < 2 {
		t.Errorf("the jobs fall in %d year(s): the layer's colours by year are not tested", len(years))
	}
}
