package riskmodel

import "testing"

func TestAged(t *testing.T) {
	c := DefaultConfig()
	const asOf = 2025
	tests := []struct {
		material string
		age      int // -1: install year unknown
		hazard   bool
		want     bool
	}{
		{MaterialCastIron, 0, false, true},
		{MaterialCastIron, -1, false, true},
		{MaterialCastIron, 5, true, true},
		{MaterialDuctileIron, 29, false, false},
		{MaterialDuctileIron, 30, false, true},
		{MaterialDuctileIron, 29, true, false}, // the 20-year rule is for steel and PE only
		{MaterialSteel, 19, true, false},
		{MaterialSteel, 20, true, true},
		{MaterialSteel, 20, false, false},
		{MaterialSteel, 29, false, false},
		{MaterialSteel, 30, false, true},
		{MaterialPE, 19, true, false},
		{MaterialPE, 20, true, true},
		{MaterialPE, 29, false, false},
		{MaterialPE, 30, false, true},
		{MaterialPE, -1, true, false},
		{MaterialCopper, 60, true, false},
		{MaterialOther, 60, true, false},
		{MaterialUnknown, 60, true, false},
	}
	for _, tt := range tests {
		year := asOf - tt.age
		if tt.age < 0 {
			year = 0
		}
		t.Run(tt.material, func(t *testing.T) {
			if got := c.Aged(tt.material, year, asOf, tt.hazard); got != tt.want {
				t.Fatalf("Aged(%s, age %d, hazard %v) = %v, want %v", tt.material, tt.age, tt.hazard, got, tt.want)
			}
		})
	}
}

func TestAgedUnknownAsOf(t *testing.T) {
	c := DefaultConfig()
	if c.Aged(MaterialSteel, 1950, 0, true) {
		t.Fatal("steel aged without an as-of year")
	}
	if c.Aged(MaterialSteel, 2030, 2025, true) {
		t.Fatal("steel installed after the as-of year is aged")
	}
}

func TestAssessComputesAged(t *testing.T) {
	c := DefaultConfig()
	pe := Facts{Material: MaterialPE, PressureClass: ClassMPA, InstallYear: 2000, AsOfYear: 2025, DiameterMM: 110}
	if Assess(c, pe).Aged {
		t.Fatal("25-year PE without hazards is aged")
	}
	for name, f := range map[string]func(*Facts){
		"occupied":  func(f *Facts) { f.Occupied = true },
		"clearance": func(f *Facts) { f.ClearanceKinds = []string{ClearanceWater} },
		"vertical":  func(f *Facts) { f.VerticalGapViolation = true },
		"crossing":  func(f *Facts) { f.SewerCrossings = 1 },
	} {
		t.Run(name, func(t *testing.T) {
			g := pe
			f(&g)
			if !Assess(c, g).Aged {
				t.Fatalf("25-year PE with %s is not aged", name)
			}
		})
	}
	c.AsOf = "2035-01-01"
	pe.AsOfYear = 0
	if !Assess(c, pe).Aged {
		t.Fatal("Config.AsOf not used when Facts.AsOfYear is 0")
	}
}
