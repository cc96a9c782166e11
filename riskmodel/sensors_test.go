package riskmodel

import (
	"strings"
	"testing"
)

func TestSensorLevels(t *testing.T) {
	s := DefaultConfig().Sensors
	for _, tc := range []struct {
		kind  string
		value float64
		want  string
	}{
		{DetectorManhole, 0, ""},
		{DetectorManhole, 19.9, ""},
		{DetectorManhole, 20, LevelLow},
		{DetectorValveChamber, 49.9, LevelLow},
		{DetectorBasement, 50, LevelHigh},
		{DetectorBasement, 100, LevelHigh},
		{DetectorRegulator, 2.0, ""},
		{DetectorRegulator, 1.0, ""},
		{DetectorRegulator, 0.99, LevelUnder},
		{DetectorRegulator, 3.01, LevelOver},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			l, ok := s.LimitsOf(tc.kind)
			if !ok {
				t.Fatalf("no limits for %s", tc.kind)
			}
			if got := l.Level(tc.value); got != tc.want {
				t.Errorf("%s %v: level %q, want %q", tc.kind, tc.value, got, tc.want)
			}
		})
	}
	if _, ok := s.LimitsOf(DetectorLeak); ok {
		t.Error("a static leak detector has limits")
	}
}

func TestSensorValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Sensors)
		want string
	}{
		{"inverted", func(s *Sensors) { l := s.Limits[DetectorManhole]; l.Low = 60; s.Limits[DetectorManhole] = l }, "must be below high"},
		{"missing", func(s *Sensors) { delete(s.Limits, DetectorBasement) }, `sensors.limits["methane_basement"]: missing`},
		{"unknown", func(s *Sensors) { s.Limits["smoke"] = s.Limits[DetectorManhole] }, `unknown live detector kind "smoke"`},
		{"unit", func(s *Sensors) { l := s.Limits[DetectorRegulator]; l.Unit = "bar"; s.Limits[DetectorRegulator] = l }, `unit "bar"`},
		{"silence", func(s *Sensors) { l := s.Limits[DetectorManhole]; l.SilenceMin = 0; s.Limits[DetectorManhole] = l }, "silence_min"},
		{"window", func(s *Sensors) { s.AlarmWindowDays = 0 }, "alarm_window_days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			tc.edit(&c.Sensors)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestRecentAlarmsFactor(t *testing.T) {
	c := DefaultConfig()
	for _, tc := range []struct {
		n    int
		want float64 // the factor's value, 0 = no factor
	}{{0, 0}, {1, 2}, {3, 4}, {9, 4}} {
		fs := c.Sensors.alarmFactor(nil, Facts{RecentAlarms: tc.n})
		switch {
		case tc.want == 0 && len(fs) != 0:
			t.Errorf("%d alarms: factors %+v, want none", tc.n, fs)
		case tc.want != 0 && (len(fs) != 1 || fs[0].Value != tc.want || fs[0].Code != "recent_alarms"):
			t.Errorf("%d alarms: factors %+v, want recent_alarms ×%v", tc.n, fs, tc.want)
		}
	}
	// The factor raises a segment's likelihood by its value.
	f := Facts{Material: "steel", InstallYear: 2000, AsOfYear: 2026, PressureClass: ClassMPA, DiameterMM: 200}
	base := Assess(c, f)
	f.RecentAlarms = 2
	alarmed := Assess(c, f)
	if r := alarmed.LoF / base.LoF; r < 2.99 || r > 3.01 {
		t.Errorf("LoF ratio with 2 alarms = %v, want 3", r)
	}
}
