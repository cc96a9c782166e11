package data

import "gasrisk/riskmodel"

// Hazard kinds: one per finding of DESIGN §3 that goes into the ledger.
const (
	HazardOccupied          = "occupied"
	HazardClearanceBuilding = "clearance_building"
	HazardClearanceSewer    = "clearance_sewer"
	HazardClearanceWater    = "clearance_water"
	HazardSewerCrossing     = "sewer_crossing"
	HazardVerticalGap       = "vertical_gap"
	HazardNoDetector        = "crossing_without_detector"
	HazardAged              = "aged"
	HazardStationBuilding   = "building_in_spacing"
	HazardStationDense      = "dense_place_in_spacing"
	HazardStationLife       = "past_design_life"
)

// Languages of the ledger's exports and printed map.
const (
	LangZH = "zh"
	LangEN = "en"
)

// zhEn is a term in Chinese and English.
type zhEn struct{ zh, en string }

func (l zhEn) in(lang string) string {
	if lang == LangEN {
		return l.en
	}
	return l.zh
}

// hazardKinds names every hazard kind, in ledger order.
func hazardKinds() []struct {
	kind string
	name zhEn
} {
	return []struct {
		kind string
		name zhEn
	}{
		{HazardOccupied, zhEn{"管道占压", "occupied by a building"}},
		{HazardClearanceBuilding, zhEn{"与建筑物间距不足", "insufficient clearance to a building"}},
		{HazardClearanceSewer, zhEn{"与排水管道间距不足", "insufficient clearance to a sewer"}},
		{HazardClearanceWater, zhEn{"与给水管道间距不足", "insufficient clearance to a water main"}},
		{HazardSewerCrossing, zhEn{"与排水管网交叉", "crossing a sewer"}},
		{HazardVerticalGap, zhEn{"交叉处垂直净距不足", "insufficient vertical gap at a crossing"}},
		{HazardNoDetector, zhEn{"交叉处未设泄漏监测", "crossing without a leak detector"}},
		{HazardAged, zhEn{"管道老化", "aged pipe"}},
		{HazardStationBuilding, zhEn{"场站安全间距内有建筑", "building within a station's safety spacing"}},
		{HazardStationDense, zhEn{"场站安全间距内有人员密集场所", "dense-occupancy place within a station's safety spacing"}},
		{HazardStationLife, zhEn{"场站设备超设计使用年限", "station equipment past its design life"}},
	}
}

// HazardKinds lists the hazard kinds in ledger order.
func HazardKinds() []string {
	var out []string
	for _, k := range hazardKinds() {
		out = append(out, k.kind)
	}
	return out
}

// KindName is the name of a hazard kind in lang (zh or en); unknown kinds
// are returned as they are.
func KindName(kind, lang string) string {
	for _, k := range hazardKinds() {
		if k.kind == kind {
			return k.name.in(lang)
		}
	}
	return kind
}

// StateName is the name of a state in lang.
func StateName(s HazardState, lang string) string {
	names := map[HazardState]zhEn{
		StateOpen:      {"待整改", "open"},
		StatePlanned:   {"整改中", "planned"},
		StateRectified: {"已整改待复核", "rectified"},
		StateRechecked: {"已复核", "re-checked"},
		StateClosed:    {"已销号", "closed"},
	}
	if l, ok := names[s]; ok {
		return l.in(lang)
	}
	return string(s)
}

// GradeName is a grade's level in lang: 重大 / red ….
func GradeName(g, lang string) string {
	if lang == LangEN {
		return g
	}
	if z := riskmodel.Grade(g).Chinese(); z != "" {
		return z
	}
	return g
}

// controlLevel is who controls a risk of a grade in the graded control
// list (风险分级管控): the company for major risks, a department for
// larger ones, a team for general ones, the post for low ones.
func controlLevel(grade, lang string) string {
	levels := map[string]zhEn{
		"red":    {"公司级", "company"},
		"orange": {"部门级", "department"},
		"yellow": {"班组级", "team"},
		"blue":   {"岗位级", "post"},
	}
	return levels[grade].in(lang)
}

// gradeMeasures is the control measure every risk of a grade gets.
func gradeMeasures(grade, lang string) string {
	m := map[string]zhEn{
		"red": {"挂牌督办，制定专项整治方案，专人盯守，每日巡检并泄漏检测",
			"listed supervision, a dedicated rectification plan, an on-site guard, daily patrol and leak survey"},
		"orange": {"限期整改，每周两次巡检，定期泄漏检测", "rectification by a deadline, patrol twice a week, regular leak survey"},
		"yellow": {"每周巡检，按计划检测", "weekly patrol, planned surveys"},
		"blue":   {"日常巡检", "routine patrol"},
	}
	return m[grade].in(lang)
}

// findingMeasures is the control measure a finding calls for.
func findingMeasures(kind, lang string) string {
	m := map[string]zhEn{
		HazardOccupied:          {"拆除占压建筑或管道改线", "remove the occupying structure or re-route the pipe"},
		HazardClearanceBuilding: {"改线或加强监测", "re-route or monitor"},
		HazardClearanceSewer:    {"改线或加装套管、加强监测", "re-route or sleeve, and monitor"},
		HazardClearanceWater:    {"改线或加装套管", "re-route or sleeve"},
		HazardSewerCrossing:     {"交叉处加装可燃气体监测", "gas detection at the crossing"},
		HazardVerticalGap:       {"加装套管或调整埋深", "sleeve or change the depth"},
		HazardNoDetector:        {"加装泄漏监测装置", "install a leak detector"},
		HazardAged:              {"纳入老旧管网更新改造计划", "schedule for replacement (ageing-pipe programme)"},
		HazardStationBuilding:   {"核实安全间距，采取防护措施或迁改", "verify the spacing; protect or relocate"},
		HazardStationDense:      {"迁改或加强监控，制定应急预案", "relocate or monitor, with an emergency plan"},
		HazardStationLife:       {"检测评估，到期更新设备", "inspect and renew the equipment"},
		findThirdParty:          {"第三方施工现场监护", "on-site supervision of the works"},
	}
	return m[kind].in(lang)
}

// findingName names a segment finding or hazard kind in lang.
func findingName(kind, lang string) string {
	if kind == findThirdParty {
		return zhEn{"第三方施工", "third-party works"}.in(lang)
	}
	return KindName(kind, lang)
}
