package plans_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"gasrisk"
	"gasrisk/data/plans"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// TestCandidates: the pipes in a renewal category are candidates with
// their category and reasons; touching candidates of one district share
// a cluster, others do not.
func TestCandidates(t *testing.T) {
	s := street(t)
	ctx := context.Background()
	cands, err := plans.New(s.DB).Candidates(ctx, riskmodel.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]renewal.Candidate{}
	for _, c := range cands {
		by[c.PipeID] = c
	}
	tests := []struct {
		id, category, surface string
	}{
		{"g1", "grey_cast_iron", "road"}, {"g2", "grey_cast_iron", ""}, {"g3", "grey_cast_iron", "green"},
		{"g-far", "grey_cast_iron", ""}, {"g-d2", "grey_cast_iron", ""}, {"s-old", "aged_condition", ""},
		{"occ-mp", "occupied", ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c, ok := by[tt.id]
			if !ok {
				t.Fatal("not a candidate")
			}
			if c.Category != tt.category || c.Surface != tt.surface || !(c.LengthM > 99 && c.LengthM < 101) || !(c.Risk > 0) {
				t.Errorf("%+v", c)
			}
			if r := c.Reasons("en", 2026); len(r) < 2 {
				t.Errorf("reasons %v", r)
			}
		})
	}
	if _, ok := by["pe-new"]; ok || len(cands) != len(tests) {
		t.Errorf("%d candidates, pe-new among them %v", len(cands), ok)
	}
	t.Run("contiguity", func(t *testing.T) {
		street := by["g1"].Cluster
		if by["g2"].Cluster != street || by["g3"].Cluster != street {
			t.Errorf("the street's pipes in clusters %d %d %d", by["g1"].Cluster, by["g2"].Cluster, by["g3"].Cluster)
		}
		for _, id := range []string{"g-far", "g-d2", "s-old", "occ-mp"} {
			if by[id].Cluster == street {
				t.Errorf("%s joins the street", id)
			}
		}
		if !(by["g1"].Order < by["g2"].Order && by["g2"].Order < by["g3"].Order) {
			t.Errorf("order along the street: %v %v %v", by["g1"].Order, by["g2"].Order, by["g3"].Order)
		}
	})
}

// TestCreateGetList: a plan is stored under its name with its inputs;
// the street is one job; mandatory jobs (grey cast iron, occupied MP)
// come first; a second plan of the same name is a conflict; several
// plans are listed side by side.
func TestCreateGetList(t *testing.T) {
	s := street(t)
	ctx := context.Background()
	svc := plans.New(s.DB)
	m := riskmodel.DefaultConfig()
	o := renewal.Options{FirstYear: 2027, LastYear: 2030, BudgetYuan: 600000}
	p, err := svc.Create(ctx, "p1", m, o)
	if err != nil {
		t.Fatal(err)
	}
	var jobs []string
	lastMandatory, firstOther := 0, 9999
	for _, j := range p.Jobs {
		jobs = append(jobs, fmt.Sprint(j.PipeIDs))
		if j.Mandatory {
			lastMandatory = max(lastMandatory, j.Year)
		} else {
			firstOther = min(firstOther, j.Year)
		}
	}
	if !slices.Contains(jobs, "[g1 g2 g3]") {
		t.Errorf("the street is not one job: %v", jobs)
	}
	if firstOther < lastMandatory {
		t.Errorf("non-mandatory job in %d before a mandatory one in %d", firstOther, lastMandatory)
	}
	for _, y := range p.Years {
		if y.CostYuan > y.BudgetYuan {
			t.Errorf("year %d over budget: %v > %v", y.Year, y.CostYuan, y.BudgetYuan)
		}
	}
	got, err := svc.Get(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Jobs) != len(p.Jobs) || got.Inputs.BudgetYuan != 600000 || got.Inputs.Renewal.FixedPerJobYuan != m.Renewal.FixedPerJobYuan ||
		got.Jobs[0].Reason != p.Jobs[0].Reason || fmt.Sprint(got.Years) != fmt.Sprint(p.Years) {
		t.Errorf("stored %+v\nmade %+v", got, p)
	}
	if _, err := svc.Create(ctx, "p1", m, o); gasrisk.ErrorCode(err) != gasrisk.ECONFLICT {
		t.Errorf("same name again: %v", err)
	}
	o.BudgetYuan = 1e7
	if _, err := svc.Create(ctx, "p2", m, o); err != nil {
		t.Fatal(err)
	}
	list, err := svc.List(ctx)
	if err != nil || len(list) != 2 || list[0].Jobs == 0 {
		t.Errorf("list %+v, err %v", list, err)
	}
	for _, tt := range []struct{ name, code string }{{"no-such", gasrisk.ENOTFOUND}, {"bad name!", gasrisk.EINVALID}} {
		if _, err := svc.Get(ctx, tt.name); gasrisk.ErrorCode(err) != tt.code {
			t.Errorf("Get(%q): %v, want %s", tt.name, err, tt.code)
		}
	}
	if _, err := svc.Create(ctx, "p3", m, renewal.Options{FirstYear: 2027, LastYear: 2026, BudgetYuan: 1}); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
		t.Errorf("bad years: %v", err)
	}
}
