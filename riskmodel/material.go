package riskmodel

// Canonical pipe materials (docs/design.md §2). "cast_iron" means grey (flake
// graphite) cast iron, 灰口铸铁; ductile iron is a separate material.
const (
	MaterialCastIron    = "cast_iron"
	MaterialDuctileIron = "ductile_iron"
	MaterialSteel       = "steel"
	MaterialPE          = "pe"
	MaterialCopper      = "copper"
	MaterialOther       = "other"
	MaterialUnknown     = "unknown"
)

// Materials returns the canonical material names in a fixed order, unknown
// last. The slice is new on every call.
func Materials() []string {
	return []string{
		MaterialCastIron, MaterialDuctileIron, MaterialSteel, MaterialPE,
		MaterialCopper, MaterialOther, MaterialUnknown,
	}
}

// KnownMaterial reports whether m is one of Materials.
func KnownMaterial(m string) bool {
	for _, k := range Materials() {
		if k == m {
			return true
		}
	}
	return false
}

// materialKey maps a fact's material to a table key: anything that is not a
// canonical name (including "") counts as unknown.
func materialKey(m string) string {
	if KnownMaterial(m) {
		return m
	}
	return MaterialUnknown
}
