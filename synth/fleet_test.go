package synth

import (
	"fmt"
	"testing"
	"time"
)

func TestFleet(t *testing.T) {
	start := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	ids := make([]string, 500)
	for i := range ids {
		ids[i] = fmt.Sprintf("L%06d", i+1)
	}
	f := Fleet{Sensors: ids, Seed: 3, Start: start, Leak: 7, LeakAt: start.Add(2 * time.Hour)}
	var drifting, over20 int
	for m := 0; m < 6*60; m += 5 {
		at := start.Add(time.Duration(m) * time.Minute)
		rs := f.At(at)
		if len(rs) != len(ids) {
			t.Fatalf("%d readings, want %d", len(rs), len(ids))
		}
		for i, r := range rs {
			if r.Value < 0 || r.Value > 100 || r.Unit != "%LEL" || !r.At.Equal(at) {
				t.Fatalf("reading %+v", r)
			}
			if r.Value >= 20 && i != 7 {
				over20++
			}
		}
		if again := f.At(at.Add(30 * time.Second)); again[3] != rs[3] {
			t.Errorf("minute %d: not deterministic: %+v vs %+v", m, again[3], rs[3])
		}
	}
	// The leak: over 50 %LEL at its height, background before and after.
	for _, tc := range []struct {
		after    time.Duration
		min, max float64
	}{{-time.Minute, 0, 5}, {5 * time.Minute, 25, 40}, {20 * time.Minute, 60, 70}, {50 * time.Minute, 0, 5}} {
		v := f.At(f.LeakAt.Add(tc.after))[7].Value
		if v < tc.min || v > tc.max {
			t.Errorf("leak %v after its start: %v %%LEL, want %v–%v", tc.after, v, tc.min, tc.max)
		}
	}
	// Some detectors drift: after 6 hours they read clearly above the rest.
	for i, r := range f.At(start.Add(6 * time.Hour)) {
		if i != 7 && r.Value > 3.5 {
			drifting++
		}
	}
	if drifting < 3 || drifting > 25 {
		t.Errorf("%d of 500 detectors drifted, want about 2 %%", drifting)
	}
	if over20 != 0 {
		t.Errorf("%d readings of healthy detectors reached an alarm level in 6 hours", over20)
	}
}

func TestDetectorKind(t *testing.T) {
	if detectorKind(2019) != "leak_detector" || detectorKind(2020) != "methane_manhole" {
		t.Error("detector kinds by year")
	}
}
