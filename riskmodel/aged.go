package riskmodel

import (
	"fmt"
	"strings"
)

// Renewal categories of the State Council's plan for renewing ageing urban
// gas pipes, 国办发〔2022〕22号《城市燃气管道等老化更新改造实施方案
// （2022—2025年）》, 二（一）1（1）市政管道与庭院管道 (docs/risk-model.md §6):
//
//  1. 全部灰口铸铁管道 — all grey cast iron;
//  2. 不满足安全运行要求的球墨铸铁管道 — ductile iron not meeting the
//     requirements of safe operation (assessed unsafe);
//  3. 运行年限满20年，经评估存在安全隐患的钢质管道、聚乙烯（PE）管道 — steel
//     and PE in service 20 years or more with a hazard found by assessment;
//  4. 运行年限不足20年，存在安全隐患，经评估无法通过落实管控措施保障安全的
//     钢质管道、聚乙烯（PE）管道 — steel and PE under 20 years whose hazards
//     cannot be controlled;
//  5. 存在被建构筑物占压等风险的管道 — pipes occupied by buildings or
//     structures, at any age.
//
// A segment carries the first that applies, in this order. Categories 1–4
// are ageing (老化, Assessment.Aged); the occupation of category 5 is
// graded by its own finding and floors, never again as ageing.
const (
	RenewalGreyCastIron   = "grey_cast_iron"
	RenewalDuctileUnsafe  = "ductile_unsafe"
	RenewalAgedCondition  = "aged_condition"
	RenewalUncontrollable = "uncontrollable"
	RenewalOccupied       = "occupied"
)

// RenewalCategories returns the renewal categories in order of precedence.
func RenewalCategories() []string {
	return []string{RenewalGreyCastIron, RenewalDuctileUnsafe, RenewalAgedCondition, RenewalUncontrollable, RenewalOccupied}
}

// AgedCategory reports whether a renewal category is ageing (categories
// 1–4; not the occupation and not "").
func AgedCategory(category string) bool {
	switch category {
	case RenewalGreyCastIron, RenewalDuctileUnsafe, RenewalAgedCondition, RenewalUncontrollable:
		return true
	}
	return false
}

// RenewalCategoryLabels returns the English and Chinese names of a renewal
// category ("" for none or an unknown one).
func RenewalCategoryLabels(category string) (string, string) {
	switch category {
	case RenewalGreyCastIron:
		return "grey cast iron", "灰口铸铁管道"
	case RenewalDuctileUnsafe:
		return "ductile iron not meeting safe-operation requirements", "不满足安全运行要求的球墨铸铁管道"
	case RenewalAgedCondition:
		return "steel/PE in service 20 years or more, assessed hazardous", "运行满20年经评估存在安全隐患的钢质/PE管道"
	case RenewalUncontrollable:
		return "steel/PE under 20 years, hazards cannot be controlled", "不足20年安全隐患无法管控的钢质/PE管道"
	case RenewalOccupied:
		return "occupied by buildings or structures", "被建构筑物占压的管道"
	}
	return "", ""
}

// Assessed conditions of a pipe (pipes.condition, Facts.Condition): what
// the operator's condition assessment found. "" is unknown (not assessed).
const (
	ConditionCorrosion        = "corrosion"
	ConditionLeakHistory      = "leak_history"
	ConditionFailedInspection = "failed_inspection"
	ConditionGood             = "good"
)

// Conditions returns the assessed conditions a pipe may carry.
func Conditions() []string {
	return []string{ConditionCorrosion, ConditionLeakHistory, ConditionFailedInspection, ConditionGood}
}

// HazardConditions returns the conditions that are hazards (all but good).
func HazardConditions() []string {
	return []string{ConditionCorrosion, ConditionLeakHistory, ConditionFailedInspection}
}

// AgedRule is the ageing definition (老化, docs/risk-model.md §6): the
// renewal categories 1–4 of 国办发〔2022〕22号. Age is as-of year minus
// install year. Ductile iron is in category 2 when Facts.DuctileUnsafe;
// category 5 (occupation) needs no configuration.
type AgedRule struct {
	// AnyAge materials are renewed whatever their age or condition
	// (category 1: grey cast iron).
	AnyAge []string `json:"any_age"`
	// HazardMaterials (steel, PE) are aged at HazardYears or more with an
	// assessed hazard (category 3): a Facts.Condition in HazardConditions,
	// recorded leaks (Facts.LeakHistory, when "leak_history" is one of
	// HazardConditions) or a hazard that cannot be controlled; and at any
	// other age when Facts.HazardUncontrollable (category 4).
	HazardYears      int      `json:"hazard_years"`
	HazardMaterials  []string `json:"hazard_materials"`
	HazardConditions []string `json:"hazard_conditions"`
}

func defaultAgedRule() AgedRule {
	return AgedRule{
		AnyAge:           []string{MaterialCastIron},
		HazardYears:      20,
		HazardMaterials:  []string{MaterialSteel, MaterialPE},
		HazardConditions: HazardConditions(),
	}
}

// RenewalCategory returns the renewal category of the segment f ("" for
// none), its age taken at f.AsOfYear or, when that is 0, the year of
// c.AsOf. An unknown install or as-of year (0), or an install year after
// the as-of year, makes the age unknown: grey cast iron, unsafe ductile
// iron, an uncontrollable hazard and occupation still apply, an assessed
// condition does not.
func (c Config) RenewalCategory(f Facts) string {
	asOf := f.AsOfYear
	if asOf <= 0 {
		asOf, _ = c.AsOfYear()
	}
	return c.renewal(f, materialKey(f.Material), asOf).category
}

// Aged reports whether the segment f is aged: renewal categories 1–4.
func (c Config) Aged(f Facts) bool { return AgedCategory(c.RenewalCategory(f)) }

// renewalVerdict is a segment's renewal category with what it rests on,
// for the ageing factor's detail.
type renewalVerdict struct {
	category string
	age      int    // -1 unknown
	reason   string // the assessed hazard of categories 3 and 4
}

// renewal applies the categories in order to material m (a table key) at
// as-of year asOf.
func (c Config) renewal(f Facts, m string, asOf int) renewalVerdict {
	r := c.AgedRule
	v := renewalVerdict{age: -1}
	if f.InstallYear > 0 && asOf > 0 && f.InstallYear <= asOf {
		v.age = asOf - f.InstallYear
	}
	switch {
	case contains(r.AnyAge, m):
		v.category = RenewalGreyCastIron
	case m == MaterialDuctileIron && f.DuctileUnsafe:
		v.category = RenewalDuctileUnsafe
	case contains(r.HazardMaterials, m):
		v.category, v.reason = r.hazardCategory(f, v.age)
	}
	if v.category == "" && f.Occupied {
		v.category = RenewalOccupied
	}
	return v
}

// hazardCategory is category 3 or 4 of a steel or PE pipe of the given age
// (-1 unknown), with the assessed hazard, or "".
func (r AgedRule) hazardCategory(f Facts, age int) (string, string) {
	var reasons []string
	if contains(r.HazardConditions, f.Condition) {
		reasons = append(reasons, "assessed "+f.Condition)
	}
	if f.LeakHistory > 0 && contains(r.HazardConditions, ConditionLeakHistory) {
		reasons = append(reasons, fmt.Sprintf("%d recorded leak(s)", f.LeakHistory))
	}
	if f.HazardUncontrollable {
		reasons = append(reasons, "hazard that cannot be controlled")
	}
	switch {
	case age >= r.HazardYears && len(reasons) > 0:
		return RenewalAgedCondition, strings.Join(reasons, ", ")
	case f.HazardUncontrollable:
		return RenewalUncontrollable, "hazard that cannot be controlled"
	}
	return "", ""
}
