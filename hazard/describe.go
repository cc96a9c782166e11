package hazard

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gasrisk/riskmodel"
)

// Info is what a hazard involves, as the analysis found it; the
// descriptions of the ledger are made from it.
type Info struct {
	Use         string  `json:"use,omitempty"`          // the building's use (occupied, clearance_building)
	SewerKind   string  `json:"sewer_kind,omitempty"`   // the sewer's or water main's kind
	Material    string  `json:"material,omitempty"`     // the aged pipe's material
	InstallYear int     `json:"install_year,omitempty"` // of the aged pipe or the station
	StationKind string  `json:"station_kind,omitempty"`
	RefKind     string  `json:"ref_kind,omitempty"`   // use or kind of the feature in a station's spacing
	DistanceM   float64 `json:"distance_m,omitempty"` // from the station
	// ClearanceM is the clear distance (净距) between the pipe's outer wall
	// and the building or the sewer's wall, RequiredM the clearance the
	// clause Clause asks for (clearance hazards).
	ClearanceM *float64 `json:"clearance_m,omitempty"`
	RequiredM  float64  `json:"required_m,omitempty"`
	// MajorHazard: a major hazard (重大隐患) by Clause, e.g. an occupied
	// pipe of medium pressure or higher (建城规〔2023〕4号).
	MajorHazard bool   `json:"major_hazard,omitempty"`
	Clause      string `json:"clause,omitempty"`
	// RenewalCategory is the aged pipe's renewal category of 国办发〔2022〕
	// 22号 (riskmodel.RenewalCategories, one of the first four).
	RenewalCategory string `json:"renewal_category,omitempty"`
	// LeakClass, Cause and FoundDate describe the leak of an unrepaired
	// leak hazard (the leaks layer's leak_class, cause and found_date).
	LeakClass int    `json:"leak_class,omitempty"`
	Cause     string `json:"cause,omitempty"`
	FoundDate string `json:"found_date,omitempty"`
}

// Describe says in lang what a hazard is about and where, e.g.
// "管道占压：管道 P-7，住宅 B-12，长度 21.0 m" or, for a clearance,
// "…，净距 0.62 m < 1.0 m（GB 50028-2006 表6.3.3-1），长度 8.0 m".
func Describe(h Entry, lang string) string {
	what := KindName(h.Kind, lang)
	var parts []string
	if h.Source == "station" {
		parts = append(parts, translate(stationKindNames(), h.Info.StationKind, lang)+" "+h.StationID)
	} else {
		parts = append(parts, Text{"管道", "pipe"}.In(lang)+" "+h.PipeID)
	}
	if obj := h.object(lang); obj != "" {
		parts = append(parts, obj)
	}
	if h.Kind == Aged || h.Kind == StationLife {
		parts = append(parts, h.age(lang))
	}
	if en, zh := riskmodel.RenewalCategoryLabels(h.Info.RenewalCategory); h.Kind == Aged && en != "" {
		parts = append(parts, Text{"更新改造类别：" + zh, "renewal category: " + en}.In(lang))
	}
	if c := h.clearance(lang); c != "" {
		parts = append(parts, c)
	}
	if h.LengthM > 0 && h.Kind != Aged {
		parts = append(parts, fmt.Sprintf(Text{"长度 %.1f m", "length %.1f m"}.In(lang), h.LengthM))
	}
	if h.Info.MajorHazard {
		parts = append(parts, Text{"重大隐患（" + h.Info.Clause + "）", "major hazard (" + h.Info.Clause + ")"}.In(lang))
	}
	return what + Text{"：", ": "}.In(lang) + strings.Join(parts, Text{"，", "; "}.In(lang))
}

// object names the other feature involved.
func (h Entry) object(lang string) string {
	switch h.RefLayer {
	case "buildings":
		kind := h.Info.Use
		if h.Source == "station" {
			kind = h.Info.RefKind
		}
		return translate(useNames(), kind, lang) + " " + h.RefID + h.distance(lang)
	case "sewers":
		return translate(sewerKindNames(), h.Info.SewerKind, lang) + " " + h.RefID
	case "leaks":
		return fmt.Sprintf(Text{"泄漏 %s（%d级，%s，%s发现）", "leak %s (class %d, %s, found %s)"}.In(lang), h.RefID, h.Info.LeakClass,
			translate(causeNames(), h.Info.Cause, lang), h.Info.FoundDate)
	case "places":
		return Text{"人员密集场所", "dense-occupancy place"}.In(lang) + " " + h.RefID +
			Text{"（", " ("}.In(lang) + translate(placeKindNames(), h.Info.RefKind, lang) + Text{"）", ")"}.In(lang) + h.distance(lang)
	}
	return ""
}

func (h Entry) distance(lang string) string {
	if h.Info.DistanceM <= 0 {
		return ""
	}
	return fmt.Sprintf(Text{"，距 %.1f m", ", %.1f m away"}.In(lang), h.Info.DistanceM)
}

// clearance states the clear distance found against the one required and
// the clause requiring it: "净距 0.62 m < 1.0 m（GB 50028-2006 表6.3.3-1）".
func (h Entry) clearance(lang string) string {
	if h.Info.ClearanceM == nil || h.Info.RequiredM <= 0 {
		return ""
	}
	s := fmt.Sprintf(Text{"净距 %.2f m < %s m", "clearance %.2f m < %s m"}.In(lang), *h.Info.ClearanceM, metres(h.Info.RequiredM))
	if h.Info.Clause != "" {
		s += Text{"（", " ("}.In(lang) + ClauseText(h.Info.Clause, lang) + Text{"）", ")"}.In(lang)
	}
	return s
}

// metres prints a distance of a standard's table: 1.0, 1.5, 13.5.
func metres(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.1f", v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// ClauseText writes a clause of a standard in lang: the tables of GB
// 50028 as 表6.3.3-1 in Chinese and table 6.3.3-1 in English, their notes
// as 注 and note.
func ClauseText(clause, lang string) string {
	if lang == LangEN {
		return strings.NewReplacer("表", "table ", "注", " note", "t.", "table ").Replace(clause)
	}
	return strings.NewReplacer("table ", "表", "t.", "表", " note", "注").Replace(clause)
}

// age gives the material (pipes) and the year installed.
func (h Entry) age(lang string) string {
	year := Text{"敷设年份不详", "year unknown"}.In(lang)
	if h.Info.InstallYear > 0 {
		year = fmt.Sprintf(Text{"%d年敷设", "installed %d"}.In(lang), h.Info.InstallYear)
		if h.Source == "station" {
			year = fmt.Sprintf(Text{"%d年投运", "in service since %d"}.In(lang), h.Info.InstallYear)
		}
	}
	if h.Info.Material == "" {
		return year
	}
	return translate(materialNames(), h.Info.Material, lang) + Text{"，", ", "}.In(lang) + year
}

// translate translates a vocabulary value; unknown values stay as they are.
func translate(vocab map[string]Text, v, lang string) string {
	if l, ok := vocab[v]; ok {
		return l.In(lang)
	}
	return v
}

func useNames() map[string]Text {
	return map[string]Text{
		"residential": {"住宅", "residential building"}, "commercial": {"商业建筑", "commercial building"},
		"school": {"学校", "school"}, "hospital": {"医院", "hospital"}, "nursing_home": {"养老院", "nursing home"},
		"mall": {"商场", "mall"}, "market": {"市场", "market"}, "other": {"建筑物", "building"},
	}
}

func sewerKindNames() map[string]Text {
	return map[string]Text{
		"sanitary": {"污水管", "sanitary sewer"}, "storm": {"雨水管", "storm drain"}, "combined": {"合流管", "combined sewer"},
		"culvert": {"涵洞", "culvert"}, "water": {"给水管", "water main"},
	}
}

func materialNames() map[string]Text {
	return map[string]Text{
		"cast_iron": {"灰口铸铁", "cast iron"}, "ductile_iron": {"球墨铸铁", "ductile iron"}, "steel": {"钢", "steel"},
		"pe": {"聚乙烯", "PE"}, "copper": {"铜", "copper"}, "other": {"其他材质", "other material"}, "unknown": {"材质不详", "unknown material"},
	}
}

// placeKindNames are the kinds of dense-occupancy places the synthetic
// cities and the seeds use; others stay as they are.
func placeKindNames() map[string]Text {
	return map[string]Text{
		"school": {"学校", "school"}, "hospital": {"医院", "hospital"}, "market": {"市场", "market"}, "mall": {"商场", "mall"},
		"stadium": {"体育场馆", "stadium"}, "station": {"车站", "station"}, "cinema": {"影剧院", "cinema"},
		"nursing_home": {"养老院", "nursing home"}, "kindergarten": {"幼儿园", "kindergarten"}, "other": {"其他", "other"},
	}
}

func stationKindNames() map[string]Text {
	return map[string]Text{
		"city_gate": {"门站", "city gate"}, "storage": {"储配站", "storage station"}, "regulator": {"调压站", "regulator station"},
		"regulator_box": {"调压箱", "regulator box"}, "cng": {"CNG站", "CNG station"}, "lng": {"LNG站", "LNG station"},
		"lpg": {"LPG站", "LPG station"}, "": {"场站", "station"},
	}
}

// MaterialName is a pipe material's name in lang; unknown materials stay as
// they are.
func MaterialName(material, lang string) string { return translate(materialNames(), material, lang) }

// causeNames are the causes of a leak record (riskmodel.LeakCauses).
func causeNames() map[string]Text {
	return map[string]Text{
		riskmodel.ThreatCorrosion: {"腐蚀", "corrosion"}, riskmodel.ThreatExcavation: {"第三方施工破坏", "excavation damage"},
		riskmodel.ThreatNaturalForce: {"自然力", "natural force"}, riskmodel.ThreatMaterialJoint: {"管材、焊缝或接口缺陷", "material, weld or joint"},
		riskmodel.ThreatEquipment: {"设备故障", "equipment"}, riskmodel.ThreatIncorrectOperation: {"误操作", "incorrect operation"},
		riskmodel.ThreatOther: {"其他原因", "other cause"},
	}
}
