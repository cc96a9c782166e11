package permit

import (
	"slices"
	"strings"
)

// Measures derives the measures the works require from the
// segments within reach (GB 55009-2021 §5.1.6–5.1.7, 《城镇燃气管理条例》
// 第三十七条/第三十八条) and the work kind.
func Measures(kind string, segs []Segment) []Measure {
	protected, all, highPressure := pipesByZone(segs)
	if len(all) == 0 {
		return []Measure{{Code: "report_unknown",
			Text:   "No gas pipe of the network lies within reach. Stop work and call the gas company if an unmarked pipe is found.",
			TextZH: "作业范围内无在册燃气管道。施工中如发现未标明的燃气管道，应立即停工并通知燃气企业。"}}
	}
	var out []Measure
	if len(protected) > 0 {
		out = append(out, Measure{Code: "protection_range", Pipes: protected,
			Text: "Works inside the protection range of the pipe are not allowed (GB 55009-2021 §5.1.6). " +
				"Move the work area out of the protection range, or agree a relocation or protection scheme with the gas company first.",
			TextZH: "燃气管道保护范围内禁止从事此类作业（GB 55009-2021 第5.1.6条）。应调整作业范围避开保护范围，或先与燃气企业商定迁改或保护方案。"})
	}
	out = append(out,
		Measure{Code: "safety_agreement", Pipes: slices.Clone(all),
			Text:   "Sign a safety protection agreement with the gas company before works start (GB 55009-2021 §5.1.7).",
			TextZH: "开工前与燃气企业签订燃气设施安全保护协议（GB 55009-2021 第5.1.7条）。"},
		Measure{Code: "supervision", Pipes: slices.Clone(all),
			Text:   "The gas company supervises the works on site while they are within the control range.",
			TextZH: "控制范围内作业期间，由燃气企业派员现场监护。"},
		Measure{Code: "locate", Pipes: slices.Clone(all),
			Text:   "Locate and mark the pipes (pipe locator, trial pits dug by hand) before any mechanical work.",
			TextZH: "机械作业前探明并标识管位（管线探测、人工开挖探坑）。"})
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

// kindMeasure is the measure a work kind adds near pipes.
func kindMeasure(kind string) (Measure, bool) {
	switch kind {
	case "piling":
		return Measure{Code: "vibration",
			Text:   "Use low-vibration piling near the pipe and monitor the vibration velocity at the pipe.",
			TextZH: "邻近管道采用低振动桩工艺，并监测管道处振动速度。"}, true
	case "blasting":
		return Measure{Code: "blast_plan",
			Text:   "Blasting design with charge limits reviewed by the gas company; monitor vibration at the pipe; no flyrock toward it.",
			TextZH: "爆破设计（含单段最大药量）须经燃气企业审查；监测管道处振动，采取防飞石措施。"}, true
	case "trenchless":
		return Measure{Code: "bore_path",
			Text:   "Survey the bore path against the pipe, keep the planned clearance, and track the bore head during drilling.",
			TextZH: "核对非开挖穿越轨迹与管道的净距，施工中全程跟踪钻头位置。"}, true
	case "drilling":
		return Measure{Code: "drill_locate",
			Text:   "Expose the pipe by hand before drilling within the control range.",
			TextZH: "控制范围内钻孔前，人工挖探确认管道位置。"}, true
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
