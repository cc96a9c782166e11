package plans_test

import (
	"context"
	"math"
	"testing"

	"gasrisk"
	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/plans"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// TestCompare: a scenario of a plan compares km per grade before and
// after each plan year, overall and per district: the km are conserved
// and the grey cast iron street leaves yellow (its floor) once renewed.
func TestCompare(t *testing.T) {
	s := street(t)
	ctx := context.Background()
	svc := plans.New(s.DB)
	m := riskmodel.DefaultConfig()
	p, err := svc.Create(ctx, "p1", m, renewal.Options{FirstYear: 2027, LastYear: 2029, BudgetYuan: 600000})
	if err != nil {
		t.Fatal(err)
	}
	streetYear := 0
	for _, j := range p.Jobs {
		if j.PipeIDs[0] == "g1" {
			streetYear = j.Year
		}
	}
	if streetYear == 0 {
		t.Fatalf("the street is not in the plan: %+v", p.Jobs)
	}
	if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: m, AsOf: datatest.AsOf(),
		Scenario: &analysis.Scenario{Name: "p1", Plan: "p1"}}); err != nil {
		t.Fatal(err)
	}
	c, err := svc.Compare(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.After) != 3 || c.Plan != "p1" || c.RunID == c.BaseRunID {
		t.Fatalf("comparison %+v", c)
	}
	total := func(k plans.Km) (sum float64) {
		for _, v := range k {
			sum += v
		}
		return sum
	}
	for _, y := range c.After {
		if math.Abs(total(y.All)-total(c.Before.All)) > 1e-9 {
			t.Errorf("%d: %v km after, %v before", y.Year, total(y.All), total(c.Before.All))
		}
		if math.Abs(total(y.Districts["D1"])+total(y.Districts["D2"])-total(y.All)) > 1e-9 {
			t.Errorf("%d: districts do not add up: %v", y.Year, y.Districts)
		}
		if y.Year >= streetYear && !(y.All["yellow"] < c.Before.All["yellow"]-0.29) {
			t.Errorf("%d: yellow %v km, before %v: the renewed street should leave it", y.Year, y.All["yellow"], c.Before.All["yellow"])
		}
	}
	list, err := svc.Scenarios(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "p1" || list[0].Plan != "p1" {
		t.Errorf("scenarios %+v, err %v", list, err)
	}
	if _, err := svc.Compare(ctx, "none"); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("unknown scenario: %v", err)
	}
}
