package riskmodel

import (
	"errors"
	"fmt"
	"strings"
)

// Regulator settings (stations.setting, GB 50028-2006 table 6.6.3 and
// §6.6.4).
const (
	SettingAboveGround    = "above_ground"    // 地上单独建筑
	SettingCabinet        = "cabinet"         // 调压柜
	SettingUnderground    = "underground"     // 地下单独建筑
	SettingUndergroundBox = "underground_box" // 地下调压箱
	SettingWallHung       = "wall_hung"       // 悬挂式调压箱 (§6.6.4: no spacing to buildings checked)
)

// StationSettings returns the regulator settings.
func StationSettings() []string {
	return []string{SettingAboveGround, SettingCabinet, SettingUnderground, SettingUndergroundBox, SettingWallHung}
}

// LPGClasses returns the classes of bottled-LPG supply stations (GB
// 50028-2006 §8.6: Ⅰ 6–20 m³, Ⅱ 1–6 m³, Ⅲ ≤ 1 m³ of cylinders).
func LPGClasses() []string { return []string{"I", "II", "III"} }

// Defaults for station attributes a layer leaves out.
const (
	// DefaultInletClass is assumed for a regulator without
	// inlet_pressure_class: the usual city distribution pressure.
	DefaultInletClass = ClassMPA
	// DefaultLPGClass is assumed for an LPG station without lpg_class:
	// the largest supply-station class.
	DefaultLPGClass = "I"
)

// regulatorRows lists, per setting, the inlet rows of table 6.6.3: "MP"
// stands for LP, MPB and MPA.
func regulatorRows() map[string][]string {
	return map[string][]string{
		SettingAboveGround:    {ClassHPA, ClassHPB, ClassSHPA, ClassSHPB, "MP"},
		SettingCabinet:        {ClassSHPA, ClassSHPB, "MP"},
		SettingUnderground:    {"MP"},
		SettingUndergroundBox: {"MP"},
	}
}

// StationSpacingKeys returns the keys of station_spacing_m and
// station_dense_spacing_m: city_gate, storage, cng, lng by kind;
// regulator/SETTING/INLET for regulators and regulator boxes; lpg/CLASS for
// bottled-LPG supply stations.
func StationSpacingKeys() []string {
	keys := []string{"city_gate", "storage", "cng", "lng"}
	rows := regulatorRows()
	for _, s := range StationSettings() {
		for _, in := range rows[s] {
			keys = append(keys, "regulator/"+s+"/"+in)
		}
	}
	for _, c := range LPGClasses() {
		keys = append(keys, "lpg/"+c)
	}
	return keys
}

// StationSpacing is the safety spacing one station keeps.
type StationSpacing struct {
	Key       string  // the entry of station_spacing_m used
	BuildingM float64 // to ordinary buildings
	DenseM    float64 // to dense-occupancy places and important public buildings
	Basis     string  // what was assumed or substituted, "" if nothing
}

// StationSpacingFor resolves the spacing of a station from its kind and
// its optional setting, inlet pressure class and LPG class ("" = absent):
// a regulator's setting defaults from its kind (regulator → above_ground,
// regulator_box → cabinet), its inlet to DefaultInletClass, an LPG
// station's class to DefaultLPGClass. A setting without a row for the
// inlet (a cabinet fed at high pressure) takes the above-ground row of
// that inlet. ok is false when no spacing to buildings applies (a wall-hung
// box, an unknown kind).
func (d Detection) StationSpacingFor(kind, setting, inlet, lpgClass string) (StationSpacing, bool) {
	var key string
	var basis []string
	switch kind {
	case "regulator", "regulator_box":
		if setting == "" {
			setting = SettingAboveGround
			if kind == "regulator_box" {
				setting = SettingCabinet
			}
		}
		if setting == SettingWallHung {
			return StationSpacing{}, false
		}
		if inlet == "" {
			inlet = DefaultInletClass
			basis = append(basis, "inlet "+inlet+" assumed")
		}
		row := inlet
		if row == ClassLP || row == ClassMPB || row == ClassMPA {
			row = "MP"
		}
		if !contains(regulatorRows()[setting], row) {
			basis = append(basis, fmt.Sprintf("no %s row for inlet %s: above_ground used", setting, inlet))
			setting = SettingAboveGround
		}
		key = "regulator/" + setting + "/" + row
	case "lpg":
		if lpgClass == "" {
			lpgClass = DefaultLPGClass
			basis = append(basis, "class "+lpgClass+" assumed")
		}
		key = "lpg/" + lpgClass
	default:
		key = kind
	}
	b, ok1 := d.StationSpacingM[key]
	dense, ok2 := d.StationDenseSpacingM[key]
	if !ok1 || !ok2 {
		return StationSpacing{}, false
	}
	return StationSpacing{Key: key, BuildingM: b, DenseM: dense, Basis: strings.Join(basis, "; ")}, true
}

// validateStations: both spacing tables give every key, and the spacing to
// dense places is not below the spacing to ordinary buildings.
func (d Detection) validateStations() error {
	errs := []error{
		checkTable("detection.station_spacing_m", d.StationSpacingM, StationSpacingKeys()),
		checkTable("detection.station_dense_spacing_m", d.StationDenseSpacingM, StationSpacingKeys()),
	}
	for _, k := range StationSpacingKeys() {
		if b, dn := d.StationSpacingM[k], d.StationDenseSpacingM[k]; dn < b {
			errs = append(errs, fmt.Errorf("detection: station_dense_spacing_m[%q] %v m is below station_spacing_m %v m", k, dn, b))
		}
	}
	return errors.Join(errs...)
}
