package riskmodel

import "math"

// Assessment is the graded result for one segment with its reasons.
type Assessment struct {
	SegmentID int64  `json:"segment_id"`
	PipeID    string `json:"pipe_id"`
	// Grade is the final grade: ScoreGrade raised by the policy floors.
	Grade Grade `json:"grade"`
	// ScoreGrade is the grade the score alone gives.
	ScoreGrade Grade `json:"score_grade"`
	// Floor is the code of the policy rule that raised the grade above
	// ScoreGrade (e.g. "floor_occupied_aged"), "" if none did.
	Floor string `json:"floor"`
	// Rule says which rule set Grade — the score band or Floor — with its
	// basis, in English and Chinese.
	Rule GradeRule `json:"grade_rule"`
	// Score = ScoreScale × LoF × CoF; independent of segment length.
	Score float64 `json:"score"`
	// LoF is the likelihood of failure per km·yr.
	LoF float64 `json:"lof"`
	// CoF is the consequence in receptor equivalents.
	CoF float64 `json:"cof"`
	// Aged is the ageing rule's verdict: RenewalCategory is one of the
	// categories 1–4.
	Aged bool `json:"aged"`
	// RenewalCategory is the segment's renewal category of 国办发〔2022〕
	// 22号 (RenewalCategories; "" none).
	RenewalCategory string `json:"renewal_category"`
	// PressureClass is the class used (given, derived from the pressure, or
	// the configured default).
	PressureClass string  `json:"pressure_class"`
	ImpactRadiusM float64 `json:"impact_radius_m"`
	// Factors lists the reasons: likelihood, then consequence, then policy.
	Factors []Factor `json:"factors"`
}

// Assess scores and grades one segment. It never fails: unknown or invalid
// facts fall back to the documented assumptions (unknown material row,
// default pressure class and diameter), which the factor details name. c
// should have passed Validate.
func Assess(c Config, f Facts) Assessment { return c.assess(f, texts{}) }

// assess is Assess, taking detail texts from t where it has them.
func (c Config) assess(f Facts, t texts) Assessment {
	s := c.resolve(f, t)
	// One slice holds the factors: likelihood, consequence, policy.
	lof, factors := c.likelihood(make([]Factor, 0, 8), f, s)
	nl := len(factors)
	cof, factors := c.consequence(factors, f, s)
	score := c.ScoreScale * lof * cof
	attribute(c.ScoreScale, factors[:nl], factors[nl:], cof)
	pf := c.Floors.floors(f, s)
	sg := c.Thresholds.Grade(score)
	g, rule := applyFloors(sg, pf)
	factors = append(factors, pf...)
	return Assessment{
		SegmentID: f.SegmentID, PipeID: f.PipeID, Grade: g, ScoreGrade: sg, Floor: rule, Rule: c.rule(t, rule, sg),
		Score: score, LoF: lof, CoF: cof, Aged: s.aged, RenewalCategory: s.renewal, PressureClass: s.class,
		ImpactRadiusM: s.radius, Factors: factors,
	}
}

// attribute fills in the contributions: log10 shares that add up to
// log10(score).
func attribute(scale float64, lf, cf []Factor, cof float64) {
	lf[0].Contribution = math.Log10(scale * lf[0].Value)
	for i := range lf[1:] {
		lf[i+1].Contribution = math.Log10(lf[i+1].Value)
	}
	for i := range cf {
		cf[i].Contribution = math.Log10(cof) * cf[i].Value / cof
	}
}
