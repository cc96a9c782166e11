package riskmodel

// Detection holds the distances and ages the spatial detection (PostGIS)
// uses. Maps keyed by pressure class must cover every class of
// PressureClasses; all distances are horizontal metres in the working CRS.
// Sources are given per default in defaultDetection and docs/risk-model.md.
type Detection struct {
	// ProtectionRangeM is the protection range (保护范围, GB 55009-2021
	// §5.1.6): a building footprint inside it occupies the pipe (占压).
	ProtectionRangeM map[string]float64 `json:"protection_range_m"`
	// ControlRangeM is the outer edge of the control range (控制范围, GB
	// 55009-2021 §5.1.7): third-party works inside it need an agreement and
	// supervision; active permits inside it count as ThirdPartyWorks.
	ControlRangeM map[string]float64 `json:"control_range_m"`
	// WorkRangeMultiplier widens the control range for the permit check by
	// work kind (vibration and blast effects reach farther than digging).
	WorkRangeMultiplier map[string]float64 `json:"work_range_multiplier"`
	// BuildingClearanceM is the minimum horizontal clearance to buildings
	// (GB 50028-2006 table 6.3.3-1: to the foundation for LP/MP, to the
	// outer wall for SHP; §6.4.11 for HP in class-4 areas).
	BuildingClearanceM map[string]float64 `json:"building_clearance_m"`
	// BuildingClearanceReductions are the smaller clearances a pipe's wall
	// thickness or agreed protective measures allow (the note of table
	// 6.3.3-1; §6.4.11): a part's clearance is the smallest applicable
	// (Detection.BuildingClearance).
	BuildingClearanceReductions ClearanceReductions `json:"building_clearance_reductions"`
	// SewerClearanceM is the minimum clearance to sewers and storm drains.
	SewerClearanceM map[string]float64 `json:"sewer_clearance_m"`
	// WaterClearanceM is the minimum clearance to water mains.
	WaterClearanceM map[string]float64 `json:"water_clearance_m"`
	// VerticalGapM is the minimum vertical gap at a crossing with a sewer
	// (GB 50028-2006 table 6.3.3-2).
	VerticalGapM float64 `json:"vertical_gap_m"`
	// DetectorSearchRadiusM is how far from a sewer crossing a leak detector
	// counts as covering it.
	DetectorSearchRadiusM float64 `json:"detector_search_radius_m"`
	// DetectorInSewerM is how near a sewer's line a leak detector must lie
	// to be in that sewer (a detector in the manhole or the pipe itself).
	DetectorInSewerM float64 `json:"detector_in_sewer_m"`
	// SewerReachM is how far along a crossing sewer leaked gas is assumed to
	// travel; buildings near the sewer within it are SewerReachReceptors.
	SewerReachM float64 `json:"sewer_reach_m"`
	// SewerReachBufferM is how near to the sewer a building must be to count
	// within the sewer reach (connections, manholes, basements).
	SewerReachBufferM float64 `json:"sewer_reach_buffer_m"`
	// StationSpacingM is the safety spacing from a station to ordinary
	// buildings, by spacing key (StationSpacingKeys: the station kind, a
	// regulator's setting and inlet pressure, an LPG station's class).
	StationSpacingM map[string]float64 `json:"station_spacing_m"`
	// StationDenseSpacingM is the safety spacing from a station to
	// dense-occupancy places and important public buildings, by the same
	// keys.
	StationDenseSpacingM map[string]float64 `json:"station_dense_spacing_m"`
	// StationDesignLifeYears is the design life of station equipment by kind.
	StationDesignLifeYears map[string]int `json:"station_design_life_years"`
	// MinSegmentM is the shortest segment dynamic segmentation makes unless
	// the whole pipe part is shorter: a shorter piece (a sliver) joins its
	// neighbour with the worse findings. 0 keeps every piece.
	MinSegmentM float64 `json:"min_segment_m"`
}

// byClass builds a pressure-class map from values in PressureClasses order.
func byClass(lp, mpb, mpa, shpb, shpa, hpb, hpa float64) map[string]float64 {
	return map[string]float64{
		ClassLP: lp, ClassMPB: mpb, ClassMPA: mpa, ClassSHPB: shpb,
		ClassSHPA: shpa, ClassHPB: hpb, ClassHPA: hpa,
	}
}

// defaultDetection returns the documented detection defaults.
func defaultDetection() Detection {
	return Detection{
		// GB 55009-2021 §5.1.6: LP/MP 0.5 m, SHP 1.5 m, HP 5.0 m.
		ProtectionRangeM: byClass(0.5, 0.5, 0.5, 1.5, 1.5, 5.0, 5.0),
		// GB 55009-2021 §5.1.7: LP/MP 0.5–5.0 m, SHP 1.5–15.0 m, HP 5.0–50.0 m.
		ControlRangeM: byClass(5, 5, 5, 15, 15, 50, 50),
		// Project default: piling ×2, blasting ×4 (vibration, flyrock),
		// trenchless ×2 (the bore head's path deviates unseen); digging,
		// drilling, building, earth borrowing and open flame ×1 (their
		// effect stays at the work area).
		WorkRangeMultiplier: map[string]float64{
			WorkExcavation: 1, WorkDrilling: 1, WorkPiling: 2, WorkBlasting: 4, WorkTrenchless: 2,
			WorkBuilding: 1, WorkEarthBorrow: 1, WorkOpenFlame: 1,
		},
		// GB 50028-2006 table 6.3.3-1 (foundation LP/MP, outer wall SHP);
		// HP: §6.4.11, class-4 areas (unconfirmed, docs/risk-model.md).
		BuildingClearanceM:          byClass(0.7, 1.0, 1.5, 5.0, 13.5, 16.0, 30.0),
		BuildingClearanceReductions: clearanceReductions(),
		// GB 50028-2006 table 6.3.3-1; HP per §6.4.15 = SHPA values.
		SewerClearanceM: byClass(1.0, 1.2, 1.2, 1.5, 2.0, 2.0, 2.0),
		WaterClearanceM: byClass(0.5, 0.5, 0.5, 1.0, 1.5, 1.5, 1.5),
		// GB 50028-2006 table 6.3.3-2: gas pipe to sewer/drain 0.15 m.
		VerticalGapM:          0.15,
		DetectorSearchRadiusM: 10,
		DetectorInSewerM:      1,
		SewerReachM:           50,
		SewerReachBufferM:     5,
		StationSpacingM:       stationSpacing(),
		StationDenseSpacingM:  stationDenseSpacing(),
		StationDesignLifeYears: map[string]int{
			"city_gate": 30, "storage": 30, "regulator": 20, "regulator_box": 20,
			"cng": 20, "lng": 20, "lpg": 20,
		},
		// Project default, not from a standard: removes the slivers where
		// buffer edges meet a pipe a hair apart, far finer than a finding
		// needs to be located.
		MinSegmentM: 1,
	}
}

// stationSpacing: regulators by setting and inlet pressure per GB
// 50028-2006 table 6.6.3 (the outer-wall column), bottled-LPG supply
// stations by class per §8.6 (the larger volume band of each class, to
// civil buildings), city gates and storage as class-A (甲类) plants per GB
// 50016 (25 m to civil buildings); CNG and LNG for the smallest storage
// bands of GB 50028 chapters 7 and 9. docs/risk-model.md lists which are
// unconfirmed.
func stationSpacing() map[string]float64 {
	return map[string]float64{
		"city_gate": 25, "storage": 25, "cng": 20, "lng": 30,
		"regulator/above_ground/HPA": 18, "regulator/above_ground/HPB": 13, "regulator/above_ground/SHPA": 9,
		"regulator/above_ground/SHPB": 6, "regulator/above_ground/MP": 6,
		"regulator/cabinet/SHPA": 7, "regulator/cabinet/SHPB": 4, "regulator/cabinet/MP": 4,
		"regulator/underground/MP": 3, "regulator/underground_box/MP": 3,
		"lpg/I": 15, "lpg/II": 8, "lpg/III": 6,
	}
}

// stationDenseSpacing: the "important public building" column of the same
// tables (GB 50016: 50 m from class-A plants).
func stationDenseSpacing() map[string]float64 {
	return map[string]float64{
		"city_gate": 50, "storage": 50, "cng": 50, "lng": 45,
		"regulator/above_ground/HPA": 30, "regulator/above_ground/HPB": 25, "regulator/above_ground/SHPA": 18,
		"regulator/above_ground/SHPB": 12, "regulator/above_ground/MP": 12,
		"regulator/cabinet/SHPA": 14, "regulator/cabinet/SHPB": 8, "regulator/cabinet/MP": 8,
		"regulator/underground/MP": 6, "regulator/underground_box/MP": 6,
		"lpg/I": 25, "lpg/II": 15, "lpg/III": 12,
	}
}
