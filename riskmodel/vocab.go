package riskmodel

// Building uses (docs/design.md §2, buildings.use).
const (
	UseResidential = "residential"
	UseCommercial  = "commercial"
	UseSchool      = "school"
	UseHospital    = "hospital"
	UseNursingHome = "nursing_home"
	UseMall        = "mall"
	UseMarket      = "market"
	UseOther       = "other"
)

// BuildingUses returns the canonical building uses.
func BuildingUses() []string {
	return []string{UseResidential, UseCommercial, UseSchool, UseHospital, UseNursingHome, UseMall, UseMarket, UseOther}
}

// Clearance kinds reported in Facts.ClearanceKinds.
const (
	ClearanceBuilding = "building"
	ClearanceSewer    = "sewer"
	ClearanceWater    = "water"
)

// ClearanceKinds returns the kinds of insufficient horizontal clearance that
// detection reports.
func ClearanceKinds() []string {
	return []string{ClearanceBuilding, ClearanceSewer, ClearanceWater}
}

// StationKinds returns the station kinds of docs/design.md §2 (stations.kind).
func StationKinds() []string {
	return []string{"city_gate", "storage", "regulator", "regulator_box", "cng", "lng", "lpg"}
}

// WorkKinds returns the third-party work kinds of the permit check
// (docs/design.md §6).
func WorkKinds() []string {
	return []string{"excavation", "drilling", "piling", "blasting", "trenchless"}
}
