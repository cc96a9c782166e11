package riskmodel

import "testing"

func TestFloorRules(t *testing.T) {
	c := DefaultConfig()
	tests := []struct {
		name  string
		edit  func(*Facts)
		grade Grade
		floor string
	}{
		{"not occupied: no floor", func(f *Facts) {}, GradeBlue, ""},
		{"not occupied, aged, SHPA, school nearby: no floor", func(f *Facts) {
			f.Material, f.InstallYear, f.PressureClass = MaterialCastIron, 1970, ClassSHPA
			f.Receptors = []ReceptorCount{{UseSchool, 1, 1}}
		}, GradeYellow, ""}, // yellow by score alone
		{"occupied alone: orange", func(f *Facts) { f.Occupied = true }, GradeOrange, "floor_occupied"},
		{"occupied, young steel: orange", func(f *Facts) { f.Occupied, f.Material = true, MaterialSteel }, GradeOrange, "floor_occupied"},
		{"occupied and aged: red", func(f *Facts) { f.Occupied, f.Material = true, MaterialCastIron }, GradeRed, "floor_occupied_aged"},
		{"occupied, PE aged by the 20-year rule: red", func(f *Facts) { f.Occupied, f.InstallYear = true, 2005 }, GradeRed, "floor_occupied_aged"},
		{"occupied, PE 19 years: orange", func(f *Facts) { f.Occupied, f.InstallYear = true, 2006 }, GradeOrange, "floor_occupied"},
		{"occupied at MPA: orange", func(f *Facts) { f.Occupied, f.PressureClass = true, ClassMPA }, GradeOrange, "floor_occupied"},
		{"occupied at SHPB: red", func(f *Facts) { f.Occupied, f.PressureClass = true, ClassSHPB }, GradeRed, "floor_occupied_high_pressure"},
		{"occupied at HPA: red", func(f *Facts) { f.Occupied, f.PressureClass = true, ClassHPA }, GradeRed, "floor_occupied_high_pressure"},
		{"occupied at 0.5 MPa: red", func(f *Facts) { f.Occupied, f.PressureClass, f.PressureMPa = true, "", 0.5 }, GradeRed, "floor_occupied_high_pressure"},
		{"occupied, dense place: red", func(f *Facts) { f.Occupied, f.DensePlaces = true, 1 }, GradeRed, "floor_occupied_dense_place"},
		{"occupied by a hospital: red", func(f *Facts) { f.Occupied, f.OccupiedUses = true, []string{UseHospital} }, GradeRed, "floor_occupied_dense_place"},
		{"occupied by housing: orange", func(f *Facts) { f.Occupied, f.OccupiedUses = true, []string{UseResidential} }, GradeOrange, "floor_occupied"},
		{"occupied, nursing home in reach: red", func(f *Facts) {
			f.Occupied, f.Receptors = true, []ReceptorCount{{UseNursingHome, 1, 3}}
		}, GradeRed, "floor_occupied_dense_place"},
		{"occupied, mall count 0: orange", func(f *Facts) {
			f.Occupied, f.Receptors = true, []ReceptorCount{{UseMall, 0, 0}}
		}, GradeOrange, "floor_occupied"},
		{"occupied, guarded: still orange", func(f *Facts) {
			f.Occupied, f.TemporaryMeasures = true, []string{"guard", "leak_detector"}
		}, GradeOrange, "floor_occupied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := plain()
			tt.edit(&f)
			a := Assess(c, f)
			if a.Grade != tt.grade || a.Floor != tt.floor {
				t.Fatalf("grade %s floor %q (score %.3g, score grade %s), want %s %q", a.Grade, a.Floor, a.Score, a.ScoreGrade, tt.grade, tt.floor)
			}
			if tt.floor != "" && !hasFactor(a, tt.floor, SidePolicy) {
				t.Fatalf("factor %s missing", tt.floor)
			}
		})
	}
}

func TestFloorDoesNotLowerOrClaimCredit(t *testing.T) {
	c := DefaultConfig()
	f := worst()
	a := Assess(c, f)
	if a.ScoreGrade != GradeRed || a.Grade != GradeRed || a.Floor != "" {
		t.Fatalf("red by score: grade %s score grade %s floor %q", a.Grade, a.ScoreGrade, a.Floor)
	}
	if !hasFactor(a, "floor_occupied_aged", SidePolicy) {
		t.Fatal("applicable policy rules must still be listed")
	}
}

func TestConfigurableFloors(t *testing.T) {
	c := DefaultConfig()
	c.Floors.Occupied, c.Floors.OccupiedAggravated = GradeYellow, GradeOrange
	f := plain()
	f.Occupied, f.PressureClass = true, ClassHPB
	if a := Assess(c, f); a.Grade != GradeOrange {
		t.Fatalf("grade %s", a.Grade)
	}
}

func hasFactor(a Assessment, code, side string) bool {
	for _, f := range a.Factors {
		if f.Code == code && f.Side == side {
			return true
		}
	}
	return false
}
