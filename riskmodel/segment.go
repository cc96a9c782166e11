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
	other := f.OtherHazard()
	s.aged = c.Aged(s.material, f.InstallYear, s.asOf, other)
	s.agedDetail = remember(t.aged, agedKey{s.material, f.InstallYear, s.asOf, other}, func() phrase {
		return c.agedDetail(s.material, f.InstallYear, s.asOf, other)
	})
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

// agedDetail explains why a segment is aged (empty when it is not).
func (c Config) agedDetail(material string, installYear, asOf int, other bool) phrase {
	if !c.Aged(material, installYear, asOf, other) {
		return phrase{}
	}
	name, nameZH := materialName(material), materialNameZH(material)
	if contains(c.AgedRule.AnyAge, material) {
		return phrase{name + ": aged at any age", nameZH + "管道，不论管龄均判定为老化"}
	}
	age := asOf - installYear
	if contains(c.AgedRule.DesignLifeMaterials, material) && age >= c.AgedRule.DesignLifeYears {
		return phrase{fmt.Sprintf("%s, %d years old (>= %d)", name, age, c.AgedRule.DesignLifeYears),
			fmt.Sprintf("%s管道，已运行%d年（≥%d年）", nameZH, age, c.AgedRule.DesignLifeYears)}
	}
	return phrase{fmt.Sprintf("%s, %d years old (>= %d) with another hazard", name, age, c.AgedRule.HazardYears),
		fmt.Sprintf("%s管道，已运行%d年（≥%d年）且存在其他隐患", nameZH, age, c.AgedRule.HazardYears)}
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
