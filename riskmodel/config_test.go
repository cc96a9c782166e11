package riskmodel

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultConfigValid(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestDefaultWorkRangeMultipliers: every work kind has a multiplier, the
// project defaults of docs/risk-model.md.
func TestDefaultWorkRangeMultipliers(t *testing.T) {
	want := map[string]float64{WorkExcavation: 1, WorkDrilling: 1, WorkPiling: 2, WorkBlasting: 4, WorkTrenchless: 2,
		WorkBuilding: 1, WorkEarthBorrow: 1, WorkOpenFlame: 1}
	if got := DefaultConfig().Detection.WorkRangeMultiplier; !reflect.DeepEqual(got, want) {
		t.Errorf("work_range_multiplier = %v, want %v", got, want)
	}
	if len(WorkKinds()) != len(want) {
		t.Errorf("WorkKinds() = %v: a kind without a documented default", WorkKinds())
	}
}

func TestDefaultConfigIsFresh(t *testing.T) {
	a := DefaultConfig()
	a.Detection.ProtectionRangeM[ClassLP] = 99
	a.Floors.DenseUses[0] = "other"
	if b := DefaultConfig(); b.Detection.ProtectionRangeM[ClassLP] != 0.5 || b.Floors.DenseUses[0] != UseSchool {
		t.Fatal("DefaultConfig shares state between calls")
	}
}

func TestConfigJSONRoundTrip(t *testing.T) {
	c := DefaultConfig()
	c.AsOf = "2024-06-30"
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := LoadConfig(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Fatal("round trip changed the config")
	}
}

func TestLoadConfigOverrides(t *testing.T) {
	tests := []struct {
		name  string
		json  string
		check func(Config) bool
	}{
		{"empty object keeps defaults", `{}`, func(c Config) bool { return reflect.DeepEqual(c, DefaultConfig()) }},
		{"as_of", `{"as_of":"2023-12-31"}`, func(c Config) bool { y, ok := c.AsOfYear(); return ok && y == 2023 }},
		{"one threshold", `{"thresholds":{"red":1000}}`, func(c Config) bool {
			return c.Thresholds == Thresholds{Yellow: 10, Orange: 150, Red: 1000}
		}},
		{"map entry merges", `{"detection":{"control_range_m":{"SHPB":10}}}`, func(c Config) bool {
			return c.Detection.ControlRangeM[ClassSHPB] == 10 && c.Detection.ControlRangeM[ClassSHPA] == 15 &&
				c.Detection.ControlRangeM[ClassHPA] == 50
		}},
		{"minimum segment 1 m by default, 0 keeps slivers", `{"detection":{"min_segment_m":0}}`, func(c Config) bool {
			return DefaultConfig().Detection.MinSegmentM == 1 && c.Detection.MinSegmentM == 0
		}},
		{"base rate entry", `{"base_rates":{"material_rates":{"cast_iron":0.001}}}`, func(c Config) bool {
			return c.BaseRates.MaterialRates[MaterialCastIron] == 0.001 &&
				c.BaseRates.MaterialRates[MaterialPE] == DefaultBaseRates().MaterialRates[MaterialPE]
		}},
		// A model file written before building, earth_borrow and open_flame
		// were work kinds still loads: the new kinds keep their defaults.
		{"work multipliers of the first five kinds", `{"detection":{"work_range_multiplier":` +
			`{"excavation":1,"drilling":1,"piling":3,"blasting":5,"trenchless":2}}}`, func(c Config) bool {
			m := c.Detection.WorkRangeMultiplier
			return m[WorkPiling] == 3 && m[WorkBlasting] == 5 && m[WorkBuilding] == 1 && m[WorkEarthBorrow] == 1 &&
				m[WorkOpenFlame] == 1
		}},
		{"array replaces", `{"floors":{"dense_uses":["school"]}}`, func(c Config) bool {
			return reflect.DeepEqual(c.Floors.DenseUses, []string{"school"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(strings.NewReader(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c) {
				t.Fatalf("override not applied as expected: %+v", c.Thresholds)
			}
		})
	}
}

func TestLoadConfigRejects(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"bad JSON", `{"thresholds":`, "model config"},
		{"syntax", `{"thresholds" 1}`, "invalid JSON"},
		{"empty", ``, "empty file"},
		{"not an object", `[]`, "model config"},
		{"trailing data", `{} {}`, "unexpected data"},
		{"unknown field", `{"colour":"red"}`, "unknown field"},
		{"unknown nested field", `{"thresholds":{"purple":1}}`, "unknown field"},
		{"wrong type", `{"score_scale":"big"}`, "score_scale"},
		{"descending thresholds", `{"thresholds":{"yellow":100,"orange":50,"red":600}}`, "ascend"},
		{"equal thresholds", `{"thresholds":{"orange":600}}`, "ascend"},
		{"zero threshold", `{"thresholds":{"yellow":0}}`, "positive"},
		{"negative protection range", `{"detection":{"protection_range_m":{"LP":-0.5}}}`, "protection_range_m"},
		{"negative sewer clearance", `{"detection":{"sewer_clearance_m":{"MPA":-1}}}`, "sewer_clearance_m"},
		{"zero vertical gap", `{"detection":{"vertical_gap_m":0}}`, "vertical_gap_m"},
		{"negative control range", `{"detection":{"control_range_m":{"HPA":-50}}}`, "control_range_m"},
		{"negative minimum segment", `{"detection":{"min_segment_m":-1}}`, "min_segment_m"},
		{"protection beyond control", `{"detection":{"protection_range_m":{"LP":6}}}`, "exceeds its control range"},
		{"unknown class", `{"detection":{"control_range_m":{"XHP":5}}}`, "unknown key \"XHP\""},
		{"unknown material", `{"base_rates":{"material_rates":{"wood":1e-5}}}`, "unknown key \"wood\""},
		{"unknown decade", `{"base_rates":{"decade_factors":{"1930s":1}}}`, "unknown key \"1930s\""},
		{"zero base rate", `{"base_rates":{"material_rates":{"pe":0}}}`, "material_rates"},
		{"unknown station", `{"detection":{"station_spacing_m":{"airport":5}}}`, "airport"},
		{"bad floor grade", `{"floors":{"occupied":"purple"}}`, "unknown grade"},
		{"floor order", `{"floors":{"occupied":"red","occupied_aggravated":"orange"}}`, "must not be below"},
		{"unknown dense use", `{"floors":{"dense_uses":["stadium"]}}`, "stadium"},
		{"aged years", `{"aged":{"hazard_years":0}}`, "hazard_years"},
		{"aged material", `{"aged":{"any_age":["wood"]}}`, "wood"},
		{"aged condition", `{"aged":{"hazard_conditions":["rust"]}}`, "rust"},
		{"good is no hazard", `{"aged":{"hazard_conditions":["good"]}}`, "hazard_conditions"},
		{"design life is no renewal category", `{"aged":{"design_life_years":30}}`, "unknown field"},
		{"bad grey cast iron floor", `{"floors":{"grey_cast_iron":"pink"}}`, "floors.grey_cast_iron"},
		{"mitigating aggravator", `{"likelihood":{"occupied":0.5}}`, "likelihood.occupied"},
		{"temporary above one", `{"likelihood":{"temporary_measures":{"guard":1.5}}}`, "temporary_measures"},
		{"unknown clearance kind", `{"likelihood":{"clearance":{"gas":2}}}`, "clearance"},
		{"zero impact floor", `{"consequence":{"min_impact_radius_m":0}}`, "min_impact_radius_m"},
		{"zero open area", `{"consequence":{"open_area_per_1000_m2":0}}`, "open_area_per_1000_m2"},
		{"bad default class", `{"consequence":{"default_pressure_class":"MP"}}`, "default_pressure_class"},
		{"detector credit", `{"consequence":{"detector_credit":2}}`, "detector_credit"},
		{"bad as_of", `{"as_of":"31/12/2023"}`, "YYYY-MM-DD"},
		{"work multiplier", `{"detection":{"work_range_multiplier":{"blasting":0.5}}}`, "work_range_multiplier"},
		{"new kind's multiplier", `{"detection":{"work_range_multiplier":{"open_flame":0.5}}}`, `work_range_multiplier["open_flame"]`},
		{"unknown work kind", `{"detection":{"work_range_multiplier":{"mining":1}}}`, `unknown key "mining"`},
		{"design life", `{"detection":{"station_design_life_years":{"lng":0}}}`, "station_design_life_years"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tt.json))
			if err == nil {
				t.Fatalf("accepted %s", tt.json)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}
