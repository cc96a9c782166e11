package riskmodel

// Sides of a factor.
const (
	SideLikelihood  = "likelihood"
	SideConsequence = "consequence"
	SidePolicy      = "policy"
)

// Factor is one reason in an Assessment.
//
// Contributions are in log10 units of the score and add up to log10(Score):
// the base-rate factor contributes log10(ScoreScale × base rate), each
// likelihood modifier log10(its multiplier), and the consequence
// components share log10(CoF) in proportion to their amounts. Policy floors
// contribute 0: they raise the grade, not the score.
type Factor struct {
	// Code is a stable snake_case identifier (e.g. "occupied").
	Code string `json:"code"`
	// Side is "likelihood", "consequence" or "policy".
	Side string `json:"side"`
	// Value is the multiplier (likelihood modifiers), the rate per km·yr
	// (base_rate), the amount in receptor equivalents (consequence
	// components) or the rank of the floor grade (policy).
	Value float64 `json:"value"`
	// Unit and UnitZH are Value's unit in English and Chinese: "per km·yr"
	// (次/(km·年)) for base_rate, "×" for the other likelihood factors,
	// "receptors" (受体当量) for consequence components, "" for policy
	// floors (a grade rank).
	Unit   string `json:"unit"`
	UnitZH string `json:"unit_zh"`
	// Contribution is the factor's share of log10(Score).
	Contribution float64 `json:"contribution"`
	Label        string  `json:"label"`
	LabelZH      string  `json:"label_zh"`
	// Detail and DetailZH say, for a person, what was found, in English
	// and in Chinese.
	Detail   string `json:"detail"`
	DetailZH string `json:"detail_zh"`
	// Threat is, for base_rate and threat_mix, the threat with the largest
	// share of the likelihood, and for an evidence factor (leaks,
	// cp_failed, patrol) the threat it raises most; "" otherwise.
	Threat string `json:"threat,omitempty"`
}

// Units of factor values (Factor.Unit, Factor.UnitZH).
const (
	UnitRate        = "per km·yr"
	UnitRateZH      = "次/(km·年)"
	UnitMultiplier  = "×"
	UnitReceptors   = "receptors"
	UnitReceptorsZH = "受体当量"
)

// phrase is a text in English and Chinese.
type phrase struct{ en, zh string }

// newFactor builds a factor with its labels and unit; Contribution is
// filled in by Assess.
func newFactor(code, side string, value float64, detail phrase) Factor {
	en, zh := factorLabels(code)
	u, uzh := factorUnit(code, side)
	return Factor{Code: code, Side: side, Value: value, Unit: u, UnitZH: uzh, Label: en, LabelZH: zh,
		Detail: detail.en, DetailZH: detail.zh}
}

// factorUnit is the unit of a factor's value, from its side.
func factorUnit(code, side string) (string, string) {
	switch {
	case code == "base_rate":
		return UnitRate, UnitRateZH
	case side == SideLikelihood:
		return UnitMultiplier, UnitMultiplier
	case side == SideConsequence:
		return UnitReceptors, UnitReceptorsZH
	}
	return "", ""
}

// factorLabels returns the English and Chinese labels of a factor code.
func factorLabels(code string) (string, string) {
	switch code {
	case "base_rate":
		return "Base failure rate", "基础失效率"
	case "occupied":
		return "Occupied by a building", "建构筑物占压"
	case "clearance":
		return "Insufficient clearance", "安全间距不足"
	case "vertical_gap":
		return "Insufficient vertical gap at crossing", "交叉垂直净距不足"
	case "aged":
		return "Aged pipe", "管道老化"
	case "third_party":
		return "Third-party works nearby", "第三方施工"
	case "shallow_cover":
		return "Shallow cover", "埋深不足"
	case "leak_history":
		return "Leak history", "泄漏历史"
	case "temporary_measure":
		return "Temporary control measures", "临时管控措施"
	case "recent_alarms":
		return "Recent detector alarms", "监测设备近期报警"
	case "leaks":
		return "Leaks found", "泄漏记录"
	case "cp_failed":
		return "Failed cathodic-protection readings", "阴极保护检测不合格"
	case "patrol":
		return "Patrol observations", "巡线发现"
	case "threat_mix":
		return "Threat shares (ASME B31.8S)", "各类威胁占比"
	}
	return consequenceLabels(code)
}

func consequenceLabels(code string) (string, string) {
	switch code {
	case "impact_radius":
		return "Impact area", "影响半径范围"
	case "receptors":
		return "Buildings within impact radius", "影响范围内建筑"
	case "dense_places":
		return "Dense-occupancy places", "人员密集场所"
	case "sewer_crossing":
		return "Sewer crossing", "与排水管网交叉"
	case "near_parallel_sewer":
		return "Sewer alongside within the clearance", "与平行排水管间距不足"
	case "sewer_reach":
		return "Buildings and places along connected sewers", "连通排水管沿线建筑与人员密集场所"
	case "outage":
		return "Customers cut off by an isolation", "关阀停气影响用户"
	case "floor_occupied":
		return "Policy: occupied ⇒ at least orange", "占压管道至少较大风险"
	case "floor_occupied_aged":
		return "Policy: occupied and aged ⇒ red", "占压且老化为重大风险"
	case "floor_major_hazard":
		return "Policy: occupied at medium pressure or higher: major hazard ⇒ red", "中压及以上管道被占压，判定为重大隐患"
	case "floor_through_sewer":
		return "Policy: through a sewer or culvert ⇒ at least orange", "穿越排水管道（涵洞）至少较大风险"
	case "floor_through_sewer_exposed":
		return "Policy: through a sewer without casing or detector, people in reach ⇒ red", "穿越排水管道无套管或无监测且沿线有人员为重大风险"
	case "floor_occupied_dense_place":
		return "Policy: occupied with a dense-occupancy place ⇒ red", "占压且涉及人员密集场所为重大风险"
	case "floor_grey_cast_iron":
		return "Policy: grey cast iron ⇒ at least yellow", "灰口铸铁管道至少一般风险"
	}
	return code, code
}
