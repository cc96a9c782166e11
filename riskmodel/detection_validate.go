package riskmodel

import (
	"errors"
	"fmt"
)

func (d Detection) validate() error {
	errs := []error{
		checkTable("detection.protection_range_m", d.ProtectionRangeM, PressureClasses()),
		checkTable("detection.control_range_m", d.ControlRangeM, PressureClasses()),
		checkTable("detection.building_clearance_m", d.BuildingClearanceM, PressureClasses()),
		checkTable("detection.sewer_clearance_m", d.SewerClearanceM, PressureClasses()),
		checkTable("detection.water_clearance_m", d.WaterClearanceM, PressureClasses()),
		checkTable("detection.work_range_multiplier", d.WorkRangeMultiplier, WorkKinds()),
		d.validateStations(),
		d.validateReductions(),
		positive("detection.vertical_gap_m", d.VerticalGapM),
		positive("detection.detector_search_radius_m", d.DetectorSearchRadiusM),
		positive("detection.detector_in_sewer_m", d.DetectorInSewerM),
		positive("detection.sewer_reach_m", d.SewerReachM),
		positive("detection.sewer_reach_buffer_m", d.SewerReachBufferM),
		nonNegative("detection.min_segment_m", d.MinSegmentM),
	}
	for _, cl := range PressureClasses() {
		if p, c := d.ProtectionRangeM[cl], d.ControlRangeM[cl]; p > c {
			errs = append(errs, fmt.Errorf("detection: %s protection range %v m exceeds its control range %v m", cl, p, c))
		}
		if p, b := d.ProtectionRangeM[cl], d.BuildingClearanceM[cl]; b < p {
			errs = append(errs, fmt.Errorf("detection: %s building clearance %v m is inside its protection range %v m", cl, b, p))
		}
	}
	for k, v := range d.WorkRangeMultiplier {
		if v < 1 {
			errs = append(errs, fmt.Errorf("detection.work_range_multiplier[%q] = %v: must be >= 1", k, v))
		}
	}
	return errors.Join(append(errs, d.validateLives())...)
}

func (d Detection) validateLives() error {
	var errs []error
	for _, k := range StationKinds() {
		if v, ok := d.StationDesignLifeYears[k]; !ok || v <= 0 {
			errs = append(errs, fmt.Errorf("detection.station_design_life_years[%q]: want a positive number of years", k))
		}
	}
	for k := range d.StationDesignLifeYears {
		if !contains(StationKinds(), k) {
			errs = append(errs, fmt.Errorf("detection.station_design_life_years: unknown station kind %q", k))
		}
	}
	return errors.Join(errs...)
}
