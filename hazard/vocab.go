package hazard

import (
	"gasrisk"
	"gasrisk/riskmodel"
)

// Hazard kinds: one per finding of docs/design.md §3 that goes into the ledger.
const (
	Occupied          = "occupied"
	ClearanceBuilding = "clearance_building"
	ClearanceSewer    = "clearance_sewer"
	ClearanceWater    = "clearance_water"
	SewerCrossing     = "sewer_crossing"
	VerticalGap       = "vertical_gap"
	ThroughSewer      = "through_sewer"
	NoDetector        = "crossing_without_detector"
	Aged              = "aged"
	StationBuilding   = "building_in_spacing"
	StationDense      = "dense_place_in_spacing"
	StationLife       = "past_design_life"
	NoOverpressure    = "no_overpressure_protection"
	// UnrepairedLeak is a class-1 (hazardous) leak not yet repaired: a
	// hazard of its own until the leak record has a repaired date.
	UnrepairedLeak = "unrepaired_leak"
)

// ThirdParty is the finding of third-party works near a pipe: it is graded
// and listed for control, but it is not a hazard of the ledger.
const ThirdParty = "third_party"

// Languages of the ledger's exports and printed map.
const (
	LangZH = "zh"
	LangEN = "en"
)

// ParseLang checks a language: zh (the default when empty) or en.
func ParseLang(lang string) (string, error) {
	switch lang {
	case "", LangZH:
		return LangZH, nil
	case LangEN:
		return LangEN, nil
	}
	return "", gasrisk.Errorf(gasrisk.EINVALID, "unknown language %q (want zh or en)", lang)
}

// Text is a term in Chinese and English.
type Text struct{ ZH, EN string }

// In is the term in lang: English for LangEN, else Chinese.
func (l Text) In(lang string) string {
	if lang == LangEN {
		return l.EN
	}
	return l.ZH
}

// kinds names every hazard kind, in ledger order.
func kinds() []struct {
	kind string
	name Text
} {
	return []struct {
		kind string
		name Text
	}{
		{Occupied, Text{"管道占压", "occupied by a building"}},
		{ClearanceBuilding, Text{"与建筑物间距不足", "insufficient clearance to a building"}},
		{ClearanceSewer, Text{"与排水管道间距不足", "insufficient clearance to a sewer"}},
		{ClearanceWater, Text{"与给水管道间距不足", "insufficient clearance to a water main"}},
		{SewerCrossing, Text{"与排水管网交叉", "crossing a sewer"}},
		{VerticalGap, Text{"交叉处垂直净距不足", "insufficient vertical gap at a crossing"}},
		{ThroughSewer, Text{"燃气管道穿越排水管道（涵洞）", "passing through a sewer or culvert"}},
		{NoDetector, Text{"交叉处未设泄漏监测", "crossing without a leak detector"}},
		{Aged, Text{"管道老化", "aged pipe"}},
		{StationBuilding, Text{"场站安全间距内有建筑", "building within a station's safety spacing"}},
		{StationDense, Text{"场站安全间距内有人员密集场所", "dense-occupancy place within a station's safety spacing"}},
		{StationLife, Text{"场站设备超设计使用年限", "station equipment past its design life"}},
		{NoOverpressure, Text{"场站未设超压切断和放散装置", "station without over-pressure cut-off and relief"}},
		{GasAlarm, Text{"监测报警（燃气浓度超限）", "gas detector alarm"}},
		{UnrepairedLeak, Text{"一级泄漏未修复", "unrepaired class-1 leak"}},
	}
}

// Kinds lists the hazard kinds in ledger order.
func Kinds() []string {
	var out []string
	for _, k := range kinds() {
		out = append(out, k.kind)
	}
	return out
}

// KindName is the name of a hazard kind in lang (zh or en); unknown kinds
// are returned as they are.
func KindName(kind, lang string) string {
	for _, k := range kinds() {
		if k.kind == kind {
			return k.name.In(lang)
		}
	}
	return kind
}

// StateName is the name of a state in lang.
func StateName(s State, lang string) string {
	names := map[State]Text{
		StateOpen:      {"待整改", "open"},
		StatePlanned:   {"整改中", "planned"},
		StateRectified: {"已整改待复核", "rectified"},
		StateRechecked: {"已复核", "re-checked"},
		StateClosed:    {"已销号", "closed"},
	}
	if l, ok := names[s]; ok {
		return l.In(lang)
	}
	return string(s)
}

// GradeName is a grade's level in lang, in the one vocabulary of every
// page, export, print and the CLI: 重大/较大/一般/低,
// Major/Significant/Moderate/Low; unknown grades stay as they are.
func GradeName(g, lang string) string {
	name := riskmodel.Grade(g).Chinese()
	if lang == LangEN {
		name = riskmodel.Grade(g).English()
	}
	if name == "" {
		return g
	}
	return name
}

// ControlLevel is who controls a risk of a grade in the graded control
// list (风险分级管控): the company for major risks, a department for
// larger ones, a team for general ones, the post for low ones.
func ControlLevel(grade, lang string) string {
	levels := map[string]Text{
		"red":    {"公司级", "company"},
		"orange": {"部门级", "department"},
		"yellow": {"班组级", "team"},
		"blue":   {"岗位级", "post"},
	}
	return levels[grade].In(lang)
}

// GradeMeasures is the control measure every risk of a grade gets.
func GradeMeasures(grade, lang string) string {
	m := map[string]Text{
		"red": {"挂牌督办，制定专项整治方案，专人盯守，每日巡检并泄漏检测",
			"listed supervision, a dedicated rectification plan, an on-site guard, daily patrol and leak survey"},
		"orange": {"限期整改，每周两次巡检，定期泄漏检测", "rectification by a deadline, patrol twice a week, regular leak survey"},
		"yellow": {"每周巡检，按计划检测", "weekly patrol, planned surveys"},
		"blue":   {"日常巡检", "routine patrol"},
	}
	return m[grade].In(lang)
}

// FindingMeasures is the control measure a finding calls for.
func FindingMeasures(kind, lang string) string {
	m := map[string]Text{
		Occupied:          {"拆除占压建筑或管道改线", "remove the occupying structure or re-route the pipe"},
		ClearanceBuilding: {"改线或加强监测", "re-route or monitor"},
		ClearanceSewer:    {"改线或加装套管、加强监测", "re-route or sleeve, and monitor"},
		ClearanceWater:    {"改线或加装套管", "re-route or sleeve"},
		SewerCrossing:     {"交叉处加装可燃气体监测", "gas detection at the crossing"},
		VerticalGap:       {"加装套管或调整埋深", "sleeve or change the depth"},
		ThroughSewer:      {"改线避让，或敷设于两端密封的套管内并在排水管道内加装可燃气体监测", "re-route, or lay in a casing sealed at both ends and put a gas detector in the sewer"},
		NoDetector:        {"加装泄漏监测装置", "install a leak detector"},
		Aged:              {"纳入老旧管网更新改造计划", "schedule for replacement (ageing-pipe programme)"},
		StationBuilding:   {"核实安全间距，采取防护措施或迁改", "verify the spacing; protect or relocate"},
		StationDense:      {"迁改或加强监控，制定应急预案", "relocate or monitor, with an emergency plan"},
		StationLife:       {"检测评估，到期更新设备", "inspect and renew the equipment"},
		NoOverpressure:    {"加装超压自动切断和放散装置", "install automatic over-pressure cut-off and relief"},
		UnrepairedLeak:    {"立即抢修，抢修前现场警戒、监测并消除火源", "repair at once; until then cordon, monitor and remove ignition sources"},
		ThirdParty:        {"第三方施工现场监护", "on-site supervision of the works"},
		GasAlarm:          {"立即现场处置：查漏、通风、警戒，必要时关阀", "respond on site at once: find the leak, ventilate, cordon off, shut the valve if needed"},
	}
	return m[kind].In(lang)
}

// FindingName names a segment finding or hazard kind in lang.
func FindingName(kind, lang string) string {
	if kind == ThirdParty {
		return Text{"第三方施工", "third-party works"}.In(lang)
	}
	return KindName(kind, lang)
}
