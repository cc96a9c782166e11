package riskmodel

import (
	"errors"
	"fmt"
)

// Validate checks the whole configuration and reports every problem found,
// each naming its JSON field.
func (c Config) Validate() error {
	var errs []error
	if _, err := parseAsOf(c.AsOf); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, positive("score_scale", c.ScoreScale))
	if err := c.Thresholds.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("thresholds: %w", err))
	}
	errs = append(errs, c.Floors.validate(), c.BaseRates.Validate(), c.Likelihood.validate(),
		c.Consequence.validate(), c.AgedRule.validate(), c.Detection.validate(),
		c.ThreatShares.Validate(), c.Evidence.validate(), c.Renewal.validate(), c.Sensors.validate())
	return errors.Join(errs...)
}

func positive(name string, v float64) error {
	if !(v > 0) || !finite(v) {
		return fmt.Errorf("%s = %v: must be a positive finite number", name, v)
	}
	return nil
}

func nonNegative(name string, v float64) error {
	if !(v >= 0) || !finite(v) {
		return fmt.Errorf("%s = %v: must be a finite number >= 0", name, v)
	}
	return nil
}

func atLeast(name string, v, lo float64) error {
	if !(v >= lo) || !finite(v) {
		return fmt.Errorf("%s = %v: must be a finite number >= %v", name, v, lo)
	}
	return nil
}

func knownAll(name string, list, known []string) error {
	for _, v := range list {
		if !contains(known, v) {
			return fmt.Errorf("%s: unknown value %q", name, v)
		}
	}
	return nil
}

func (p Floors) validate() error {
	var errs []error
	for name, g := range map[string]Grade{"floors.occupied": p.Occupied, "floors.occupied_aggravated": p.OccupiedAggravated,
		"floors.major_hazard": p.MajorHazard, "floors.through_sewer": p.ThroughSewer,
		"floors.through_sewer_exposed": p.ThroughSewerExposed, "floors.grey_cast_iron": p.GreyCastIron} {
		if !g.Valid() {
			errs = append(errs, fmt.Errorf("%s: unknown grade %q", name, g))
		}
	}
	if p.OccupiedAggravated.Rank() < p.Occupied.Rank() {
		errs = append(errs, errors.New("floors: occupied_aggravated must not be below occupied"))
	}
	if p.MajorHazard.Rank() < p.OccupiedAggravated.Rank() {
		errs = append(errs, errors.New("floors: major_hazard must not be below occupied_aggravated (a low-pressure occupation would outrank a major hazard)"))
	}
	if p.ThroughSewerExposed.Rank() < p.ThroughSewer.Rank() {
		errs = append(errs, errors.New("floors: through_sewer_exposed must not be below through_sewer"))
	}
	return errors.Join(append(errs,
		knownAll("floors.major_hazard_classes", p.MajorHazardClasses, PressureClasses()),
		knownAll("floors.dense_uses", p.DenseUses, BuildingUses()))...)
}

func (l Likelihood) validate() error {
	errs := []error{
		atLeast("likelihood.occupied", l.Occupied, 1),
		atLeast("likelihood.vertical_gap", l.VerticalGap, 1),
		atLeast("likelihood.aged", l.Aged, 1),
		l.validatePermitKeys(),
		atLeast("likelihood.shallow_cover", l.ShallowCover, 1),
		positive("likelihood.shallow_cover_m", l.ShallowCoverM),
		nonNegative("likelihood.leak_per_event", l.LeakPerEvent),
		atLeast("likelihood.leak_max_events", float64(l.LeakMaxEvents), 1),
		positive("likelihood.min_temporary_multiplier", l.MinTemporaryMultiplier),
	}
	for k, v := range l.Clearance {
		errs = append(errs, knownAll("likelihood.clearance", []string{k}, ClearanceKinds()),
			atLeast("likelihood.clearance."+k, v, 1))
	}
	for k, v := range l.TemporaryMeasures {
		if k == "" || !(v > 0 && v <= 1) {
			errs = append(errs, fmt.Errorf("likelihood.temporary_measures[%q] = %v: want a named measure with 0 < multiplier <= 1", k, v))
		}
	}
	if l.MinTemporaryMultiplier > 1 {
		errs = append(errs, errors.New("likelihood.min_temporary_multiplier must be <= 1"))
	}
	return errors.Join(errs...)
}

func (k Consequence) validate() error {
	errs := []error{
		positive("consequence.impact_coefficient", k.ImpactCoefficient),
		positive("consequence.min_impact_radius_m", k.MinImpactRadiusM),
		positive("consequence.open_area_per_1000_m2", k.OpenAreaPer1000M2),
		checkTable("consequence.use_weights", k.UseWeights, BuildingUses()),
		nonNegative("consequence.extra_floor_weight", k.ExtraFloorWeight),
		nonNegative("consequence.dense_place", k.DensePlace),
		nonNegative("consequence.capacity_per_100", k.CapacityPer100),
		nonNegative("consequence.sewer_crossing", k.SewerCrossing),
		nonNegative("consequence.near_parallel_sewer", k.NearParallelSewer),
		nonNegative("consequence.sewer_reach_receptor", k.SewerReachReceptor),
		nonNegative("consequence.sewer_reach_place", k.SewerReachPlace),
		k.Outage.validate(),
		positive("consequence.default_diameter_mm", k.DefaultDiameterMM),
	}
	if !(k.DetectorCredit >= 0 && k.DetectorCredit <= 1) {
		errs = append(errs, fmt.Errorf("consequence.detector_credit = %v: must be within [0, 1]", k.DetectorCredit))
	}
	if !KnownPressureClass(k.DefaultPressureClass) {
		errs = append(errs, fmt.Errorf("consequence.default_pressure_class: unknown class %q", k.DefaultPressureClass))
	}
	return errors.Join(errs...)
}

func (r AgedRule) validate() error {
	errs := []error{
		knownAll("aged.any_age", r.AnyAge, Materials()),
		knownAll("aged.hazard_materials", r.HazardMaterials, Materials()),
		knownAll("aged.hazard_conditions", r.HazardConditions, HazardConditions()),
	}
	if r.HazardYears <= 0 {
		errs = append(errs, fmt.Errorf("aged.hazard_years = %d: must be a positive number of years", r.HazardYears))
	}
	return errors.Join(errs...)
}
