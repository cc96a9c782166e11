package permit

import (
	"fmt"
	"slices"
	"strings"

	"gasrisk/riskmodel"
)

// Measures derives the measures the works require from the segments
// within reach and the work kind. Inside a protection range the first
// measure says what 《城镇燃气管理条例》 allows there: `prohibited` (第三十三条
// and its item) when Decide denies, else `protection_scheme` (第三十四条).
// The general measures follow for every pipe within reach: the safety
// agreement (control range, GB 55009-2021 §5.1.7), supervision and
// locating the pipes (第三十七条), then the work kind's own measure and,
// for sub-high and high pressure pipes, a written scheme. Each measure
// has its own list of pipes, sorted and each pipe once.
func Measures(kind string, segs []Segment) []Measure {
	protected, all, highPressure := pipesByZone(segs)
	if len(all) == 0 {
		return []Measure{{Code: "report_unknown",
			Text:   "No gas pipe of the network lies within reach. Stop work and call the gas company if an unmarked pipe is found.",
			TextZH: "作业范围内无在册燃气管道。施工中如发现未标明的燃气管道，应立即停工并通知燃气企业。"}}
	}
	var out []Measure
	if len(protected) > 0 {
		if item, denied := Prohibition(kind); denied {
			out = append(out, prohibited(kind, item, protected))
		} else {
			out = append(out, Measure{Code: "protection_scheme", Pipes: protected,
				Text: "Draw up a protection scheme for the gas facilities jointly with the gas company, and take the " +
					"corresponding safety protection measures (" + regulationEN + ", art. 34).",
				TextZH: "与燃气经营者共同制定燃气设施保护方案，并采取相应的安全保护措施（" + regulationZH + "第三十四条）"})
		}
	}
	out = append(out,
		Measure{Code: "safety_agreement", Pipes: slices.Clone(all),
			Text:   "Sign a safety protection agreement with the gas company before works start (control range, GB 55009-2021 §5.1.7).",
			TextZH: "开工前与燃气企业签订燃气设施安全保护协议（控制范围，GB 55009-2021 第5.1.7条）。"},
		Measure{Code: "supervision", Pipes: slices.Clone(all),
			Text:   "The gas company supervises the works on site while they are within the control range (" + regulationEN + ", art. 37).",
			TextZH: "控制范围内作业期间，由燃气企业派员现场监护（" + regulationZH + "第三十七条）。"},
		Measure{Code: "locate", Pipes: slices.Clone(all),
			Text: "Locate and mark the pipes before any mechanical work (pipe locator, trial pits dug by hand; " +
				regulationEN + ", art. 37).",
			TextZH: "机械作业前探明并标识管位（管线探测、人工开挖探坑；" + regulationZH + "第三十七条）。"})
	if m, ok := kindMeasure(kind); ok {
		m.Pipes = slices.Clone(all)
		out = append(out, m)
	}
	if len(highPressure) > 0 {
		out = append(out, Measure{Code: "high_pressure", Pipes: highPressure,
			Text: "Sub-high or high pressure pipe: the gas company approves a written protection scheme, " +
				"and a leak survey follows the works.",
			TextZH: "次高压或高压管道：保护方案须经燃气企业书面同意，施工完成后进行泄漏检测。"})
	}
	return out
}

// The regulation the permit decision follows, 国务院令第583号 (2016
// revision). Its article numbers are cited as best known: the texts of
// 第三十三条 and 第三十四条 are confirmed from local notices quoting them, the
// numbers are not (docs/api.md).
const (
	regulationZH = "《城镇燃气管理条例》"
	regulationEN = "Regulations on Urban Gas Administration"
)

// prohibited is the measure of a denied check: the prohibition of
// 第三十三条 item for the kind, for the pipes whose protection range the
// works reach.
func prohibited(kind, item string, pipes []string) Measure {
	what, whatZH := "Works that endanger the gas facilities are", "从事危及燃气设施安全的活动"
	switch kind {
	case riskmodel.WorkBuilding:
		what, whatZH = "Putting up a building, structure or other facility over the buried gas pipe is",
			"建设占压地下燃气管线的建筑物、构筑物或者其他设施"
	case riskmodel.WorkBlasting:
		what, whatZH = "Blasting is", "进行爆破作业"
	case riskmodel.WorkEarthBorrow:
		what, whatZH = "Borrowing earth (taking soil away) is", "取土作业"
	case riskmodel.WorkOpenFlame:
		what, whatZH = "Open flame is", "动用明火"
	}
	return Measure{Code: "prohibited", Pipes: pipes,
		Text: fmt.Sprintf("%s prohibited inside the protection range of the pipe (%s, art. 33 item (%d); "+
			"the range per GB 55009-2021 §5.1.6). Move the works out of the protection range; "+
			"outside it, the measures that follow apply.", what, regulationEN, itemNumber(item)),
		TextZH: fmt.Sprintf("燃气管道保护范围内禁止%s（%s第三十三条第（%s）项；保护范围见 GB 55009-2021 第5.1.6条）。"+
			"应调整作业范围，避开保护范围；保护范围外作业须采取以下措施。", whatZH, regulationZH, item)}
}

// itemNumber is the Arabic number of an item of 第三十三条.
func itemNumber(item string) int {
	return map[string]int{Article33Occupation: 1, Article33Blasting: 2, Article33Other: 5}[item]
}

// kindMeasure is the measure a work kind adds near pipes.
func kindMeasure(kind string) (Measure, bool) {
	switch kind {
	case riskmodel.WorkPiling:
		return Measure{Code: "vibration",
			Text:   "Use low-vibration piling near the pipe and monitor the vibration velocity at the pipe.",
			TextZH: "邻近管道采用低振动桩工艺，并监测管道处振动速度。"}, true
	case riskmodel.WorkBlasting:
		return Measure{Code: "blast_plan",
			Text:   "Blasting design with charge limits reviewed by the gas company; monitor vibration at the pipe; no flyrock toward it.",
			TextZH: "爆破设计（含单段最大药量）须经燃气企业审查；监测管道处振动，采取防飞石措施。"}, true
	case riskmodel.WorkTrenchless:
		return Measure{Code: "bore_path",
			Text:   "Survey the bore path against the pipe, keep the planned clearance, and track the bore head during drilling.",
			TextZH: "核对非开挖穿越轨迹与管道的净距，施工中全程跟踪钻头位置。"}, true
	case riskmodel.WorkDrilling:
		return Measure{Code: "drill_locate",
			Text:   "Expose the pipe by hand before drilling within the control range.",
			TextZH: "控制范围内钻孔前，人工挖探确认管道位置。"}, true
	case riskmodel.WorkBuilding:
		return Measure{Code: "building_clearance",
			Text:   "Keep the horizontal clearance of GB 50028-2006 table 6.3.3-1 between the pipe and the new foundation or outer wall.",
			TextZH: "新建建筑物、构筑物与燃气管道的水平净距应符合 GB 50028-2006 表6.3.3-1 的规定。"}, true
	case riskmodel.WorkEarthBorrow:
		return Measure{Code: "cover",
			Text:   "Leave at least the minimum cover over the pipe (GB 50028-2006 §6.3.4), do not undermine it, and restore the ground.",
			TextZH: "取土后管道覆土厚度不得小于 GB 50028-2006 第6.3.4条规定的最小覆土厚度，不得掏空管基，完工后恢复地面。"}, true
	case riskmodel.WorkOpenFlame:
		return Measure{Code: "hot_work",
			Text:   "Hot work only with the gas company's consent: test the air for gas before and during the work and keep extinguishers at hand.",
			TextZH: "动火作业须经燃气企业同意，作业前及作业中进行可燃气体检测，并配备灭火器材。"}, true
	}
	return Measure{}, false
}

// pipesByZone lists the pipes in the protection zone, all the pipes
// within reach, and the sub-high and high pressure ones among them, each
// list sorted and each pipe once.
func pipesByZone(segs []Segment) (protected, all, highPressure []string) {
	for _, s := range segs {
		all = append(all, s.PipeID)
		if s.Zone == ZoneProtection {
			protected = append(protected, s.PipeID)
		}
		if strings.HasPrefix(s.PressureClass, "SHP") || strings.HasPrefix(s.PressureClass, "HP") {
			highPressure = append(highPressure, s.PipeID)
		}
	}
	sorted := func(ids []string) []string {
		slices.Sort(ids)
		return slices.Compact(ids)
	}
	return sorted(protected), sorted(all), sorted(highPressure)
}
