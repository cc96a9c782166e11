package riskmodel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// ClearanceReduction is a smaller building clearance that a pipe of a
// pressure class may keep when its wall is thick enough, when agreed
// protective measures are in place, or both (every condition given must
// hold).
type ClearanceReduction struct {
	PressureClass string  `json:"pressure_class"`
	MinWallMM     float64 `json:"min_wall_mm,omitempty"` // applies when wall_mm ≥ this; 0: any wall
	Protection    bool    `json:"protection,omitempty"`  // applies only with agreed protective measures
	BuildingM     float64 `json:"building_m"`            // the reduced clearance, m from the outer wall
	Clause        string  `json:"clause"`                // where the standard allows it
}

// ClearanceReductions is the list of reductions. A model file's list
// replaces the default one wholesale, like every list of the config.
type ClearanceReductions []ClearanceReduction

// UnmarshalJSON decodes into a new list: encoding/json would decode the
// file's entries over the default entries in place, keeping their fields.
func (rs *ClearanceReductions) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var out []ClearanceReduction
	if err := dec.Decode(&out); err != nil {
		return err
	}
	*rs = out
	return nil
}

// applies reports whether the reduction holds for a pipe with the given
// wall thickness (0: unknown) and protection.
func (r ClearanceReduction) applies(class string, wallMM float64, protection bool) bool {
	return r.PressureClass == class && (r.MinWallMM == 0 || wallMM >= r.MinWallMM) && (!r.Protection || protection)
}

// clearanceReductions: the note of GB 50028-2006 table 6.3.3-1 (SHPA 6.5 m
// with protective measures or a wall ≥ 9.5 mm, 3.0 m with a wall ≥ 11.9 mm;
// SHP not below 3.0 m and MP 1.0 m from the outer wall with protective
// measures) and §6.4.11 for HP in class-4 areas (unconfirmed).
func clearanceReductions() ClearanceReductions {
	const note, hp = "GB 50028-2006 t.6.3.3-1 note", "GB 50028-2006 §6.4.11"
	return ClearanceReductions{
		{PressureClass: ClassMPA, Protection: true, BuildingM: 1.0, Clause: note},
		{PressureClass: ClassSHPB, Protection: true, BuildingM: 3.0, Clause: note},
		{PressureClass: ClassSHPA, Protection: true, BuildingM: 6.5, Clause: note},
		{PressureClass: ClassSHPA, MinWallMM: 9.5, BuildingM: 6.5, Clause: note},
		{PressureClass: ClassSHPA, MinWallMM: 11.9, BuildingM: 3.0, Clause: note},
		{PressureClass: ClassHPB, Protection: true, BuildingM: 10, Clause: hp},
		{PressureClass: ClassHPB, MinWallMM: 9.5, BuildingM: 10, Clause: hp},
		{PressureClass: ClassHPA, Protection: true, BuildingM: 15, Clause: hp},
		{PressureClass: ClassHPA, MinWallMM: 9.5, BuildingM: 15, Clause: hp},
	}
}

// BuildingClearance is the horizontal clearance, from the pipe's outer
// wall, that a pipe of the class with wall thickness wallMM (0: unknown)
// and, if protection, agreed protective measures must keep from buildings:
// the smallest of the class's table value and the reductions that apply.
func (d Detection) BuildingClearance(class string, wallMM float64, protection bool) float64 {
	c, _ := d.BuildingClearanceRule(class, wallMM, protection)
	return c
}

// Clauses of the default clearances (GB 50028-2006); a value a model
// file changes is cited as ClauseModel instead.
const (
	ClauseClearanceTable = "GB 50028-2006 t.6.3.3-1"
	ClauseHPBuilding     = "GB 50028-2006 §6.4.11"
	ClauseHPUtility      = "GB 50028-2006 §6.4.15"
	ClauseModel          = "model config"
)

// BuildingClearanceRule is BuildingClearance with the clause it comes
// from: a reduction's clause, else the table's (§6.4.11 for high
// pressure), or ClauseModel when the model file changed the class's value.
func (d Detection) BuildingClearanceRule(class string, wallMM float64, protection bool) (float64, string) {
	c := d.BuildingClearanceM[class]
	clause := ClauseClearanceTable
	if class == ClassHPB || class == ClassHPA {
		clause = ClauseHPBuilding
	}
	if c != defaultDetection().BuildingClearanceM[class] {
		clause = ClauseModel
	}
	for _, r := range d.BuildingClearanceReductions {
		if r.applies(class, wallMM, protection) && r.BuildingM < c {
			c, clause = r.BuildingM, r.Clause
		}
	}
	return c, clause
}

// UtilityClearanceClause is the clause of a class's clearance to sewers
// (sewer true) or water mains: the table (§6.4.15 for high pressure), or
// ClauseModel when the model file changed the value.
func (d Detection) UtilityClearanceClause(class string, sewer bool) string {
	def, got := defaultDetection().WaterClearanceM[class], d.WaterClearanceM[class]
	if sewer {
		def, got = defaultDetection().SewerClearanceM[class], d.SewerClearanceM[class]
	}
	switch {
	case got != def:
		return ClauseModel
	case class == ClassHPB || class == ClassHPA:
		return ClauseHPUtility
	}
	return ClauseClearanceTable
}

// validateReductions: every reduction names a known class and at least one
// condition, and lies between the class's protection range and its table
// clearance (a reduction never raises the clearance, and a clearance inside
// the protection range would be occupation).
func (d Detection) validateReductions() error {
	var errs []error
	for i, r := range d.BuildingClearanceReductions {
		name := fmt.Sprintf("detection.building_clearance_reductions[%d]", i)
		if !KnownPressureClass(r.PressureClass) {
			errs = append(errs, fmt.Errorf("%s: unknown pressure class %q", name, r.PressureClass))
			continue
		}
		if err := nonNegative(name+".min_wall_mm", r.MinWallMM); err != nil {
			errs = append(errs, err)
		}
		if r.MinWallMM == 0 && !r.Protection {
			errs = append(errs, fmt.Errorf("%s: a reduction needs a condition (min_wall_mm or protection)", name))
		}
		if err := positive(name+".building_m", r.BuildingM); err != nil {
			errs = append(errs, err)
			continue
		}
		if t := d.BuildingClearanceM[r.PressureClass]; r.BuildingM > t {
			errs = append(errs, fmt.Errorf("%s: %v m is above the %s table value %v m", name, r.BuildingM, r.PressureClass, t))
		}
		if p := d.ProtectionRangeM[r.PressureClass]; r.BuildingM < p {
			errs = append(errs, fmt.Errorf("%s: %v m is inside the %s protection range %v m", name, r.BuildingM, r.PressureClass, p))
		}
	}
	return errors.Join(errs...)
}
