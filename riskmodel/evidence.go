package riskmodel

import (
	"errors"
	"fmt"
	"math"
)

// Evidence holds how field evidence — leaks, cathodic-protection readings,
// patrol observations — modifies the threats of a segment (docs/risk-model.md
// §4). The weights are the project's judgement, documented with their
// reasoning in docs/calibration.md ("Evidence weights"); no standard fixes
// them.
type Evidence struct {
	// LeakRadiusM is how near a segment a leak counts for it (a leak with
	// a pipe_id counts only for that pipe's segments).
	LeakRadiusM float64 `json:"leak_radius_m"`
	// LeakClassWeight adds, per leak of class "1", "2" or "3", to the
	// multiplier of the leak cause's threat.
	LeakClassWeight map[string]float64 `json:"leak_class_weight"`
	// LeakMaxWeight caps the weight of all leaks of one threat.
	LeakMaxWeight float64 `json:"leak_max_weight"`
	// RepairedHalfLifeYears halves a repaired leak's weight every so many
	// years after its repair; an unrepaired leak keeps its full weight.
	RepairedHalfLifeYears float64 `json:"repaired_half_life_years"`
	// CPRadiusM is how near a segment a CP reading counts for it (a reading
	// with a pipe_id counts only for that pipe's segments); CPValidDays how
	// long a reading counts.
	CPRadiusM   float64 `json:"cp_radius_m"`
	CPValidDays int     `json:"cp_valid_days"`
	// CPFailedPerReading adds to the corrosion multiplier of a metallic
	// segment per failed reading, up to CPMaxReadings readings.
	CPFailedPerReading float64 `json:"cp_failed_per_reading"`
	CPMaxReadings      int     `json:"cp_max_readings"`
	// PatrolValidDays is how long a patrol observation counts; patrol
	// observations count within the control range (Detection.ControlRangeM).
	PatrolValidDays int `json:"patrol_valid_days"`
	// PatrolWeight adds, per observation, to the multiplier of its threat
	// (works_without_permit and exposed_pipe: excavation; subsidence:
	// natural force; odour: every threat), up to PatrolMaxObservations of
	// each kind.
	PatrolWeight          map[string]float64 `json:"patrol_weight"`
	PatrolMaxObservations int                `json:"patrol_max_observations"`
	// PermitWeight adds, per active construction permit within the control
	// range (Facts.ThirdPartyWorks), to the multiplier of the excavation
	// threat, up to PermitMaxWorks permits:
	// mult[excavation] += PermitWeight × min(n, PermitMaxWorks).
	// It replaces likelihood.third_party_per_work and
	// likelihood.third_party_max_works, which multiplied every threat.
	PermitWeight   float64 `json:"permit_weight"`
	PermitMaxWorks int     `json:"permit_max_works"`
}

func defaultEvidence() Evidence {
	return Evidence{
		LeakRadiusM:           5,
		LeakClassWeight:       map[string]float64{"1": 30, "2": 15, "3": 5},
		LeakMaxWeight:         60,
		RepairedHalfLifeYears: 3,
		CPRadiusM:             100,
		CPValidDays:           3 * 365,
		CPFailedPerReading:    2,
		CPMaxReadings:         2,
		PatrolValidDays:       90,
		PatrolWeight: map[string]float64{PatrolWorksWithoutPermit: 3, PatrolExposedPipe: 2,
			PatrolSubsidence: 10, PatrolOdour: 1},
		PatrolMaxObservations: 3,
		PermitWeight:          2,
		PermitMaxWorks:        3,
	}
}

// Leak is a leak recorded near a segment (Facts.Leaks).
type Leak struct {
	ID    string `json:"id"`
	Class int    `json:"class"` // 1, 2 or 3
	Cause string `json:"cause"` // one of LeakCauses
	// FoundDaysAgo is the days from finding to the as-of date;
	// RepairedDaysAgo the days from repair to the as-of date, -1 while
	// unrepaired (or repaired after the as-of date).
	FoundDaysAgo    int `json:"found_days_ago"`
	RepairedDaysAgo int `json:"repaired_days_ago"`
}

// Repaired reports whether the leak was repaired by the as-of date.
func (l Leak) Repaired() bool { return l.RepairedDaysAgo >= 0 }

// Patrol is a patrol observation within a segment's control range
// (Facts.Patrols).
type Patrol struct {
	ID          string `json:"id"`
	Observation string `json:"observation"` // one of PatrolObservations
	DaysAgo     int    `json:"days_ago"`
}

// validate checks the evidence weights.
func (e Evidence) validate() error {
	var errs []error
	errs = append(errs, positive("evidence.leak_radius_m", e.LeakRadiusM), nonNegative("evidence.leak_max_weight", e.LeakMaxWeight),
		positive("evidence.repaired_half_life_years", e.RepairedHalfLifeYears), positive("evidence.cp_radius_m", e.CPRadiusM),
		nonNegative("evidence.cp_failed_per_reading", e.CPFailedPerReading), nonNegative("evidence.permit_weight", e.PermitWeight))
	for _, k := range []string{"1", "2", "3"} {
		v, ok := e.LeakClassWeight[k]
		if !ok {
			errs = append(errs, fmt.Errorf("evidence.leak_class_weight: missing class %q", k))
		} else {
			errs = append(errs, nonNegative("evidence.leak_class_weight."+k, v))
		}
	}
	for k := range e.LeakClassWeight {
		if k != "1" && k != "2" && k != "3" {
			errs = append(errs, fmt.Errorf("evidence.leak_class_weight: unknown class %q (want 1, 2, 3)", k))
		}
	}
	for _, k := range PatrolObservations() {
		if _, ok := e.PatrolWeight[k]; !ok {
			errs = append(errs, fmt.Errorf("evidence.patrol_weight: missing %q", k))
		}
	}
	for k, v := range e.PatrolWeight {
		if !contains(PatrolObservations(), k) {
			errs = append(errs, fmt.Errorf("evidence.patrol_weight: unknown observation %q", k))
		}
		errs = append(errs, nonNegative("evidence.patrol_weight."+k, v))
	}
	if e.CPValidDays < 1 || e.PatrolValidDays < 1 || e.CPMaxReadings < 0 || e.PatrolMaxObservations < 0 || e.PermitMaxWorks < 0 {
		errs = append(errs, fmt.Errorf("evidence: cp_valid_days and patrol_valid_days must be >= 1, the maxima >= 0"))
	}
	return errors.Join(errs...)
}

// leakWeight is a leak's weight today: its class weight, halved every
// RepairedHalfLifeYears since its repair.
func (e Evidence) leakWeight(l Leak) float64 {
	w := e.LeakClassWeight[classKey(l.Class)]
	if l.Repaired() {
		w *= math.Exp2(-float64(l.RepairedDaysAgo) / 365.25 / e.RepairedHalfLifeYears)
	}
	return w
}

func classKey(class int) string {
	switch class {
	case 1:
		return "1"
	case 2:
		return "2"
	}
	return "3"
}

// metallic reports whether cathodic protection bears on the material:
// every material but PE (unknown counts as metallic).
func metallic(material string) bool { return material != MaterialPE }
