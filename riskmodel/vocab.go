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

// Third-party work kinds of the permit check (docs/design.md §6). Inside
// a protection range 《城镇燃气管理条例》 第三十四条 allows the first four with a
// protection scheme agreed with the gas company (敷设管道、打桩、顶进、挖掘、钻探),
// and 第三十三条 prohibits the others (package permit decides).
const (
	WorkExcavation  = "excavation"   // 挖掘 (trenches, pits; laying pipes)
	WorkDrilling    = "drilling"     // 钻探
	WorkPiling      = "piling"       // 打桩
	WorkTrenchless  = "trenchless"   // 顶进 (pipe jacking, directional drilling)
	WorkBlasting    = "blasting"     // 爆破
	WorkBuilding    = "building"     // 建设占压地下燃气管线的建筑物、构筑物或者其他设施
	WorkEarthBorrow = "earth_borrow" // 取土
	WorkOpenFlame   = "open_flame"   // 动用明火
)

// WorkKinds returns the third-party work kinds of the permit check
// (docs/design.md §6).
func WorkKinds() []string {
	return []string{WorkExcavation, WorkDrilling, WorkPiling, WorkBlasting, WorkTrenchless,
		WorkBuilding, WorkEarthBorrow, WorkOpenFlame}
}
