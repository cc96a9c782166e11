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
	agedDetail   string
	radius       float64
	radiusDetail string
	texts        texts // remembered detail texts
}

// resolve derives the segment view of the facts, taking detail texts
// from t where it has them.
func (c Config) resolve(f Facts, t texts) segment {
	s := segment{material: materialKey(f.Material), diameter: f.DiameterMM, asOf: f.AsOfYear, texts: t}
	var assumed []string
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
		}
		s.mpa, _ = PressureMPa(s.class)
	}
	if !(s.diameter > 0) || !finite(s.diameter) {
		s.diameter = c.Consequence.DefaultDiameterMM
		assumed = append(assumed, fmt.Sprintf("diameter unknown, assumed %.0f mm", s.diameter))
	}
	if s.asOf <= 0 {
		s.asOf, _ = c.AsOfYear()
	}
	v := c.renewal(f, s.material, s.asOf)
	s.renewal, s.aged = v.category, AgedCategory(v.category)
	if s.aged {
		s.agedDetail = remember(t.aged, agedKey{s.material, v.age, v.category, v.reason}, func() string {
			return c.agedDetail(s.material, v)
		})
	}
	s.radius = c.ImpactRadius(s.diameter, s.mpa)
	s.radiusDetail = remember(t.radius, radiusKey{s.class, s.mpa, s.diameter, strings.Join(assumed, "; ")}, func() string {
		return c.radiusDetail(s, assumed)
	})
	return s
}

// radiusDetail explains the impact radius.
func (c Config) radiusDetail(s segment, assumed []string) string {
	formula := c.Consequence.ImpactCoefficient * s.diameter * math.Sqrt(s.mpa)
	d := fmt.Sprintf("r = %.1f m (DN%.0f at %.3g MPa, %s", s.radius, s.diameter, s.mpa, s.class)
	if formula < s.radius {
		d += fmt.Sprintf("; migration floor, formula gives %.1f m", formula)
	}
	d += ")"
	if len(assumed) > 0 {
		d += "; " + strings.Join(assumed, "; ")
	}
	return d
}

// agedDetail explains why a segment is aged (renewal categories 1–4).
func (c Config) agedDetail(material string, v renewalVerdict) string {
	name := materialName(material)
	switch v.category {
	case RenewalGreyCastIron:
		return name + ": renewed whatever its age (国办发〔2022〕22号)"
	case RenewalDuctileUnsafe:
		return name + " assessed as not meeting safe-operation requirements"
	}
	age := "age unknown"
	if v.age >= 0 {
		age = fmt.Sprintf("%d years old", v.age)
		if v.age >= c.AgedRule.HazardYears {
			age += fmt.Sprintf(" (>= %d)", c.AgedRule.HazardYears)
		} else {
			age += fmt.Sprintf(" (< %d)", c.AgedRule.HazardYears)
		}
	}
	return fmt.Sprintf("%s, %s, %s", name, age, v.reason)
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
func baseDetail(b BaseRates, m, d string, installYear int) string {
	when := fmt.Sprintf("installed %d", installYear)
	if d == DecadeUnknown {
		when = "install year unknown"
	}
	return fmt.Sprintf("%s, %s: %.3g × %.3g (%s) per km·yr", materialName(m), when,
		b.MaterialRates[m], b.DecadeFactors[d], d)
}
