package renewal

import (
	"slices"
	"sort"

	"gasrisk/riskmodel"
)

// Job is one contiguous work: adjacent candidate pipes of one district,
// dug and renewed together in one year.
type Job struct {
	Year          int      `json:"year"`
	PipeIDs       []string `json:"pipe_ids"`
	LengthM       float64  `json:"length_m"`
	CostYuan      float64  `json:"cost_yuan"`
	Category      string   `json:"category"`
	RiskReduction float64  `json:"risk_reduction"`
	Reason        string   `json:"reason"`
	// Households are the households (meters of residential customers)
	// the job's pipes feed: the data layer counts them for the jobs of a
	// plan's years (docs/risk-model.md §11); nil when not counted (jobs
	// that fit no year, plans made before they were counted).
	Households *int `json:"households,omitempty"`
	// District, Mandatory and Part (k of n when a cluster too dear for
	// one year's budget was split) are kept with a stored plan; the
	// plan's JSON leaves them out.
	District  string `json:"-"`
	Mandatory bool   `json:"-"`
	Part      [2]int `json:"-"`
}

// Jobs groups the candidates into jobs by cluster, in the order of their
// first pipe id, each costed with the model's renewal costs and its risk
// reduction taken at year renewed. A cluster dearer than maxYuan (> 0) is
// split along its Order into jobs that fit, each with its fixed cost.
func Jobs(cands []Candidate, m riskmodel.Config, renewed int, maxYuan float64) []Job {
	byCluster := map[int64][]Candidate{}
	var keys []int64
	for _, c := range cands {
		if _, ok := byCluster[c.Cluster]; !ok {
			keys = append(keys, c.Cluster)
		}
		byCluster[c.Cluster] = append(byCluster[c.Cluster], c)
	}
	var jobs []Job
	for _, k := range keys {
		cs := byCluster[k]
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].Order != cs[j].Order {
				return cs[i].Order < cs[j].Order
			}
			return cs[i].PipeID < cs[j].PipeID
		})
		parts := split(cs, m, maxYuan)
		for i, p := range parts {
			j := job(p, m, renewed)
			if len(parts) > 1 {
				j.Part = [2]int{i + 1, len(parts)}
			}
			jobs = append(jobs, j)
		}
	}
	sort.SliceStable(jobs, func(a, b int) bool { return jobs[a].PipeIDs[0] < jobs[b].PipeIDs[0] })
	return jobs
}

// PipeCost is the cost of renewing one candidate, without the job's
// fixed cost.
func PipeCost(c Candidate, p riskmodel.RenewalPlan) float64 {
	perM, _ := p.YuanPerM(c.DiameterMM, c.PressureClass, c.Surface)
	return perM * c.LengthM
}

// split cuts a cluster's candidates, in order, into runs each costing at
// most maxYuan with the fixed cost (maxYuan <= 0: one run). A candidate
// dearer alone stays a run of its own (it fits no year).
func split(cs []Candidate, m riskmodel.Config, maxYuan float64) [][]Candidate {
	p := m.Renewal
	var out [][]Candidate
	var cur []Candidate
	cost := p.FixedPerJobYuan
	for _, c := range cs {
		pc := PipeCost(c, p)
		if maxYuan > 0 && len(cur) > 0 && cost+pc > maxYuan {
			out = append(out, cur)
			cur, cost = nil, p.FixedPerJobYuan
		}
		cur = append(cur, c)
		cost += pc
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// job costs a run of candidates as one job.
func job(cs []Candidate, m riskmodel.Config, renewed int) Job {
	p := m.Renewal
	j := Job{CostYuan: p.FixedPerJobYuan, District: cs[0].District}
	for _, c := range cs {
		j.PipeIDs = append(j.PipeIDs, c.PipeID)
		j.LengthM += c.LengthM
		j.CostYuan += PipeCost(c, p)
		newMat := p.NewMaterialFor(c.PressureClass)
		j.RiskReduction += c.Risk * (1 - m.RenewedRiskFactor(c.Material, c.InstallYear, newMat, renewed))
		if p.IsMandatory(c.Category, c.PressureClass) {
			j.Mandatory = true
		}
	}
	j.Category = jobCategory(cs, p)
	slices.Sort(j.PipeIDs)
	return j
}

// jobCategory is the category a job is listed under: of its mandatory
// pipes' (else of all) the first in precedence.
func jobCategory(cs []Candidate, p riskmodel.RenewalPlan) string {
	best := ""
	rank := func(cat string) int { return slices.Index(riskmodel.RenewalCategories(), cat) }
	mandatoryOnly := slices.ContainsFunc(cs, func(c Candidate) bool { return p.IsMandatory(c.Category, c.PressureClass) })
	for _, c := range cs {
		if mandatoryOnly && !p.IsMandatory(c.Category, c.PressureClass) {
			continue
		}
		if best == "" || rank(c.Category) < rank(best) {
			best = c.Category
		}
	}
	return best
}
