package phmsa

import "gasrisk/riskmodel"

// materialColumns maps each riskmodel material to the annual-report columns of
// miles of main (Part B1) that make it up. Reconditioned cast iron (RCI) is
// counted as cast iron: the incident form has no separate RCI material, so an
// incident on RCI is reported as CAST/WROUGHT IRON and its exposure must sit
// in the same row. PHMSA "plastic" (mostly PE, some PVC/ABS) maps to pe.
func materialColumns() map[string][]string {
	return map[string][]string{
		riskmodel.MaterialSteel: {
			"MMILES_STEEL_UNP_BARE", "MMILES_STEEL_UNP_COATED",
			"MMILES_STEEL_CP_BARE", "MMILES_STEEL_CP_COATED",
		},
		riskmodel.MaterialPE:          {"MMILES_PLASTIC"},
		riskmodel.MaterialCastIron:    {"MMILES_CI", "MMILES_RCI"},
		riskmodel.MaterialDuctileIron: {"MMILES_DI"},
		riskmodel.MaterialCopper:      {"MMILES_CU"},
		riskmodel.MaterialOther:       {"MMILES_OTHER"},
	}
}

// decadeColumns maps each riskmodel decade key to the annual-report column of
// miles of main by install decade (Part B4).
func decadeColumns() map[string]string {
	return map[string]string{
		"pre1940":               "MMILES_BY_DCD_PRE1940",
		"1940s":                 "MMILES_BY_DCD_1940_TO_1949",
		"1950s":                 "MMILES_BY_DCD_1950_TO_1959",
		"1960s":                 "MMILES_BY_DCD_1960_TO_1969",
		"1970s":                 "MMILES_BY_DCD_1970_TO_1979",
		"1980s":                 "MMILES_BY_DCD_1980_TO_1989",
		"1990s":                 "MMILES_BY_DCD_1990_TO_1999",
		"2000s":                 "MMILES_BY_DCD_2000_TO_2009",
		"2010s":                 "MMILES_BY_DCD_2010_TO_2019",
		"2020s":                 "MMILES_BY_DCD_2020_TO_2029",
		riskmodel.DecadeUnknown: "MMILES_BY_DCD_UNK",
	}
}

// leakCauses are the cause codes of the leaks-repaired columns (Part C):
// corrosion, natural force, excavation, other outside force, pipe/weld/joint
// (material and welds), equipment, incorrect operation, other.
func leakCauses() []string {
	return []string{"COR", "NF", "EX", "OF_DAM", "MAT_WELD", "EQ", "OP", "OT"}
}

// leakColumns returns TOTAL_LEAKS_<cause>_MAINS (or TOTAL_HAZLEAKS_… when
// hazardous) for every cause.
func leakColumns(hazardous bool) []string {
	prefix := "TOTAL_LEAKS_"
	if hazardous {
		prefix = "TOTAL_HAZLEAKS_"
	}
	var cols []string
	for _, c := range leakCauses() {
		cols = append(cols, prefix+c+"_MAINS")
	}
	return cols
}

// incidentMaterial maps the incident form's MATERIAL_INVOLVED to a riskmodel
// material; anything unrecognised (UNKNOWN, empty) is unknown.
func incidentMaterial(v string) string {
	switch v {
	case "STEEL":
		return riskmodel.MaterialSteel
	case "PLASTIC":
		return riskmodel.MaterialPE
	case "CAST/WROUGHT IRON":
		return riskmodel.MaterialCastIron
	case "DUCTILE IRON":
		return riskmodel.MaterialDuctileIron
	case "COPPER":
		return riskmodel.MaterialCopper
	case "OTHER":
		return riskmodel.MaterialOther
	}
	return riskmodel.MaterialUnknown
}
