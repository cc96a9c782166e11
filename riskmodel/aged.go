package riskmodel

// AgedRule is the ageing definition (老化) of docs/design.md §3, after the 2022
// State Council plan for renewing ageing urban gas pipes (城市燃气管道等老化
// 更新改造实施方案(2022—2025年)) and the 30-year design working life of GB
// 55009-2021. Age is as-of year minus install year.
type AgedRule struct {
	// AnyAge materials are aged whatever their age (grey cast iron).
	AnyAge []string `json:"any_age"`
	// DesignLifeYears: DesignLifeMaterials at or past this age are aged.
	DesignLifeYears     int      `json:"design_life_years"`
	DesignLifeMaterials []string `json:"design_life_materials"`
	// HazardYears: HazardMaterials at or past this age are aged when the
	// segment also carries another hazard (occupied, insufficient clearance
	// or a sewer crossing).
	HazardYears     int      `json:"hazard_years"`
	HazardMaterials []string `json:"hazard_materials"`
}

func defaultAgedRule() AgedRule {
	return AgedRule{
		AnyAge:              []string{MaterialCastIron},
		DesignLifeYears:     30,
		DesignLifeMaterials: []string{MaterialDuctileIron, MaterialSteel, MaterialPE},
		HazardYears:         20,
		HazardMaterials:     []string{MaterialSteel, MaterialPE},
	}
}

// Aged applies the ageing rule: grey cast iron at any age (even with an
// unknown install year); ductile iron, steel or PE at 30 years or more;
// steel or PE at 20 years or more when otherHazard is true. An unknown
// install or as-of year (0), or an install year after the as-of year, makes
// the age unknown, and only the any-age rule can then apply.
func (c Config) Aged(material string, installYear, asOfYear int, otherHazard bool) bool {
	r := c.AgedRule
	if contains(r.AnyAge, material) {
		return true
	}
	if installYear <= 0 || asOfYear <= 0 || installYear > asOfYear {
		return false
	}
	age := asOfYear - installYear
	if contains(r.DesignLifeMaterials, material) && age >= r.DesignLifeYears {
		return true
	}
	return otherHazard && contains(r.HazardMaterials, material) && age >= r.HazardYears
}
