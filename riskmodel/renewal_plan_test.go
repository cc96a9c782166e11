package riskmodel

import (
	"math"
	"strings"
	"testing"
)

// TestRenewalCost: the cost per metre by diameter band, new material and
// surface, with the documented defaults and an override.
func TestRenewalCost(t *testing.T) {
	p := DefaultConfig().Renewal
	tests := []struct {
		name     string
		diameter float64
		class    string
		surface  string
		want     float64
		material string
	}{
		{"DN110 LP PE under a road", 110, ClassLP, SurfaceRoad, 600 * 1.6, MaterialPE},
		{"DN160 MPA PE under a footway", 160, ClassMPA, SurfaceSidewalk, 900 * 1.25, MaterialPE},
		{"DN315 MPB in green land", 315, ClassMPB, SurfaceGreen, 1300, MaterialPE},
		{"DN400 SHPB steel unpaved", 400, ClassSHPB, SurfaceUnpaved, 2600 * 0.9, MaterialSteel},
		{"above the last band: last band's rate", 1200, ClassHPA, SurfaceGreen, 3800, MaterialSteel},
		{"unknown diameter: first band", 0, ClassLP, SurfaceGreen, 600, MaterialPE},
		{"unknown surface: the default (road)", 110, ClassLP, "", 600 * 1.6, MaterialPE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := p.YuanPerM(tt.diameter, tt.class, tt.surface)
			if math.Abs(got-tt.want) > 1e-9 || m != tt.material {
				t.Errorf("YuanPerM = %v %s, want %v %s", got, m, tt.want, tt.material)
			}
		})
	}
	t.Run("override from a model file", func(t *testing.T) {
		c, err := LoadConfig(strings.NewReader(`{"renewal": {"fixed_per_job_yuan": 50000, "surface_multiplier": {"road": 2},
			"cost_bands": [{"max_diameter_mm": 200, "yuan_per_m": {"pe": 700, "steel": 1000}}]}}`))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := c.Renewal.YuanPerM(500, ClassLP, SurfaceRoad)
		if got != 1400 || c.Renewal.FixedPerJobYuan != 50000 || c.Renewal.SurfaceMultiplier[SurfaceGreen] != 1 {
			t.Errorf("overridden: %v yuan/m, fixed %v, green %v", got, c.Renewal.FixedPerJobYuan, c.Renewal.SurfaceMultiplier[SurfaceGreen])
		}
	})
}

// TestRenewalPlanValidate: bad renewal settings are refused naming the field.
func TestRenewalPlanValidate(t *testing.T) {
	for _, tt := range []struct{ json, field string }{
		{`{"renewal": {"cost_bands": []}}`, "renewal.cost_bands"},
		{`{"renewal": {"cost_bands": [{"max_diameter_mm": 300, "yuan_per_m": {"pe": 1, "steel": 1}}, {"max_diameter_mm": 100, "yuan_per_m": {"pe": 1, "steel": 1}}]}}`, "must ascend"},
		{`{"renewal": {"cost_bands": [{"max_diameter_mm": 300, "yuan_per_m": {"steel": 1}}]}}`, `yuan_per_m["pe"]`},
		{`{"renewal": {"surface_multiplier": {"sand": 1}}}`, "unknown surface"},
		{`{"renewal": {"default_surface": "sky"}}`, "renewal.default_surface"},
		{`{"renewal": {"fixed_per_job_yuan": -1}}`, "renewal.fixed_per_job_yuan"},
		{`{"renewal": {"new_material": {"XP": "pe"}}}`, "unknown pressure class"},
		{`{"renewal": {"mandatory": [{"category": "old"}]}}`, "renewal.mandatory[0].category"},
	} {
		t.Run(tt.field, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.field) {
				t.Errorf("err %v, want one naming %s", err, tt.field)
			}
		})
	}
}

// TestMandatoryAndRenewedRisk: grey cast iron is mandatory at any class,
// occupation at MP only; a renewal in PE leaves a share of the risk below 1.
func TestMandatoryAndRenewedRisk(t *testing.T) {
	c := DefaultConfig()
	for _, tt := range []struct {
		cat, class string
		want       bool
	}{{RenewalGreyCastIron, ClassLP, true}, {RenewalOccupied, ClassMPA, true}, {RenewalOccupied, ClassLP, false},
		{RenewalAgedCondition, ClassMPB, false}} {
		if got := c.Renewal.IsMandatory(tt.cat, tt.class); got != tt.want {
			t.Errorf("IsMandatory(%s, %s) = %v", tt.cat, tt.class, got)
		}
	}
	f := c.RenewedRiskFactor(MaterialCastIron, 1965, MaterialPE, 2027)
	if !(f > 0 && f < 1) {
		t.Errorf("cast iron 1965 → PE 2027: factor %v", f)
	}
	if f := c.RenewedRiskFactor(MaterialPE, 2020, MaterialSteel, 2027); f > 1 {
		t.Errorf("factor %v above 1", f)
	}
}
