package renewal

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"gasrisk/riskmodel"
)

// cand is a 100 m DN110 LP pipe under green land (600 yuan/m: 60,000
// yuan) of the category, in the cluster, with the risk.
func cand(id, category string, cluster int64, risk float64) Candidate {
	return Candidate{PipeID: id, Category: category, LengthM: 100, DiameterMM: 110, Material: riskmodel.MaterialSteel,
		InstallYear: 1990, PressureClass: riskmodel.ClassLP, District: "D1", Surface: riskmodel.SurfaceGreen,
		Risk: risk, Cluster: cluster}
}

func model() riskmodel.Config {
	m := riskmodel.DefaultConfig()
	m.Renewal.FixedPerJobYuan = 10000
	return m
}

// TestJobs: adjacent candidates (one cluster) form one job, costed per
// metre plus the job's fixed cost; a cluster dearer than a year is split
// into parts that fit.
func TestJobs(t *testing.T) {
	m := model()
	cands := []Candidate{cand("a1", riskmodel.RenewalAgedCondition, 1, 10), cand("a2", riskmodel.RenewalAgedCondition, 1, 10),
		cand("b1", riskmodel.RenewalUncontrollable, 2, 5)}
	tests := []struct {
		name  string
		max   float64
		want  [][]string
		costs []float64
	}{
		{"no budget cap", 0, [][]string{{"a1", "a2"}, {"b1"}}, []float64{130000, 70000}},
		{"cluster fits", 130000, [][]string{{"a1", "a2"}, {"b1"}}, []float64{130000, 70000}},
		{"cluster split", 100000, [][]string{{"a1"}, {"a2"}, {"b1"}}, []float64{70000, 70000, 70000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jobs := Jobs(cands, m, 2027, tt.max)
			var got [][]string
			var costs []float64
			for _, j := range jobs {
				got = append(got, j.PipeIDs)
				costs = append(costs, j.CostYuan)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || fmt.Sprint(costs) != fmt.Sprint(tt.costs) {
				t.Errorf("jobs %v costs %v, want %v %v", got, costs, tt.want, tt.costs)
			}
			for _, j := range jobs {
				if j.LengthM != 100*float64(len(j.PipeIDs)) || !(j.RiskReduction > 0) {
					t.Errorf("job %v: length %v, risk reduction %v", j.PipeIDs, j.LengthM, j.RiskReduction)
				}
			}
		})
	}
	t.Run("a job's category: its mandatory pipes' first", func(t *testing.T) {
		cs := []Candidate{cand("x", riskmodel.RenewalAgedCondition, 7, 1), cand("y", riskmodel.RenewalGreyCastIron, 7, 1)}
		j := Jobs(cs, m, 2027, 0)[0]
		if j.Category != riskmodel.RenewalGreyCastIron || !j.Mandatory {
			t.Errorf("category %s, mandatory %v", j.Category, j.Mandatory)
		}
	})
}

// TestBuild: mandatory categories first, then risk per yuan; no year over
// its budget; every job says why it is in its year.
func TestBuild(t *testing.T) {
	m := model()
	var cands []Candidate
	// 6 mandatory grey cast iron jobs of low risk, 10 aged-condition jobs
	// of high risk, each 70,000 yuan; 200,000 a year fits 2 jobs.
	for i := 0; i < 6; i++ {
		c := cand(fmt.Sprintf("ci%d", i), riskmodel.RenewalGreyCastIron, int64(i), 1)
		c.Material = riskmodel.MaterialCastIron
		cands = append(cands, c)
	}
	for i := 0; i < 10; i++ {
		cands = append(cands, cand(fmt.Sprintf("st%02d", i), riskmodel.RenewalAgedCondition, int64(100+i), float64(100+i)))
	}
	occ := cand("occ-mp", riskmodel.RenewalOccupied, 200, 2)
	occ.PressureClass = riskmodel.ClassMPA
	cands = append(cands, occ)
	tests := []struct {
		name        string
		o           Options
		jobs, unsch int
	}{
		{"tight budget", Options{FirstYear: 2027, LastYear: 2030, BudgetYuan: 200000}, 8, 9},
		{"ample budget", Options{FirstYear: 2027, LastYear: 2028, BudgetYuan: 1e7, Lang: "zh"}, 17, 0},
		{"one job a year", Options{FirstYear: 2027, LastYear: 2027, BudgetYuan: 70000}, 1, 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(cands, m, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Jobs) != tt.jobs || len(p.Unscheduled) != tt.unsch {
				t.Fatalf("%d jobs, %d unscheduled; want %d, %d", len(p.Jobs), len(p.Unscheduled), tt.jobs, tt.unsch)
			}
			spent := map[int]float64{}
			lastMandatory, firstOther := 0, 1<<30
			for _, j := range p.Jobs {
				spent[j.Year] += j.CostYuan
				if j.Mandatory {
					lastMandatory = max(lastMandatory, j.Year)
				} else {
					firstOther = min(firstOther, j.Year)
				}
				if j.Reason == "" || j.Year < tt.o.FirstYear || j.Year > tt.o.LastYear {
					t.Errorf("job %v: year %d, reason %q", j.PipeIDs, j.Year, j.Reason)
				}
			}
			if firstOther < lastMandatory {
				t.Errorf("a job outside the mandatory categories in %d, before a mandatory one in %d", firstOther, lastMandatory)
			}
			for _, y := range p.Years {
				if y.CostYuan > y.BudgetYuan || y.CostYuan != spent[y.Year] {
					t.Errorf("year %d: cost %v of budget %v (jobs %v)", y.Year, y.CostYuan, y.BudgetYuan, spent[y.Year])
				}
			}
			for _, j := range p.Unscheduled {
				if j.Mandatory && slices.ContainsFunc(p.Jobs, func(x Job) bool { return !x.Mandatory }) {
					t.Errorf("mandatory job %v unscheduled while others are", j.PipeIDs)
				}
			}
		})
	}
	t.Run("mandatory first, then risk per yuan", func(t *testing.T) {
		p, _ := Build(cands, m, Options{FirstYear: 2027, LastYear: 2030, BudgetYuan: 200000})
		var order []string
		for _, j := range p.Jobs {
			order = append(order, j.PipeIDs[0])
		}
		want := "[occ-mp ci0 ci1 ci2 ci3 ci4 ci5 st09]" // occ-mp reduces more per yuan than ci*
		if fmt.Sprint(order) != want {
			t.Errorf("order %v, want %s", order, want)
		}
		if !strings.Contains(p.Jobs[0].Reason, "国办发〔2022〕22号") || !strings.Contains(p.Jobs[7].Reason, "rank 8 of 17") {
			t.Errorf("reasons %q / %q", p.Jobs[0].Reason, p.Jobs[7].Reason)
		}
		if p.Jobs[2].Year != 2028 || !strings.Contains(p.Jobs[2].Reason, "2027–2027 had too little budget left") {
			t.Errorf("third job: %d %q", p.Jobs[2].Year, p.Jobs[2].Reason)
		}
	})
}

// TestOptionsValidate: bad plan inputs name their field.
func TestOptionsValidate(t *testing.T) {
	for _, tt := range []struct {
		o     Options
		field string
	}{
		{Options{FirstYear: 2030, LastYear: 2027, BudgetYuan: 1}, "years"},
		{Options{FirstYear: 20, LastYear: 2027, BudgetYuan: 1}, "years"},
		{Options{FirstYear: 2027, LastYear: 2030}, "budget"},
		{Options{FirstYear: 2027, LastYear: 2030, BudgetYuan: 1, Lang: "fr"}, "lang"},
	} {
		err := tt.o.Validate()
		if err == nil || !strings.HasPrefix(err.Error(), tt.field) {
			t.Errorf("%+v: err %v, want one naming %s", tt.o, err, tt.field)
		}
	}
}
