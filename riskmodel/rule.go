package riskmodel

import "strconv"

// What set a grade (GradeRule.By).
const (
	RuleScore = "score" // the score's band (thresholds.*)
	RuleFloor = "floor" // a policy floor raised the grade above the score's
)

// GradeRule says which rule set a segment's grade, for people who have to
// follow it: the band of the score, or the policy floor that raised the
// grade above it, with the clause or basis the rule rests on
// (docs/risk-model.md §5).
//
// The rule is not stored with a segment: it follows from the grade, the
// score, the run's thresholds and the policy factors (RuleOf), so readers
// work it out when they need it.
type GradeRule struct {
	// By is RuleScore or RuleFloor.
	By string `json:"by"`
	// Code is "score_<grade>" (ScoreRuleCode) for a score band, or the
	// floor's factor code (e.g. "floor_occupied_aged").
	Code string `json:"code"`
	// ScoreGrade is the grade the score alone gives; Band and BandZH its
	// score band, e.g. "10 ≤ score < 150". Empty when not known (a rule
	// looked up by its floor code alone).
	ScoreGrade Grade  `json:"score_grade"`
	Band       string `json:"band"`
	BandZH     string `json:"band_zh"`
	// Basis and BasisZH cite what the rule rests on: a standard's clause,
	// or "project policy" for a floor no standard sets.
	Basis   string `json:"basis"`
	BasisZH string `json:"basis_zh"`
	// Text and TextZH say in one line which rule set the grade.
	Text   string `json:"text"`
	TextZH string `json:"text_zh"`
}

// ScoreRuleCode is the rule code of a grade's score band: "score_yellow" ….
func ScoreRuleCode(g Grade) string { return "score_" + string(g) }

// RuleOf works out which rule set grade for a segment of the given score
// and factors (as Assess made them, e.g. read back from storage): the
// score band when the score alone gives grade, else the first policy
// factor of that grade — the floor Assess names in Assessment.Floor. c
// must be the config the segment was graded with (its thresholds).
func (c Config) RuleOf(grade Grade, score float64, factors []Factor) GradeRule {
	sg := c.Thresholds.Grade(score)
	if grade == sg {
		return c.GradeRule(ScoreRuleCode(sg), sg)
	}
	for _, f := range factors {
		if f.Side == SidePolicy && f.Value == float64(grade.Rank()) {
			return c.GradeRule(f.Code, sg)
		}
	}
	return c.GradeRule(RuleFloor, sg)
}

// GradeRule describes the rule of code — a score band (ScoreRuleCode) or
// a floor's factor code — for a segment whose score alone gives sg (""
// when not known; a score band knows its own).
func (c Config) GradeRule(code string, sg Grade) GradeRule {
	for _, g := range Grades() {
		if code == ScoreRuleCode(g) {
			band, bandZH := c.Thresholds.band(g)
			return GradeRule{By: RuleScore, Code: code, ScoreGrade: g, Band: band, BandZH: bandZH,
				Basis: "project calibration of the score thresholds (thresholds.*)", BasisZH: "项目标定的风险值分级阈值（thresholds.*）",
				Text:   "Graded by the score: " + string(g) + " band, " + band,
				TextZH: "按风险值定级：" + gradeZH(g) + "区间，" + bandZH}
		}
	}
	r := GradeRule{By: RuleFloor, Code: code, ScoreGrade: sg}
	if sg.Valid() {
		r.Band, r.BandZH = c.Thresholds.band(sg)
	}
	basis, _ := c.Floors.basis(code)
	r.Basis, r.BasisZH = basis.en, basis.zh
	label, labelZH := "Policy floor", "规则下限"
	if code != RuleFloor {
		label, labelZH = factorLabels(code)
	}
	r.Text = label + "; basis: " + basis.en
	r.TextZH = labelZH + "；依据：" + basis.zh
	return r
}

// rule is the grade rule of an assessment, remembered in t.
func (c Config) rule(t texts, floor string, sg Grade) GradeRule {
	return remember(t.rules, ruleKey{floor, sg}, func() GradeRule {
		if floor == "" {
			return c.GradeRule(ScoreRuleCode(sg), sg)
		}
		return c.GradeRule(floor, sg)
	})
}

// band is a grade's score band in English and Chinese.
func (t Thresholds) band(g Grade) (string, string) {
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	lo, hi := "", ""
	switch g {
	case GradeYellow:
		lo, hi = num(t.Yellow), num(t.Orange)
	case GradeOrange:
		lo, hi = num(t.Orange), num(t.Red)
	case GradeRed:
		lo = num(t.Red)
	case GradeBlue:
		hi = num(t.Yellow)
	}
	switch {
	case hi == "":
		return "score ≥ " + lo, "风险值 ≥ " + lo
	case lo == "":
		return "score < " + hi, "风险值 < " + hi
	}
	return lo + " ≤ score < " + hi, lo + " ≤ 风险值 < " + hi
}

// basis is what a floor rule rests on, and whether the rule is known: the
// clause of a standard, or the project's policy (docs/risk-model.md §5).
func (p Floors) basis(code string) (phrase, bool) {
	switch code {
	case "floor_major_hazard":
		return phrase{"MOHURD major hazard criteria (Jianchenggui [2023] No. 4)", "《城镇燃气经营安全重大隐患判定标准》（" + MajorHazardClause + "）"}, true
	case "floor_through_sewer":
		return phrase{"GB 50028-2006 §6.3.8 (a pipe through a sewer lies in a sealed casing)", "GB 50028-2006 第6.3.8条"}, true
	case "floor_grey_cast_iron":
		return phrase{"State Council plan Guobanfa [2022] No. 22 (all grey cast iron renewed)", "国办发〔2022〕22号"}, true
	case "floor_occupied", "floor_occupied_aged", "floor_occupied_dense_place", "floor_through_sewer_exposed":
		return phrase{"project policy", "项目规定"}, true
	}
	return phrase{"not recorded", "未注明"}, false
}
