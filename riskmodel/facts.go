package riskmodel

// Facts is everything detection knows about one pipe segment. Zero values
// mean "unknown" or "none" as stated per field. Distances are metres.
type Facts struct {
	SegmentID int64  `json:"segment_id"`
	PipeID    string `json:"pipe_id"`
	// LengthM is the segment length. It is reported, never scored: a grade
	// must not change when dynamic segmentation splits a pipe.
	LengthM float64 `json:"length_m"`
	// Material is one of Materials; anything else counts as unknown.
	Material   string  `json:"material"`
	DiameterMM float64 `json:"diameter_mm"` // 0 = unknown
	// PressureClass is one of PressureClasses; it may be empty when
	// PressureMPa is given. PressureMPa (0 = unknown) wins for the impact
	// radius when both are set.
	PressureClass string  `json:"pressure_class"`
	PressureMPa   float64 `json:"pressure_mpa"`
	InstallYear   int     `json:"install_year"` // 0 = unknown
	DepthM        float64 `json:"depth_m"`      // depth of cover; 0 = unknown
	// AsOfYear is the year ages are computed at; 0 = the year of
	// Config.AsOf.
	AsOfYear int `json:"as_of_year"`
	// Condition is what the operator's condition assessment of the pipe
	// found: one of Conditions ("" = not assessed or unknown). With
	// DuctileUnsafe (ductile iron assessed as not meeting the requirements
	// of safe operation) and HazardUncontrollable (a hazard that, as
	// assessed, control measures cannot make safe) it decides the renewal
	// categories 2–4 (AgedRule).
	Condition            string `json:"condition"`
	DuctileUnsafe        bool   `json:"ductile_unsafe"`
	HazardUncontrollable bool   `json:"hazard_uncontrollable"`

	// Occupied: a building footprint lies within the protection range (占压).
	Occupied bool `json:"occupied"`
	// OccupiedUses lists the uses of the occupying buildings.
	OccupiedUses []string `json:"occupied_uses"`
	// ClearanceKinds lists the kinds of insufficient horizontal clearance
	// found: a subset of "building", "sewer", "water".
	ClearanceKinds []string `json:"clearance_kinds"`
	// SewerCrossings counts crossings (in plan) with sewers, storm drains or
	// culverts; CrossingsWithoutDetector counts those with no leak detector
	// within Detection.DetectorSearchRadiusM.
	SewerCrossings           int `json:"sewer_crossings"`
	CrossingsWithoutDetector int `json:"crossings_without_detector"`
	// VerticalGapViolation: at a crossing with both depths known the
	// vertical gap is under Detection.VerticalGapM (but the pipe does not
	// pass through the sewer).
	VerticalGapViolation bool `json:"vertical_gap_violation"`
	// ThroughSewers counts the crossings where, with both depths known,
	// the pipe's depth range overlaps the sewer's or culvert's: it passes
	// through it (穿越). ThroughSewersExposed counts those without a casing
	// or without a leak detector in that sewer near the crossing.
	ThroughSewers        int `json:"through_sewers"`
	ThroughSewersExposed int `json:"through_sewers_exposed"`
	// NearParallelSewerM is the length of the segment that runs alongside
	// a sewer within the sewer clearance (the clearance_sewer finding; 0 =
	// none). Only its presence is scored, to keep scores independent of
	// segment length.
	NearParallelSewerM float64 `json:"near_parallel_sewer_m"`
	// ThirdPartyWorks counts active construction permits within the
	// control range; they raise the excavation threat
	// (Evidence.PermitWeight).
	ThirdPartyWorks int `json:"third_party_works"`
	// LeakHistory counts recorded leaks on the segment; on steel or PE
	// they are an assessed hazard of the renewal rule (AgedRule).
	LeakHistory int `json:"leak_history"`
	// Leaks are the leaks recorded near the segment (Evidence.LeakRadiusM;
	// on its pipe when the leak names one), found by the as-of date.
	Leaks []Leak `json:"leaks"`
	// FailedCPReadings counts the failed cathodic-protection readings near
	// the segment within Evidence.CPValidDays.
	FailedCPReadings int `json:"failed_cp_readings"`
	// Patrols are the patrol observations within the control range; those
	// older than Evidence.PatrolValidDays are ignored.
	Patrols []Patrol `json:"patrols"`
	// TemporaryMeasures lists interim controls in place (e.g. "guard",
	// "leak_detector"); see Likelihood.TemporaryMeasures.
	TemporaryMeasures []string `json:"temporary_measures"`
	// RecentAlarms counts the gas alarms (false alarms left out) that live
	// detectors watching the segment raised within
	// Sensors.AlarmWindowDays of the as-of date.
	RecentAlarms int `json:"recent_alarms"`

	// Receptors aggregates the buildings within the impact radius by use.
	Receptors []ReceptorCount `json:"receptors"`
	// DensePlaces counts dense-occupancy places (人员密集场所) within the
	// impact radius; PlaceCapacity sums their capacity (persons).
	DensePlaces   int `json:"dense_places"`
	PlaceCapacity int `json:"place_capacity"`
	// SewerReachReceptors counts buildings, and SewerReachPlaces
	// dense-occupancy places, within Detection.SewerReachBufferM of the
	// connected sewers within Detection.SewerReachM of the crossings
	// (measured along them); SewerReachDetectors counts the gas detectors
	// in those sewers (within Detection.DetectorInSewerM of the stretches
	// reached).
	SewerReachReceptors int `json:"sewer_reach_receptors"`
	SewerReachPlaces    int `json:"sewer_reach_places"`
	SewerReachDetectors int `json:"sewer_reach_detectors"`
	// OutageCustomers counts the customers that lose gas when the segment
	// is isolated (its isolation zone closed at its operable valves, and
	// all that only it feeds: network.Graph.Cuts); OutageCritical those of
	// kind critical.
	OutageCustomers int `json:"outage_customers"`
	OutageCritical  int `json:"outage_critical"`
}

// ReceptorCount is the buildings of one use within the impact radius.
type ReceptorCount struct {
	Use    string `json:"use"`    // one of BuildingUses; unknown uses weigh as "other"
	Count  int    `json:"count"`  // number of buildings
	Floors int    `json:"floors"` // sum of their floors (0 = unknown)
}

// ClearanceViolation reports an insufficient horizontal clearance of any
// kind or an insufficient vertical gap at a crossing.
func (f Facts) ClearanceViolation() bool {
	return len(f.ClearanceKinds) > 0 || f.VerticalGapViolation
}

// SewerCrossing reports whether the segment crosses a sewer, drain or
// culvert.
func (f Facts) SewerCrossing() bool { return f.SewerCrossings > 0 }
