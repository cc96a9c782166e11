package riskmodel

import (
	"math"
	"testing"
)

// plain is a young PE LP segment with no findings in an empty area.
func plain() Facts {
	return Facts{SegmentID: 1, PipeID: "P1", LengthM: 120, Material: MaterialPE, DiameterMM: 110,
		PressureClass: ClassLP, InstallYear: 2018, DepthM: 1.2, AsOfYear: 2025}
}

func TestAcceptance(t *testing.T) {
	c := DefaultConfig()
	school := plain()
	school.Occupied, school.OccupiedUses = true, []string{UseSchool}
	shpb := plain()
	shpb.Material, shpb.PressureClass, shpb.DiameterMM, shpb.Occupied = MaterialSteel, ClassSHPB, 219, true
	tests := []struct {
		name  string
		f     Facts
		grade Grade
	}{
		{"young PE LP, no findings, empty area", plain(), GradeBlue},
		{"school sitting on a pipe", school, GradeRed},
		{"SHPB pipe with a building in its protection range", shpb, GradeRed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a := Assess(c, tt.f); a.Grade != tt.grade {
				t.Fatalf("grade %s (score %.3g, floor %q), want %s", a.Grade, a.Score, a.Floor, tt.grade)
			}
		})
	}
}

func checkFinite(t *testing.T, a Assessment) {
	t.Helper()
	for _, v := range []float64{a.Score, a.LoF, a.CoF, a.ImpactRadiusM} {
		if !(v > 0) || math.IsInf(v, 0) {
			t.Fatalf("non-positive or non-finite value in %+v", a)
		}
	}
	sum := 0.0
	for _, f := range a.Factors {
		if math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || math.IsNaN(f.Contribution) || math.IsInf(f.Contribution, 0) {
			t.Fatalf("factor %s not finite: %+v", f.Code, f)
		}
		if f.Label == "" || f.LabelZH == "" || f.Label == f.Code {
			t.Fatalf("factor %s lacks labels", f.Code)
		}
		sum += f.Contribution
	}
	if math.Abs(sum-math.Log10(a.Score)) > 1e-9 {
		t.Fatalf("contributions add up to %v, log10(score) = %v", sum, math.Log10(a.Score))
	}
	if !a.Grade.Valid() || a.Grade.Rank() < a.ScoreGrade.Rank() {
		t.Fatalf("grade %s below score grade %s", a.Grade, a.ScoreGrade)
	}
}

func TestEveryMaterialAndClass(t *testing.T) {
	c := DefaultConfig()
	for _, m := range append(Materials(), "asbestos") {
		for _, cl := range append(PressureClasses(), "") {
			t.Run(m+"/"+cl, func(t *testing.T) {
				f := worst()
				f.Material, f.PressureClass = m, cl
				checkFinite(t, Assess(c, f))
				f = plain()
				f.Material, f.PressureClass = m, cl
				checkFinite(t, Assess(c, f))
			})
		}
	}
}

// worst carries every finding at once.
func worst() Facts {
	return Facts{SegmentID: 9, PipeID: "W", LengthM: 3, Material: MaterialCastIron, DiameterMM: 300,
		PressureClass: ClassMPA, InstallYear: 1935, DepthM: 0.3, AsOfYear: 2025, Occupied: true,
		OccupiedUses: []string{UseMarket}, ClearanceKinds: []string{"building", "sewer", "water"},
		SewerCrossings: 3, CrossingsWithoutDetector: 2, VerticalGapViolation: true, NearParallelSewerM: 40,
		ThirdPartyWorks: 5, LeakHistory: 7, Receptors: []ReceptorCount{{UseResidential, 12, 200}, {UseHospital, 1, 12}},
		DensePlaces: 2, PlaceCapacity: 4000, SewerReachReceptors: 30}
}

func TestGarbageFactsStayFinite(t *testing.T) {
	c := DefaultConfig()
	f := Facts{Material: "??", PressureClass: "XX", PressureMPa: math.NaN(), DiameterMM: math.Inf(1),
		DepthM: math.NaN(), NearParallelSewerM: math.NaN(), InstallYear: -3, SewerCrossings: -2,
		CrossingsWithoutDetector: 9, ThirdPartyWorks: -1, LeakHistory: -4, DensePlaces: -1, PlaceCapacity: -10,
		SewerReachReceptors: -5, Receptors: []ReceptorCount{{"castle", 2, -3}, {UseSchool, -1, 4}},
		TemporaryMeasures: []string{"prayer"}, ClearanceKinds: []string{"gas"}}
	a := Assess(c, f)
	checkFinite(t, a)
	if a.PressureClass != c.Consequence.DefaultPressureClass {
		t.Fatalf("class %q", a.PressureClass)
	}
}

func TestPressureMPaDerivesClass(t *testing.T) {
	f := plain()
	f.PressureClass, f.PressureMPa, f.Occupied = "", 1.2, true
	if a := Assess(DefaultConfig(), f); a.PressureClass != ClassSHPA || a.Grade != GradeRed {
		t.Fatalf("1.2 MPa occupied: class %s grade %s", a.PressureClass, a.Grade)
	}
}

func TestLengthDoesNotMatter(t *testing.T) {
	c := DefaultConfig()
	for _, f := range []Facts{plain(), worst()} {
		a := Assess(c, f)
		for _, l := range []float64{0, 0.5, 20, 5000} {
			f.LengthM = l
			if b := Assess(c, f); b.Score != a.Score || b.Grade != a.Grade {
				t.Fatalf("length %v changed score %v → %v", l, a.Score, b.Score)
			}
		}
	}
}
