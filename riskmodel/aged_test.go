package riskmodel

import (
	"strings"
	"testing"
)

// renewalFacts is an LP DN110 pipe in open ground, assessed as of
// 2026-06-30 (Config.AsOf; Facts.AsOfYear 0).
func renewalFacts(material string, year int) Facts {
	return Facts{SegmentID: 1, PipeID: "R", LengthM: 100, Material: material, DiameterMM: 110,
		PressureClass: ClassLP, InstallYear: year, DepthM: 1.2}
}

// TestRenewalCategories: each category of 国办发〔2022〕22号 at both sides
// of its threshold and condition, their precedence, and the findings that
// no longer age a pipe.
func TestRenewalCategories(t *testing.T) {
	c := DefaultConfig()
	c.AsOf = "2026-06-30"
	tests := []struct {
		name     string
		material string
		year     int
		edit     func(*Facts)
		want     string
	}{
		{"grey cast iron, 11 years", MaterialCastIron, 2015, nil, RenewalGreyCastIron},
		{"grey cast iron, year unknown", MaterialCastIron, 0, nil, RenewalGreyCastIron},
		{"grey cast iron, occupied", MaterialCastIron, 1970, func(f *Facts) { f.Occupied = true }, RenewalGreyCastIron},

		{"ductile 1980, not assessed", MaterialDuctileIron, 1980, nil, ""},
		{"ductile 1980, assessed unsafe", MaterialDuctileIron, 1980, func(f *Facts) { f.DuctileUnsafe = true }, RenewalDuctileUnsafe},
		{"ductile 2020, assessed unsafe", MaterialDuctileIron, 2020, func(f *Facts) { f.DuctileUnsafe = true }, RenewalDuctileUnsafe},
		{"ductile 1980, corrosion (steel and PE only)", MaterialDuctileIron, 1980, func(f *Facts) { f.Condition = ConditionCorrosion }, ""},
		{"ductile 1980, occupied", MaterialDuctileIron, 1980, func(f *Facts) { f.Occupied = true }, RenewalOccupied},
		{"steel 1980, unsafe flag ignored", MaterialSteel, 1980, func(f *Facts) { f.DuctileUnsafe = true }, ""},

		{"steel 2006 (20 y), corrosion", MaterialSteel, 2006, func(f *Facts) { f.Condition = ConditionCorrosion }, RenewalAgedCondition},
		{"steel 2007 (19 y), corrosion", MaterialSteel, 2007, func(f *Facts) { f.Condition = ConditionCorrosion }, ""},
		{"steel 2006, good", MaterialSteel, 2006, func(f *Facts) { f.Condition = ConditionGood }, ""},
		{"steel 2006, not assessed", MaterialSteel, 2006, nil, ""},
		{"steel 1996 (30 y), not assessed: no design-life ageing", MaterialSteel, 1996, nil, ""},
		{"steel 2006, unknown condition value", MaterialSteel, 2006, func(f *Facts) { f.Condition = "rust" }, ""},
		{"PE 2006, leak history assessed", MaterialPE, 2006, func(f *Facts) { f.Condition = ConditionLeakHistory }, RenewalAgedCondition},
		{"PE 2006, failed inspection", MaterialPE, 2006, func(f *Facts) { f.Condition = ConditionFailedInspection }, RenewalAgedCondition},
		{"PE 2007, failed inspection", MaterialPE, 2007, func(f *Facts) { f.Condition = ConditionFailedInspection }, ""},
		{"PE 2006, a recorded leak", MaterialPE, 2006, func(f *Facts) { f.LeakHistory = 1 }, RenewalAgedCondition},
		{"PE 2007, a recorded leak", MaterialPE, 2007, func(f *Facts) { f.LeakHistory = 1 }, ""},
		{"steel 2006, corrosion, year unknown", MaterialSteel, 0, func(f *Facts) { f.Condition = ConditionCorrosion }, ""},
		{"steel 2030, corrosion, after the as-of date", MaterialSteel, 2030, func(f *Facts) { f.Condition = ConditionCorrosion }, ""},

		{"steel 2015, uncontrollable", MaterialSteel, 2015, func(f *Facts) { f.HazardUncontrollable = true }, RenewalUncontrollable},
		{"PE 2007 (19 y), uncontrollable", MaterialPE, 2007, func(f *Facts) { f.HazardUncontrollable = true }, RenewalUncontrollable},
		{"PE 2006 (20 y), uncontrollable: an assessed hazard", MaterialPE, 2006, func(f *Facts) { f.HazardUncontrollable = true }, RenewalAgedCondition},
		{"steel, year unknown, uncontrollable", MaterialSteel, 0, func(f *Facts) { f.HazardUncontrollable = true }, RenewalUncontrollable},
		{"steel 2015, not uncontrollable", MaterialSteel, 2015, func(f *Facts) { f.Condition = ConditionCorrosion }, ""},

		{"steel 1998, occupied, no condition", MaterialSteel, 1998, func(f *Facts) { f.Occupied = true }, RenewalOccupied},
		{"steel 1998, occupied, corrosion", MaterialSteel, 1998, func(f *Facts) { f.Occupied, f.Condition = true, ConditionCorrosion }, RenewalAgedCondition},
		{"PE 2000, clearance, vertical gap and crossing: no ageing", MaterialPE, 2000, func(f *Facts) {
			f.ClearanceKinds, f.VerticalGapViolation, f.SewerCrossings = []string{ClearanceWater}, true, 1
		}, ""},
		{"copper 1960, corrosion", MaterialCopper, 1960, func(f *Facts) { f.Condition = ConditionCorrosion }, ""},
		{"unknown material, uncontrollable", "", 2015, func(f *Facts) { f.HazardUncontrollable = true }, ""},
		{"copper, occupied", MaterialCopper, 1960, func(f *Facts) { f.Occupied = true }, RenewalOccupied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := renewalFacts(tt.material, tt.year)
			if tt.edit != nil {
				tt.edit(&f)
			}
			aged := AgedCategory(tt.want)
			if got := c.RenewalCategory(f); got != tt.want {
				t.Fatalf("RenewalCategory = %q, want %q", got, tt.want)
			}
			if got := c.Aged(f); got != aged {
				t.Fatalf("Aged = %v, want %v", got, aged)
			}
			a := Assess(c, f)
			if a.RenewalCategory != tt.want || a.Aged != aged || hasFactor(a, "aged", SideLikelihood) != aged {
				t.Fatalf("assessment: category %q, aged %v, factors %+v; want %q, aged %v", a.RenewalCategory, a.Aged, a.Factors, tt.want, aged)
			}
		})
	}
}

func TestAgedCategory(t *testing.T) {
	for _, cat := range RenewalCategories() {
		if AgedCategory(cat) == (cat == RenewalOccupied) {
			t.Errorf("AgedCategory(%q) = %v", cat, AgedCategory(cat))
		}
		if en, zh := RenewalCategoryLabels(cat); en == "" || zh == "" {
			t.Errorf("%s has no labels", cat)
		}
	}
	if AgedCategory("") || AgedCategory("rust") {
		t.Error("no category is aged")
	}
}

func TestAgedDetail(t *testing.T) {
	c := DefaultConfig()
	c.AsOf = "2026-06-30"
	tests := []struct {
		f    Facts
		want string
	}{
		{renewalFacts(MaterialCastIron, 2015), "grey cast iron: renewed whatever its age"},
		{func() Facts { f := renewalFacts(MaterialDuctileIron, 1980); f.DuctileUnsafe = true; return f }(), "ductile iron assessed as not meeting"},
		{func() Facts {
			f := renewalFacts(MaterialSteel, 2006)
			f.Condition, f.LeakHistory = ConditionCorrosion, 2
			return f
		}(),
			"steel, 20 years old (>= 20), assessed corrosion, 2 recorded leak(s)"},
		{func() Facts { f := renewalFacts(MaterialPE, 2015); f.HazardUncontrollable = true; return f }(),
			"PE, 11 years old (< 20), hazard that cannot be controlled"},
		{func() Facts { f := renewalFacts(MaterialPE, 0); f.HazardUncontrollable = true; return f }(),
			"PE, age unknown, hazard that cannot be controlled"},
	}
	for _, tt := range tests {
		a := Assess(c, tt.f)
		var detail string
		for _, x := range a.Factors {
			if x.Code == "aged" {
				detail = x.Detail
			}
		}
		if !strings.Contains(detail, tt.want) {
			t.Errorf("%s %d: aged detail %q, want %q", tt.f.Material, tt.f.InstallYear, detail, tt.want)
		}
	}
}

// The rule's thresholds and lists come from the config.
func TestAgedRuleConfigurable(t *testing.T) {
	c := DefaultConfig()
	c.AsOf = "2026-06-30"
	steel := renewalFacts(MaterialSteel, 2006)
	steel.LeakHistory = 1
	if got := c.RenewalCategory(steel); got != RenewalAgedCondition {
		t.Fatalf("default: %q", got)
	}
	c.AgedRule.HazardConditions = []string{ConditionCorrosion}
	if got := c.RenewalCategory(steel); got != "" {
		t.Errorf("leaks counted without leak_history among the hazard conditions: %q", got)
	}
	c.AgedRule.HazardConditions = HazardConditions()
	c.AgedRule.HazardYears = 25
	if got := c.RenewalCategory(steel); got != "" {
		t.Errorf("20-year steel aged with hazard_years 25: %q", got)
	}
	c.AgedRule.AnyAge = nil
	if got := c.RenewalCategory(renewalFacts(MaterialCastIron, 1960)); got != "" {
		t.Errorf("grey cast iron without any_age: %q", got)
	}
}

func TestAssessComputesAged(t *testing.T) {
	c := DefaultConfig()
	pe := Facts{Material: MaterialPE, PressureClass: ClassMPA, InstallYear: 2000, AsOfYear: 2025, DiameterMM: 110,
		Condition: ConditionFailedInspection}
	if !Assess(c, pe).Aged {
		t.Fatal("25-year PE that failed its inspection is not aged")
	}
	pe.InstallYear = 2010
	if Assess(c, pe).Aged {
		t.Fatal("15-year PE that failed its inspection is aged")
	}
	c.AsOf = "2035-01-01"
	pe.AsOfYear = 0
	if !Assess(c, pe).Aged {
		t.Fatal("Config.AsOf not used when Facts.AsOfYear is 0")
	}
	c.AsOf = ""
	if Assess(c, pe).Aged {
		t.Fatal("aged by condition without an as-of year")
	}
}
