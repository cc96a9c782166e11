package riskmodel

import "testing"

// worsen lists single changes that must never lower the score.
func worsen() map[string]func(*Facts) {
	return map[string]func(*Facts){
		"occupied":        func(f *Facts) { f.Occupied = true },
		"clearance":       func(f *Facts) { f.ClearanceKinds = append(f.ClearanceKinds, ClearanceSewer) },
		"vertical gap":    func(f *Facts) { f.VerticalGapViolation = true },
		"crossing":        func(f *Facts) { f.SewerCrossings++; f.CrossingsWithoutDetector++ },
		"detector lost":   func(f *Facts) { f.CrossingsWithoutDetector = f.SewerCrossings },
		"parallel sewer":  func(f *Facts) { f.NearParallelSewerM = 30 },
		"third party":     func(f *Facts) { f.ThirdPartyWorks++ },
		"leak":            func(f *Facts) { f.LeakHistory++ },
		"corrosion":       func(f *Facts) { f.Condition = ConditionCorrosion },
		"uncontrollable":  func(f *Facts) { f.HazardUncontrollable = true },
		"ductile unsafe":  func(f *Facts) { f.DuctileUnsafe = true },
		"shallow":         func(f *Facts) { f.DepthM = 0.4 },
		"receptor":        func(f *Facts) { f.Receptors = append(f.Receptors, ReceptorCount{UseResidential, 1, 6}) },
		"taller":          func(f *Facts) { f.Receptors = append(f.Receptors, ReceptorCount{UseSchool, 1, 1}) },
		"dense place":     func(f *Facts) { f.DensePlaces++; f.PlaceCapacity += 500 },
		"sewer reach":     func(f *Facts) { f.SewerReachReceptors += 3 },
		"larger diameter": func(f *Facts) { f.DiameterMM *= 2 },
		"measure removed": func(f *Facts) { f.TemporaryMeasures = nil },
		"older":           func(f *Facts) { f.InstallYear -= 10 },
		"later as-of":     func(f *Facts) { f.AsOfYear += 10 },
	}
}

func TestWorseNeverLowersScore(t *testing.T) {
	c := DefaultConfig()
	for _, m := range Materials() {
		for _, cl := range PressureClasses() {
			base := plain()
			base.Material, base.PressureClass, base.DiameterMM = m, cl, 200
			base.TemporaryMeasures = []string{"guard"}
			for name, w := range worsen() {
				t.Run(m+"/"+cl+"/"+name, func(t *testing.T) {
					a := Assess(c, base)
					f := base
					w(&f)
					if b := Assess(c, f); b.Score < a.Score || b.Grade.Rank() < a.Grade.Rank() {
						t.Fatalf("score %.4g → %.4g, grade %s → %s", a.Score, b.Score, a.Grade, b.Grade)
					}
				})
			}
		}
	}
}

func TestOlderNeverLowersScore(t *testing.T) {
	c := DefaultConfig()
	for _, m := range Materials() {
		for _, cl := range PressureClasses() {
			t.Run(m+"/"+cl, func(t *testing.T) {
				f := plain()
				f.Material, f.PressureClass, f.SewerCrossings, f.Condition = m, cl, 1, ConditionCorrosion
				prev := Assess(c, f)
				for y := 2025; y >= 1900; y-- {
					f.InstallYear = y
					a := Assess(c, f)
					if a.Score < prev.Score {
						t.Fatalf("installed %d: score %.4g below younger %.4g", y, a.Score, prev.Score)
					}
					prev = a
				}
			})
		}
	}
}

func TestHigherPressureNeverLowersScore(t *testing.T) {
	c := DefaultConfig()
	for _, m := range Materials() {
		f := worst()
		f.Material = m
		prev := 0.0
		for _, cl := range PressureClasses() {
			f.PressureClass = cl
			if s := Assess(c, f).Score; s < prev {
				t.Fatalf("%s at %s: score %.4g below lower class %.4g", m, cl, s, prev)
			} else {
				prev = s
			}
		}
	}
}
