package riskmodel

import (
	"strings"
	"testing"
)

func TestStationSpacingFor(t *testing.T) {
	d := DefaultConfig().Detection
	for _, tc := range []struct {
		kind, setting, inlet, lpg string
		key                       string
		building, dense           float64
		basis                     string
	}{
		{"regulator", "", "", "", "regulator/above_ground/MP", 6, 12, "inlet MPA assumed"},
		{"regulator", "", "SHPB", "", "regulator/above_ground/SHPB", 6, 12, ""},
		{"regulator", "", "SHPA", "", "regulator/above_ground/SHPA", 9, 18, ""},
		{"regulator", "", "HPB", "", "regulator/above_ground/HPB", 13, 25, ""},
		{"regulator", "", "HPA", "", "regulator/above_ground/HPA", 18, 30, ""},
		{"regulator_box", "", "MPB", "", "regulator/cabinet/MP", 4, 8, ""},
		{"regulator_box", "", "SHPA", "", "regulator/cabinet/SHPA", 7, 14, ""},
		{"regulator_box", "", "HPB", "", "regulator/above_ground/HPB", 13, 25, "no cabinet row for inlet HPB: above_ground used"},
		{"regulator", "cabinet", "LP", "", "regulator/cabinet/MP", 4, 8, ""},
		{"regulator_box", "underground_box", "MPA", "", "regulator/underground_box/MP", 3, 6, ""},
		{"regulator", "underground", "MPA", "", "regulator/underground/MP", 3, 6, ""},
		{"lpg", "", "", "", "lpg/I", 15, 25, "class I assumed"},
		{"lpg", "", "", "II", "lpg/II", 8, 15, ""},
		{"lpg", "", "", "III", "lpg/III", 6, 12, ""},
		{"city_gate", "", "", "", "city_gate", 25, 50, ""},
		{"lng", "", "", "", "lng", 30, 45, ""},
	} {
		s, ok := d.StationSpacingFor(tc.kind, tc.setting, tc.inlet, tc.lpg)
		if !ok || s.Key != tc.key || s.BuildingM != tc.building || s.DenseM != tc.dense || s.Basis != tc.basis {
			t.Errorf("%s/%s/%s/%s: %+v %v, want %s %v/%v %q", tc.kind, tc.setting, tc.inlet, tc.lpg, s, ok, tc.key, tc.building, tc.dense, tc.basis)
		}
	}
	if s, ok := d.StationSpacingFor("regulator_box", "wall_hung", "MPA", ""); ok {
		t.Errorf("wall-hung box spaced: %+v", s)
	}
	if s, ok := d.StationSpacingFor("airport", "", "", ""); ok {
		t.Errorf("unknown kind spaced: %+v", s)
	}
	// Every key of the tables is reachable from some station.
	if n := len(StationSpacingKeys()); n != len(d.StationSpacingM) || n != len(d.StationDenseSpacingM) {
		t.Errorf("%d keys, tables of %d and %d", n, len(d.StationSpacingM), len(d.StationDenseSpacingM))
	}
}

func TestStationSpacingConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"unknown spacing key", `{"detection":{"station_spacing_m":{"regulator/cabinet/HPA":20}}}`, "regulator/cabinet/HPA"},
		{"dense below ordinary", `{"detection":{"station_dense_spacing_m":{"lpg/II":7}}}`, "below station_spacing_m"},
		{"zero spacing", `{"detection":{"station_spacing_m":{"lpg/III":0}}}`, "lpg/III"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
	// A spacing lowered to the other side of a value is accepted.
	if _, err := LoadConfig(strings.NewReader(`{"detection":{"station_spacing_m":{"regulator/cabinet/SHPA":6.5}}}`)); err != nil {
		t.Error(err)
	}
}
