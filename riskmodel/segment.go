package riskmodel

import (
	"fmt"
	"math"
	"strings"
)

// segment is what Assess derives from Facts before scoring: canonical keys,
// the pressure and diameter used (with assumptions spelled out), the age
// and the impact radius.
type segment struct {
	material     string
	class        string
	mpa          float64
	diameter     float64
	asOf         int
	renewal      string // renewal category, "" none
	aged         bool
	agedDetail   phrase
	radius       float64
	radiusDetail phrase
	texts        texts // remembered detail texts
}

// resolve derives the segment view of the facts, taking detail texts
// from t where it has them.
func (c Config) resolve(f Facts, t texts) segment {
	s := segment{material: materialKey(f.Material), diameter: f.DiameterMM, asOf: f.AsOfYear, texts: t}
	var assumed, assumedZH []string
	s.class, s.mpa = f.PressureClass, f.PressureMPa
	if !(s.mpa > 0) || !finite(s.mpa) {
		s.mpa = 0
	}
	if s.mpa > 0 && !KnownPressureClass(s.class) {
		s.class = PressureClass(s.mpa)
	}
	if s.mpa == 0 {
		if !KnownPressureClass(s.class) {
			s.class = c.Consequence.DefaultPressureClass
			assumed = append(assumed, "pressure unknown, assumed "+s.class)
			assumedZH = append(assumedZH, "压力不详，按"+pressureClassZH(s.class)+"计")
		}
		s.mpa, _ = PressureMPa(s.class)
	}
	if !(s.diameter > 0) || !finite(s.diameter) {
		s.diameter = c.Consequence.DefaultDiameterMM
		assumed = append(assumed, fmt.Sprintf("diameter unknown, assumed %.0f mm", s.diameter))
		assumedZH = append(assumedZH, fmt.Sprintf("管径不详，按%.0f mm计", s.diameter))
	}
	if s.asOf <= 0 {
		s.asOf, _ = c.AsOfYear()
	}
	v := c.renewal(f, s.material, s.asOf)
	s.renewal, s.aged = v.category, AgedCategory(v.category)
	if s.aged {
		s.agedDetail = remember(t.aged, agedKey{s.material, v.age, v.category, v.reason}, func() phrase {
			return c.agedDetail(s.material, v)
		})
	}
	s.radius = c.ImpactRadius(s.diameter, s.mpa)
	s.radiusDetail = remember(t.radius, radiusKey{s.class, s.mpa, s.diameter, strings.Join(assumed, "; ")}, func() phrase {
		return c.radiusDetail(s, assumed, assumedZH)
	})
	return s
}

// radiusDetail explains the impact radius.
func (c Config) radiusDetail(s segment, assumed, assumedZH []string) phrase {
	formula := c.Consequence.ImpactCoefficient * s.diameter * math.Sqrt(s.mpa)
	d := fmt.Sprintf("r = %.1f m (DN%.0f at %.3g MPa, %s", s.radius, s.diameter, s.mpa, s.class)
	zh := fmt.Sprintf("影响半径 r = %.1f m（DN%.0f，%.3g MPa，%s", s.radius, s.diameter, s.mpa, pressureClassZH(s.class))
	if formula < s.radius {
		d += fmt.Sprintf("; migration floor, formula gives %.1f m", formula)
		zh += fmt.Sprintf("；按燃气地下窜移取下限，公式计算值%.1f m", formula)
	}
	d += ")"
	zh += "）"
	if len(assumed) > 0 {
		d += "; " + strings.Join(assumed, "; ")
		zh += "；" + strings.Join(assumedZH, "；")
	}
	return phrase{d, zh}
}

// agedDetail explains why a segment is aged (renewal categories 1–4).
func (c Config) agedDetail(material string, v renewalVerdict) phrase {
	name, nameZH := materialName(material), materialNameZH(material)
	switch v.category {
	case RenewalGreyCastIron:
		return phrase{name + ": renewed whatever its age (Guobanfa [2022] No. 22)", nameZH + "管道，不论管龄均纳入更新改造（国办发〔2022〕22号）"}
	case RenewalDuctileUnsafe:
		return phrase{name + " assessed as not meeting safe-operation requirements", nameZH + "管道，经评估不满足安全运行要求"}
	}
	age, ageZH := "age unknown", "管龄不详"
	if v.age >= 0 {
		rel, relZH := ">=", "≥"
		if v.age < c.AgedRule.HazardYears {
			rel, relZH = "<", "<"
		}
		age = fmt.Sprintf("%d years old (%s %d)", v.age, rel, c.AgedRule.HazardYears)
		ageZH = fmt.Sprintf("已运行%d年（%s%d年）", v.age, relZH, c.AgedRule.HazardYears)
	}
	return phrase{fmt.Sprintf("%s, %s, %s", name, age, v.reason), fmt.Sprintf("%s管道，%s，%s", nameZH, ageZH, reasonZH(v.reason))}
}

// reasonZH is the Chinese of a renewal reason (hazardCategory's texts).
func reasonZH(reason string) string {
	var out []string
	for _, r := range strings.Split(reason, ", ") {
		var n int
		switch {
		case r == "assessed "+ConditionCorrosion:
			out = append(out, "经评估存在腐蚀")
		case r == "assessed "+ConditionLeakHistory:
			out = append(out, "有泄漏记录")
		case r == "assessed "+ConditionFailedInspection:
			out = append(out, "检测不合格")
		case r == "hazard that cannot be controlled":
			out = append(out, "隐患经评估无法通过落实管控措施保障安全")
		default:
			if _, err := fmt.Sscanf(r, "%d recorded leak", &n); err == nil {
				out = append(out, fmt.Sprintf("有%d次泄漏记录", n))
			} else {
				out = append(out, r)
			}
		}
	}
	return strings.Join(out, "，")
}

// materialName is the English display name of a material key.
func materialName(m string) string {
	switch m {
	case MaterialCastIron:
		return "grey cast iron"
	case MaterialDuctileIron:
		return "ductile iron"
	case MaterialPE:
		return "PE"
	case MaterialUnknown:
		return "unknown material"
	}
	return m
}

// baseDetail explains the base rate lookup.
func baseDetail(b BaseRates, m, d string, installYear int) phrase {
	when := fmt.Sprintf("installed %d", installYear)
	whenZH := fmt.Sprintf("%d年敷设", installYear)
	if d == DecadeUnknown {
		when, whenZH = "install year unknown", "敷设年份不详"
	}
	return phrase{fmt.Sprintf("%s, %s: %.3g × %.3g (%s) per km·yr", materialName(m), when,
		b.MaterialRates[m], b.DecadeFactors[d], d),
		fmt.Sprintf("%s，%s：材质失效率%.3g × 年代系数%.3g（%s）次/(km·年)", materialNameZH(m), whenZH,
			b.MaterialRates[m], b.DecadeFactors[d], decadeZH(d))}
}
