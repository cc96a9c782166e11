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
		{"occupied, PE 20 years without an assessed condition: orange, occupation is no ageing", func(f *Facts) {
			f.Occupied, f.InstallYear = true, 2005
		}, GradeOrange, "floor_occupied"},
		{"occupied, PE 20 years that failed its inspection: red", func(f *Facts) {
			f.Occupied, f.InstallYear, f.Condition = true, 2005, ConditionFailedInspection
		}, GradeRed, "floor_occupied_aged"},
		{"occupied, PE 19 years that failed its inspection: orange", func(f *Facts) {
			f.Occupied, f.InstallYear, f.Condition = true, 2006, ConditionFailedInspection
		}, GradeOrange, "floor_occupied"},
		{"occupied, PE 15 years with an uncontrollable hazard: red", func(f *Facts) {
			f.Occupied, f.InstallYear, f.HazardUncontrollable = true, 2010, true
		}, GradeRed, "floor_occupied_aged"},
		{"occupied, steel 1998 without an assessed condition: orange", func(f *Facts) {
			f.Occupied, f.Material, f.InstallYear = true, MaterialSteel, 1998
			f.ClearanceKinds, f.SewerCrossings = []string{ClearanceSewer}, 1
		}, GradeOrange, "floor_occupied"},
		{"occupied, ductile iron 1980 assessed unsafe: red", func(f *Facts) {
			f.Occupied, f.Material, f.InstallYear, f.DuctileUnsafe = true, MaterialDuctileIron, 1980, true
		}, GradeRed, "floor_occupied_aged"},
		{"grey cast iron DN100 LP in open ground: yellow", func(f *Facts) {
			f.Material, f.DiameterMM, f.InstallYear = MaterialCastIron, 100, 1975
		}, GradeYellow, "floor_grey_cast_iron"},
		{"grey cast iron, year unknown: yellow", func(f *Facts) { f.Material, f.InstallYear = MaterialCastIron, 0 }, GradeYellow, "floor_grey_cast_iron"},
		{"ductile iron DN100 LP 1975 in open ground: blue", func(f *Facts) {
			f.Material, f.DiameterMM, f.InstallYear = MaterialDuctileIron, 100, 1975
		}, GradeBlue, ""},
		{"occupied at LP: orange", func(f *Facts) { f.Occupied, f.PressureClass = true, ClassLP }, GradeOrange, "floor_occupied"},
		{"occupied at MPB: major hazard, red", func(f *Facts) { f.Occupied, f.PressureClass = true, ClassMPB }, GradeRed, "floor_major_hazard"},
		{"occupied at MPA: major hazard, red", func(f *Facts) { f.Occupied, f.PressureClass = true, ClassMPA }, GradeRed, "floor_major_hazard"},
		{"occupied at SHPB: major hazard, red", func(f *Facts) { f.Occupied, f.PressureClass = true, ClassSHPB }, GradeRed, "floor_major_hazard"},
		{"occupied at HPA: major hazard, red", func(f *Facts) { f.Occupied, f.PressureClass = true, ClassHPA }, GradeRed, "floor_major_hazard"},
		{"occupied at 0.5 MPa: major hazard, red", func(f *Facts) { f.Occupied, f.PressureClass, f.PressureMPa = true, "", 0.5 }, GradeRed, "floor_major_hazard"},
		{"occupied at 0.005 MPa (LP): orange", func(f *Facts) { f.Occupied, f.PressureClass, f.PressureMPa = true, "", 0.005 }, GradeOrange, "floor_occupied"},
		{"through a sewer, cased, detector: orange", func(f *Facts) { f.SewerCrossings, f.ThroughSewers = 1, 1 }, GradeOrange, "floor_through_sewer"},
		{"through a sewer, exposed, nobody along it: orange", func(f *Facts) {
			f.SewerCrossings, f.ThroughSewers, f.ThroughSewersExposed = 1, 1, 1
		}, GradeOrange, "floor_through_sewer"},
		{"through a sewer, exposed, buildings along it: red", func(f *Facts) {
			f.SewerCrossings, f.ThroughSewers, f.ThroughSewersExposed, f.SewerReachReceptors = 1, 1, 1, 3
		}, GradeRed, "floor_through_sewer_exposed"},
		{"through a sewer, exposed, a market in reach: red", func(f *Facts) {
			f.SewerCrossings, f.ThroughSewers, f.ThroughSewersExposed, f.DensePlaces = 1, 1, 1, 1
		}, GradeRed, "floor_through_sewer_exposed"},
		{"through a sewer, protected, buildings along it: orange", func(f *Facts) {
			f.SewerCrossings, f.ThroughSewers, f.SewerReachReceptors = 1, 1, 3
		}, GradeOrange, "floor_through_sewer"},
		{"crossing under the sewer, buildings along it: no floor", func(f *Facts) {
			f.SewerCrossings, f.VerticalGapViolation, f.SewerReachReceptors = 1, true, 3
		}, GradeBlue, ""},
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

// Grey cast iron is at least yellow anywhere, also where occupation or
// the score grade it higher; its rule is then listed but sets nothing.
func TestGreyCastIronFloor(t *testing.T) {
	c := DefaultConfig()
	for _, cl := range PressureClasses() {
		for _, year := range []int{0, 1950, 1988, 2015} {
			f := plain()
			f.Material, f.PressureClass, f.InstallYear, f.DiameterMM = MaterialCastIron, cl, year, 100
			a := Assess(c, f)
			if a.Grade.Rank() < GradeYellow.Rank() || a.RenewalCategory != RenewalGreyCastIron || !hasFactor(a, "floor_grey_cast_iron", SidePolicy) {
				t.Errorf("%s %d: grade %s, category %q", cl, year, a.Grade, a.RenewalCategory)
			}
		}
	}
	f := plain()
	f.Material, f.Occupied = MaterialCastIron, true
	if a := Assess(c, f); a.Floor != "floor_occupied_aged" || !hasFactor(a, "floor_grey_cast_iron", SidePolicy) {
		t.Errorf("occupied grey cast iron: floor %q, factors %+v", a.Floor, a.Factors)
	}
	c.Floors.GreyCastIron = GradeOrange
	f = plain()
	f.Material = MaterialCastIron
	if a := Assess(c, f); a.Grade != GradeOrange || a.Floor != "floor_grey_cast_iron" {
		t.Errorf("floors.grey_cast_iron orange: grade %s floor %q", a.Grade, a.Floor)
	}
}

func TestConfigurableFloors(t *testing.T) {
	c := DefaultConfig()
	c.Floors.Occupied, c.Floors.OccupiedAggravated, c.Floors.MajorHazard = GradeYellow, GradeOrange, GradeOrange
	f := plain()
	f.Occupied, f.PressureClass = true, ClassHPB
	if a := Assess(c, f); a.Grade != GradeOrange {
		t.Fatalf("grade %s", a.Grade)
	}
	c.Floors.MajorHazard = GradeYellow
	if err := c.Validate(); err == nil {
		t.Fatal("a major hazard floor below the aggravated occupation floor must be refused")
	}
}

// TestLowPressureNeverAboveMedium: an LP occupation is never graded above
// an otherwise equal MP one, over combinations of the other facts.
func TestLowPressureNeverAboveMedium(t *testing.T) {
	c := DefaultConfig()
	edits := map[string]func(*Facts){
		"aged":        func(f *Facts) { f.Material, f.InstallYear = MaterialCastIron, 1970 },
		"school":      func(f *Facts) { f.OccupiedUses = []string{UseSchool} },
		"dense place": func(f *Facts) { f.DensePlaces, f.PlaceCapacity = 1, 800 },
		"receptors":   func(f *Facts) { f.Receptors = []ReceptorCount{{UseResidential, 20, 120}} },
		"crossing":    func(f *Facts) { f.SewerCrossings, f.CrossingsWithoutDetector = 2, 1 },
		"works":       func(f *Facts) { f.ThirdPartyWorks = 1 },
		"guarded":     func(f *Facts) { f.TemporaryMeasures = []string{"guard"} },
	}
	names := make([]string, 0, len(edits))
	for n := range edits {
		names = append(names, n)
	}
	for mask := 0; mask < 1<<len(names); mask++ {
		f := plain()
		f.Occupied, f.OccupiedUses = true, []string{UseResidential}
		var set []string
		for i, n := range names {
			if mask&(1<<i) != 0 {
				edits[n](&f)
				set = append(set, n)
			}
		}
		for _, mp := range []string{ClassMPB, ClassMPA} {
			lp, m := f, f
			lp.PressureClass, m.PressureClass = ClassLP, mp
			if gl, gm := Assess(c, lp).Grade, Assess(c, m).Grade; gl.Rank() > gm.Rank() {
				t.Errorf("%v: LP %s above %s %s", set, gl, mp, gm)
			}
		}
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
