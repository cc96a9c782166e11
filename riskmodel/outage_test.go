package riskmodel

import (
	"math"
	"strings"
	"testing"
)

// factorOf is the factor with code in a, and whether there is one.
func factorOf(a Assessment, code string) (Factor, bool) {
	for _, x := range a.Factors {
		if x.Code == code {
			return x, true
		}
	}
	return Factor{}, false
}

// TestOutageFactor: the customers an isolation cuts off weigh
// per_decade × log10(1 + n), plus each critical one up to max_critical;
// off with both weights 0; set from a model file.
func TestOutageFactor(t *testing.T) {
	fromFile := func(js string) Config {
		c, err := LoadConfig(strings.NewReader(js))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	off := DefaultConfig()
	off.Consequence.Outage.PerDecade, off.Consequence.Outage.Critical = 0, 0
	tests := []struct {
		name           string
		c              Config
		customers, crt int
		want           float64 // 0: no factor
		detail         string
	}{
		{"no customer cut off", DefaultConfig(), 0, 0, 0, ""},
		{"a service of 9 customers", DefaultConfig(), 9, 0, 1, "cuts off 9 customer(s), 0 critical"},
		{"a main of 999 with 2 critical", DefaultConfig(), 999, 2, 3 + 2, "cuts off 999 customer(s), 2 critical"},
		{"critical ones capped at max_critical", DefaultConfig(), 99, 40, 2 + 5, "99 customer(s), 40 critical"},
		{"more critical than customers is read as all", DefaultConfig(), 9, 12, 1 + 5, "9 customer(s), 9 critical"},
		{"negative counts are none", DefaultConfig(), -3, -1, 0, ""},
		{"off", off, 999, 2, 0, ""},
		{"per_decade from a model file", fromFile(`{"consequence": {"outage": {"per_decade": 2, "critical": 0}}}`), 99, 3, 4, "99 customer(s)"},
		{"only critical ones", fromFile(`{"consequence": {"outage": {"per_decade": 0, "max_critical": 1}}}`), 99, 3, 1, "3 critical"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := plain()
			f.OutageCustomers, f.OutageCritical = tt.customers, tt.crt
			a := Assess(tt.c, f)
			x, ok := factorOf(a, "outage")
			if ok != (tt.want > 0) || math.Abs(x.Value-tt.want) > 1e-9 {
				t.Fatalf("factor %v (%+v), want value %v", ok, x, tt.want)
			}
			if !ok {
				base := Assess(tt.c, plain())
				if a.Score != base.Score {
					t.Errorf("score %v without the factor, %v without the counts", a.Score, base.Score)
				}
				return
			}
			if !strings.Contains(x.Detail, tt.detail) || !hasCJK(x.DetailZH) || x.Side != SideConsequence {
				t.Errorf("factor %+v: detail should say %q", x, tt.detail)
			}
		})
	}
}

// TestOutageRanks: a main that feeds a hospital grades above an
// otherwise identical dead-end service.
func TestOutageRanks(t *testing.T) {
	c := DefaultConfig()
	main, service := plain(), plain()
	main.OutageCustomers, main.OutageCritical = 1200, 1
	service.OutageCustomers = 3
	m, s := Assess(c, main), Assess(c, service)
	if !(m.Score > s.Score) || !(s.Score > Assess(c, plain()).Score) {
		t.Errorf("scores: main %v, service %v, no customers %v", m.Score, s.Score, Assess(c, plain()).Score)
	}
}

// TestOutageValidation names the parameter that is wrong.
func TestOutageValidation(t *testing.T) {
	for _, tt := range []struct {
		name string
		set  func(*Outage)
		want string
	}{
		{"negative per_decade", func(o *Outage) { o.PerDecade = -1 }, "consequence.outage.per_decade"},
		{"NaN critical", func(o *Outage) { o.Critical = math.NaN() }, "consequence.outage.critical"},
		{"negative max_critical", func(o *Outage) { o.MaxCritical = -2 }, "consequence.outage.max_critical"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.set(&c.Consequence.Outage)
			if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want an error naming %s", err, tt.want)
			}
		})
	}
}

// TestSewerReachFactor: buildings and dense places along the connected
// sewers weigh sewer_reach_receptor and sewer_reach_place each, credited
// with detector_credit when a detector watches the sewers reached; the
// detail says what was reached.
func TestSewerReachFactor(t *testing.T) {
	tests := []struct {
		name                   string
		buildings, places, det int
		want                   float64
		detail                 string
	}{
		{"nothing reached", 0, 0, 0, 0, ""},
		{"a school building", 1, 0, 0, 0.5, "1 building(s) and 0 dense place(s) within 50 m"},
		{"a dense place", 0, 1, 0, 1.5, "0 building(s) and 1 dense place(s)"},
		{"both, watched by a detector", 2, 1, 1, (1 + 1.5) * 0.5, "1 gas detector(s) watch the sewers reached"},
		{"a detector alone weighs nothing", 0, 0, 2, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := plain()
			f.SewerReachReceptors, f.SewerReachPlaces, f.SewerReachDetectors = tt.buildings, tt.places, tt.det
			x, ok := factorOf(Assess(DefaultConfig(), f), "sewer_reach")
			if ok != (tt.want > 0) || math.Abs(x.Value-tt.want) > 1e-9 {
				t.Fatalf("factor %v (%+v), want value %v", ok, x, tt.want)
			}
			if ok && (!strings.Contains(x.Detail, tt.detail) || !hasCJK(x.DetailZH)) {
				t.Errorf("detail %q / %q, want it to say %q", x.Detail, x.DetailZH, tt.detail)
			}
		})
	}
}
