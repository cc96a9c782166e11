package riskmodel_test

import (
	"fmt"

	"gasrisk/riskmodel"
)

// A DN200 steel medium-pressure (MPA) main (219 mm outside diameter) laid
// in 1990, assessed in 2025: 35 years old, and its last inspection found
// corrosion, so aged (renewal category aged_condition: steel in service 20
// years or more with an assessed hazard, 国办发〔2022〕22号); closer to a
// block of flats than the building clearance allows; two residential
// blocks and a school within its impact radius. The contributions add up
// to log10(score). A shed built over the pipe (占压) multiplies the score
// and raises the grade by policy: occupied and aged is red whatever the
// score.
func ExampleAssess() {
	cfg := riskmodel.DefaultConfig()
	f := riskmodel.Facts{
		SegmentID: 42, PipeID: "ZY-0815", LengthM: 85,
		Material: riskmodel.MaterialSteel, DiameterMM: 219,
		PressureClass: riskmodel.ClassMPA, InstallYear: 1990, DepthM: 1.1, AsOfYear: 2025,
		Condition:      riskmodel.ConditionCorrosion,
		ClearanceKinds: []string{riskmodel.ClearanceBuilding},
		Receptors: []riskmodel.ReceptorCount{
			{Use: riskmodel.UseResidential, Count: 2, Floors: 12},
			{Use: riskmodel.UseSchool, Count: 1, Floors: 3},
		},
	}
	a := riskmodel.Assess(cfg, f)
	fmt.Printf("grade %s (%s), score %.3g, LoF %.3g /km·yr, CoF %.3g, aged %v, impact radius %.1f m\n",
		a.Grade, a.Grade.Chinese(), a.Score, a.LoF, a.CoF, a.Aged, a.ImpactRadiusM)
	for _, x := range a.Factors {
		fmt.Printf("  %-11s %-15s %+.3f  %s\n", x.Side, x.Code, x.Contribution, x.Label)
	}

	f.Occupied, f.OccupiedUses = true, []string{riskmodel.UseOther}
	b := riskmodel.Assess(cfg, f)
	fmt.Printf("occupied: grade %s (%s), score %.3g, score grade %s, floor %s\n",
		b.Grade, b.Grade.Chinese(), b.Score, b.ScoreGrade, b.Floor)
	// Output:
	// grade yellow (一般), score 76.9, LoF 8.27e-05 /km·yr, CoF 9.3, aged true, impact radius 13.8 m
	//   likelihood  base_rate       +0.440  Base failure rate
	//   likelihood  clearance       +0.301  Insufficient clearance
	//   likelihood  aged            +0.176  Aged pipe
	//   consequence impact_radius   +0.031  Impact area
	//   consequence receptors       +0.937  Buildings within impact radius
	// occupied: grade red (重大), score 385, score grade orange, floor floor_major_hazard
}

// An Assessor gives the same result as Assess; it reuses the detail texts
// that segments of a network share, one Assessor per goroutine. The second
// segment of the 1990 steel main has two active permits within its control
// range (its excavation threat, 74 % of steel's base rate, × 5: likelihood
// × 3.95); the young PE low-pressure main scores lowest.
// The steel main, 35 years old but with no assessed hazard, is not aged.
func ExampleAssessor() {
	cfg := riskmodel.DefaultConfig()
	as := riskmodel.NewAssessor(cfg)
	for _, f := range []riskmodel.Facts{
		{SegmentID: 1, PipeID: "ZY-0815", Material: riskmodel.MaterialSteel, DiameterMM: 219,
			PressureClass: riskmodel.ClassMPA, InstallYear: 1990, AsOfYear: 2025},
		{SegmentID: 2, PipeID: "ZY-0815", Material: riskmodel.MaterialSteel, DiameterMM: 219,
			PressureClass: riskmodel.ClassMPA, InstallYear: 1990, AsOfYear: 2025, ThirdPartyWorks: 2},
		{SegmentID: 3, PipeID: "DY-0042", Material: riskmodel.MaterialPE, DiameterMM: 110,
			PressureClass: riskmodel.ClassLP, InstallYear: 2018, AsOfYear: 2025},
	} {
		a := as.Assess(f)
		same := riskmodel.Assess(cfg, f).Score == a.Score
		fmt.Printf("segment %d %s: %s, score %.3g, aged %v (same as Assess: %v)\n", a.SegmentID, a.PipeID, a.Grade, a.Score, a.Aged, same)
	}
	// Output:
	// segment 1 ZY-0815: blue, score 0.826, aged false (same as Assess: true)
	// segment 2 ZY-0815: blue, score 3.26, aged false (same as Assess: true)
	// segment 3 DY-0042: blue, score 0.224, aged false (same as Assess: true)
}
