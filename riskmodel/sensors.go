package riskmodel

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Detector kinds (detectors.kind). A leak_detector is a static point that
// only counts as coverage; the others report readings (docs/risk-model.md
// "Live detectors").
const (
	DetectorLeak         = "leak_detector"         // 泄漏监测点 (static)
	DetectorManhole      = "methane_manhole"       // 窨井甲烷监测 (sewer manhole)
	DetectorValveChamber = "methane_valve_chamber" // 阀门井甲烷监测
	DetectorBasement     = "methane_basement"      // 地下室甲烷监测
	DetectorRegulator    = "pressure_regulator"    // 调压设施出口压力监测
)

// DetectorKinds lists every kind of the detectors layer.
func DetectorKinds() []string {
	return []string{DetectorLeak, DetectorManhole, DetectorValveChamber, DetectorBasement, DetectorRegulator}
}

// LiveDetectorKinds lists the kinds that report readings.
func LiveDetectorKinds() []string {
	return []string{DetectorManhole, DetectorValveChamber, DetectorBasement, DetectorRegulator}
}

// Units of readings.
const (
	UnitLEL = "%LEL" // methane, percent of the lower explosive limit
	UnitKPa = "kPa"  // gauge pressure
)

// Alarm levels a reading or a silence raises.
const (
	LevelLow    = "low"    // methane at or above the first set point (一级报警)
	LevelHigh   = "high"   // methane at or above the second set point (二级报警)
	LevelUnder  = "under"  // pressure below its band (欠压)
	LevelOver   = "over"   // pressure above its band (超压)
	LevelSilent = "silent" // no reading within the silence period (离线)
)

// AlarmLevels lists the alarm levels.
func AlarmLevels() []string {
	return []string{LevelLow, LevelHigh, LevelUnder, LevelOver, LevelSilent}
}

// SensorLimits are the alarm thresholds of one live detector kind.
type SensorLimits struct {
	// Unit is the unit its readings must carry (UnitLEL or UnitKPa).
	Unit string `json:"unit"`
	// Band: false for a rising gas reading — at or above Low raises
	// LevelLow, at or above High LevelHigh; true for a pressure band —
	// below Low raises LevelUnder, above High LevelOver.
	Band bool    `json:"band"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// SilenceMin: a detector with no reading for this many minutes is
	// flagged silent (LevelSilent).
	SilenceMin float64 `json:"silence_min"`
}

// Level is the alarm level of a reading value, "" when it raises none.
func (l SensorLimits) Level(v float64) string {
	switch {
	case l.Band && v < l.Low:
		return LevelUnder
	case l.Band && v > l.High:
		return LevelOver
	case l.Band:
		return ""
	case v >= l.High:
		return LevelHigh
	case v >= l.Low:
		return LevelLow
	}
	return ""
}

// Sensors configures the live detectors: their thresholds by kind, when
// an alarm opens a hazard, and how recent alarms weigh on the likelihood
// of the segments a detector watches.
type Sensors struct {
	// Limits holds the thresholds of every kind of LiveDetectorKinds.
	Limits map[string]SensorLimits `json:"limits"`
	// HazardRadiusM: a gas alarm opens a hazard on the nearest pipe
	// within this distance of the detector (or attaches to an open
	// hazard within it).
	HazardRadiusM float64 `json:"hazard_radius_m"`
	// WatchRadiusM: a detector watches the segments within this distance.
	WatchRadiusM float64 `json:"watch_radius_m"`
	// AlarmWindowDays: alarms raised this many days before the analysis's
	// as-of date or later count as recent.
	AlarmWindowDays int `json:"alarm_window_days"`
	// AlarmPerEvent adds to the likelihood multiplier of a watched
	// segment per recent gas alarm (false alarms left out), up to
	// AlarmMaxEvents: 1 + AlarmPerEvent × min(n, AlarmMaxEvents).
	AlarmPerEvent  float64 `json:"alarm_per_event"`
	AlarmMaxEvents int     `json:"alarm_max_events"`
}

// defaultSensors returns the documented defaults (docs/risk-model.md
// "Live detectors"; the unconfirmed ones are listed there).
func defaultSensors() Sensors {
	// GB/T 50493-2019 §5.5.3: first set point ≤ 25 %LEL, second ≤ 50 %LEL;
	// 20 %LEL is the usual first set point of city gas detectors
	// (GB 50028-2006 §10.8.3, unconfirmed).
	gas := SensorLimits{Unit: UnitLEL, Low: 20, High: 50, SilenceMin: 15}
	return Sensors{
		Limits: map[string]SensorLimits{
			DetectorManhole: gas, DetectorValveChamber: gas, DetectorBasement: gas,
			// The supply band of natural-gas appliances, 12T: 1.0–3.0 kPa
			// around 2.0 kPa (GB/T 13611, unconfirmed): a low-pressure
			// regulator's outlet outside it is out of band.
			DetectorRegulator: {Unit: UnitKPa, Band: true, Low: 1.0, High: 3.0, SilenceMin: 15},
		},
		// Project defaults, not from a standard.
		HazardRadiusM:   20,
		WatchRadiusM:    50,
		AlarmWindowDays: 90,
		AlarmPerEvent:   1,
		AlarmMaxEvents:  3,
	}
}

// LimitsOf returns the thresholds of a live detector kind.
func (s Sensors) LimitsOf(kind string) (SensorLimits, bool) {
	l, ok := s.Limits[kind]
	return l, ok
}

// recentAlarms is the likelihood multiplier of n recent gas alarms.
func (s Sensors) recentAlarms(n int) float64 {
	return 1 + s.AlarmPerEvent*float64(min(n, s.AlarmMaxEvents))
}

func (s Sensors) validate() error {
	errs := []error{
		positive("sensors.hazard_radius_m", s.HazardRadiusM),
		positive("sensors.watch_radius_m", s.WatchRadiusM),
		nonNegative("sensors.alarm_per_event", s.AlarmPerEvent),
	}
	if s.AlarmWindowDays < 1 {
		errs = append(errs, fmt.Errorf("sensors.alarm_window_days = %d: want 1 or more", s.AlarmWindowDays))
	}
	if s.AlarmMaxEvents < 0 {
		errs = append(errs, fmt.Errorf("sensors.alarm_max_events = %d: want 0 or more", s.AlarmMaxEvents))
	}
	kinds := make([]string, 0, len(s.Limits))
	for k := range s.Limits {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		if !contains(LiveDetectorKinds(), k) {
			errs = append(errs, fmt.Errorf("sensors.limits: unknown live detector kind %q", k))
		}
	}
	for _, k := range LiveDetectorKinds() {
		l, ok := s.Limits[k]
		if !ok {
			errs = append(errs, fmt.Errorf("sensors.limits[%q]: missing", k))
			continue
		}
		errs = append(errs, l.validate("sensors.limits["+k+"]"))
	}
	return errors.Join(errs...)
}

func (l SensorLimits) validate(name string) error {
	var errs []error
	if l.Unit != UnitLEL && l.Unit != UnitKPa {
		errs = append(errs, fmt.Errorf("%s.unit %q: want %s or %s", name, l.Unit, UnitLEL, UnitKPa))
	}
	if math.IsNaN(l.Low) || math.IsInf(l.Low, 0) || math.IsNaN(l.High) || math.IsInf(l.High, 0) || !(l.Low < l.High) {
		errs = append(errs, fmt.Errorf("%s: low %v must be below high %v", name, l.Low, l.High))
	}
	if l.Unit == UnitLEL && (l.Low <= 0 || l.High > 100) {
		errs = append(errs, fmt.Errorf("%s: %%LEL set points must lie in (0, 100]", name))
	}
	return errors.Join(append(errs, positive(name+".silence_min", l.SilenceMin))...)
}
