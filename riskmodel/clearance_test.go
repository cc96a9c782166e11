package riskmodel

import (
	"strings"
	"testing"
)

// TestBuildingClearance: the table values of GB 50028-2006 t.6.3.3-1 and
// §6.4.11, and the reductions of the table's note, at both sides of their
// wall thicknesses.
func TestBuildingClearance(t *testing.T) {
	d := DefaultConfig().Detection
	for _, tc := range []struct {
		class      string
		wall       float64
		protection bool
		want       float64
	}{
		{ClassLP, 0, false, 0.7},
		{ClassLP, 0, true, 0.7}, // no number for LP
		{ClassMPB, 0, true, 1.0},
		{ClassMPA, 0, false, 1.5},
		{ClassMPA, 0, true, 1.0},
		{ClassSHPB, 0, false, 5.0},
		{ClassSHPB, 20, false, 5.0}, // the wall reductions are SHPA's
		{ClassSHPB, 0, true, 3.0},
		{ClassSHPA, 0, false, 13.5},
		{ClassSHPA, 9.4, false, 13.5},
		{ClassSHPA, 9.5, false, 6.5},
		{ClassSHPA, 11.8, false, 6.5},
		{ClassSHPA, 11.9, false, 3.0},
		{ClassSHPA, 0, true, 6.5},
		{ClassSHPA, 11.9, true, 3.0},
		{ClassHPB, 0, false, 16},
		{ClassHPB, 9.5, false, 10},
		{ClassHPB, 0, true, 10},
		{ClassHPA, 9.4, false, 30},
		{ClassHPA, 9.5, false, 15},
		{ClassHPA, 0, true, 15},
	} {
		if got := d.BuildingClearance(tc.class, tc.wall, tc.protection); got != tc.want {
			t.Errorf("%s wall %v protection %v: %v m, want %v", tc.class, tc.wall, tc.protection, got, tc.want)
		}
	}
	// A reduction needing both conditions applies only with both.
	d.BuildingClearanceReductions = ClearanceReductions{{PressureClass: ClassSHPB, MinWallMM: 8, Protection: true, BuildingM: 2}}
	for _, tc := range []struct {
		wall       float64
		protection bool
		want       float64
	}{{8, true, 2}, {8, false, 5}, {7.9, true, 5}} {
		if got := d.BuildingClearance(ClassSHPB, tc.wall, tc.protection); got != tc.want {
			t.Errorf("both conditions, wall %v protection %v: %v, want %v", tc.wall, tc.protection, got, tc.want)
		}
	}
}

func TestClearanceConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"reduction above the table", `{"detection":{"building_clearance_reductions":[{"pressure_class":"SHPB","protection":true,"building_m":5.5}]}}`, "above the SHPB table value"},
		{"reduction inside protection", `{"detection":{"building_clearance_reductions":[{"pressure_class":"SHPA","min_wall_mm":12,"building_m":1.0}]}}`, "inside the SHPA protection range"},
		{"reduction without condition", `{"detection":{"building_clearance_reductions":[{"pressure_class":"SHPA","building_m":6.5}]}}`, "needs a condition"},
		{"reduction unknown class", `{"detection":{"building_clearance_reductions":[{"pressure_class":"XHP","protection":true,"building_m":6.5}]}}`, "unknown pressure class"},
		{"reduction negative wall", `{"detection":{"building_clearance_reductions":[{"pressure_class":"SHPA","min_wall_mm":-1,"building_m":6.5}]}}`, "min_wall_mm"},
		{"reduction unknown field", `{"detection":{"building_clearance_reductions":[{"pressure_class":"SHPA","wall":9,"building_m":6.5}]}}`, "unknown field"},
		{"reduction zero", `{"detection":{"building_clearance_reductions":[{"pressure_class":"SHPA","protection":true,"building_m":0}]}}`, "building_m"},
		{"clearance inside protection", `{"detection":{"building_clearance_m":{"SHPB":1.0}}}`, "inside its protection range"},
		{"table lowered under a reduction", `{"detection":{"building_clearance_m":{"SHPA":5}}}`, "above the SHPA table value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
	// Both sides: a reduction equal to the table value and one at the
	// protection range are accepted.
	for _, js := range []string{
		`{"detection":{"building_clearance_reductions":[{"pressure_class":"SHPB","protection":true,"building_m":5.0}]}}`,
		`{"detection":{"building_clearance_reductions":[{"pressure_class":"SHPA","min_wall_mm":12,"building_m":1.5}]}}`,
	} {
		if _, err := LoadConfig(strings.NewReader(js)); err != nil {
			t.Errorf("%s: %v", js, err)
		}
	}
}
