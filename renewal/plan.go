package renewal

import (
	"fmt"
	"regexp"
	"sort"

	"gasrisk"
	"gasrisk/riskmodel"
)

// Options are a plan's inputs.
type Options struct {
	// FirstYear and LastYear bound the programme (inclusive).
	FirstYear int `json:"first_year"`
	LastYear  int `json:"last_year"`
	// BudgetYuan is each year's budget.
	BudgetYuan float64 `json:"budget_yuan"`
	// Lang is the language of the reasons: "zh" or "en" (default).
	Lang string `json:"lang"`
}

// Year is one year's budget and what the plan spends of it.
type Year struct {
	Year       int     `json:"year"`
	BudgetYuan float64 `json:"budget_yuan"`
	CostYuan   float64 `json:"cost_yuan"`
}

// Plan is a multi-year renewal programme. Unscheduled are the jobs that
// fit no year of it (the plan's JSON leaves them out; a stored plan and
// the CLI report them).
type Plan struct {
	Jobs        []Job  `json:"jobs"`
	Years       []Year `json:"years"`
	Unscheduled []Job  `json:"-"`
}

// Validate reports the first bad input, naming its field.
func (o Options) Validate() error {
	switch {
	case o.FirstYear < 1900 || o.FirstYear > 2200:
		return gasrisk.Errorf(gasrisk.EINVALID, "years: first year %d out of range 1900–2200", o.FirstYear)
	case o.LastYear < o.FirstYear:
		return gasrisk.Errorf(gasrisk.EINVALID, "years: last year %d before the first %d", o.LastYear, o.FirstYear)
	case o.LastYear-o.FirstYear >= 50:
		return gasrisk.Errorf(gasrisk.EINVALID, "years: at most 50 years, got %d–%d", o.FirstYear, o.LastYear)
	case !(o.BudgetYuan > 0) || o.BudgetYuan > 1e13:
		return gasrisk.Errorf(gasrisk.EINVALID, "budget: %v yuan must be a positive number up to 1e13", o.BudgetYuan)
	case o.Lang != "" && o.Lang != "zh" && o.Lang != "en":
		return gasrisk.Errorf(gasrisk.EINVALID, "lang: %q must be zh or en", o.Lang)
	}
	return nil
}

// Build plans the candidates over the years: jobs of contiguous candidates
// (Jobs, split to fit a year's budget), the mandatory ones first
// (riskmodel.RenewalPlan.Mandatory), then the rest, each group ranked by
// risk reduced per yuan, each job put in the first year from the group's
// first with budget left for it. No year spends more than its budget.
func Build(cands []Candidate, m riskmodel.Config, o Options) (Plan, error) {
	if err := o.Validate(); err != nil {
		return Plan{}, err
	}
	jobs := Jobs(cands, m, o.FirstYear, o.BudgetYuan)
	rankJobs(jobs)
	p := Plan{}
	for y := o.FirstYear; y <= o.LastYear; y++ {
		p.Years = append(p.Years, Year{Year: y, BudgetYuan: o.BudgetYuan})
	}
	from, lastMandatory := 0, -1
	for rank, j := range jobs {
		if !j.Mandatory && lastMandatory >= 0 {
			from = lastMandatory
		}
		idx := -1
		for i := from; i < len(p.Years); i++ {
			if p.Years[i].CostYuan+j.CostYuan <= p.Years[i].BudgetYuan {
				idx = i
				break
			}
		}
		if idx < 0 {
			j.Reason = unscheduledReason(o.Lang, j, o.BudgetYuan)
			p.Unscheduled = append(p.Unscheduled, j)
			continue
		}
		p.Years[idx].CostYuan += j.CostYuan
		j.Year = p.Years[idx].Year
		j.Reason = reason(o.Lang, j, rank+1, len(jobs), p.Years[from].Year, lastMandatory >= 0 && !j.Mandatory)
		if j.Mandatory {
			lastMandatory = max(lastMandatory, idx)
		}
		p.Jobs = append(p.Jobs, j)
	}
	sort.SliceStable(p.Jobs, func(a, b int) bool { return p.Jobs[a].Year < p.Jobs[b].Year })
	return p, nil
}

// rankJobs orders jobs: mandatory first, then by risk reduced per yuan,
// ties by first pipe id.
func rankJobs(jobs []Job) {
	sort.SliceStable(jobs, func(a, b int) bool {
		x, y := jobs[a], jobs[b]
		if x.Mandatory != y.Mandatory {
			return x.Mandatory
		}
		rx, ry := x.RiskReduction/x.CostYuan, y.RiskReduction/y.CostYuan
		if rx != ry {
			return rx > ry
		}
		return x.PipeIDs[0] < y.PipeIDs[0]
	})
}

// reason says why job j is in its year: mandatory or its rank, and
// whether earlier years were full.
func reason(lang string, j Job, rank, of, from int, afterMandatory bool) string {
	en, zh := riskmodel.RenewalCategoryLabels(j.Category)
	perM := j.RiskReduction / j.CostYuan * 1e6
	var s string
	if j.Mandatory {
		s = pick(lang, fmt.Sprintf("mandatory under 国办发〔2022〕22号 (%s): scheduled before all other works; rank %d of %d", en, rank, of),
			fmt.Sprintf("国办发〔2022〕22号要求更新（%s），优先安排；排序第%d/%d", zh, rank, of))
	} else {
		s = pick(lang, fmt.Sprintf("%s: rank %d of %d by risk reduced per yuan (%.3g per million yuan)", en, rank, of, perM),
			fmt.Sprintf("%s：按单位投资风险降低排序第%d/%d（每百万元降低%.3g）", zh, rank, of, perM))
		if afterMandatory {
			s += pick(lang, "; after the mandatory works", "；排在强制更新项目之后")
		}
	}
	if j.Part[1] > 1 {
		s += pick(lang, fmt.Sprintf("; part %d of %d of a contiguous work too dear for one year", j.Part[0], j.Part[1]),
			fmt.Sprintf("；连续工程第%d/%d段（单年预算不足以一次完成）", j.Part[0], j.Part[1]))
	}
	if j.Year > from {
		s += pick(lang, fmt.Sprintf("; %d–%d had too little budget left", from, j.Year-1),
			fmt.Sprintf("；%d–%d年预算余额不足", from, j.Year-1))
	} else {
		s += pick(lang, fmt.Sprintf("; fits the %d budget", j.Year), fmt.Sprintf("；%d年预算可安排", j.Year))
	}
	return s
}

func unscheduledReason(lang string, j Job, budget float64) string {
	if j.CostYuan > budget {
		return pick(lang, fmt.Sprintf("not scheduled: costs %.0f yuan, more than a year's budget of %.0f", j.CostYuan, budget),
			fmt.Sprintf("未安排：造价%.0f元超过年度预算%.0f元", j.CostYuan, budget))
	}
	return pick(lang, "not scheduled: no year of the plan has budget left for it", "未安排：计划年度预算均已用完")
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// ValidName reports whether name can name a plan or a scenario, naming
// the field if not.
func ValidName(name string) error {
	if !nameRE.MatchString(name) {
		return gasrisk.Errorf(gasrisk.EINVALID, "name: %q must be 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit", name)
	}
	return nil
}
