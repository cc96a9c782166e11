package synth

import (
	"math"
	"math/rand/v2"
	"time"
)

// liveSince is the year from which the synthetic city's sewer detectors
// are live methane monitors reporting every minute (城市生命线 programmes
// since the late 2010s); older ones are static leak detectors.
const liveSince = 2020

// detectorKind is the kind of a detector installed in year.
func detectorKind(year int) string {
	if year >= liveSince {
		return "methane_manhole"
	}
	return "leak_detector"
}

// Reading is one simulated reading of a live detector.
type Reading struct {
	SensorID string
	At       time.Time
	Value    float64 // %LEL
	Unit     string
}

// Fleet simulates the methane readings of a fleet of manhole detectors:
// background noise around 1 %LEL, a few detectors whose zero drifts
// upward, and one leak: a detector whose reading climbs past both alarm
// set points and falls back as the leak is found and stopped.
type Fleet struct {
	// Sensors are the detectors' ids.
	Sensors []string
	Seed    int64
	// DriftShare is the share of detectors that drift (default 0.02);
	// they gain DriftPerHour %LEL an hour (default 0.5) from Start.
	DriftShare   float64
	DriftPerHour float64
	Start        time.Time
	// Leak is the index of the leaking detector in Sensors (-1: none),
	// LeakAt when its reading starts to rise.
	Leak   int
	LeakAt time.Time
}

// leak is the leaking detector's excess over background, %LEL, t after
// the leak began: up to 65 %LEL over 10 minutes, held for 20, then gone
// over 10.
func leak(t time.Duration) float64 {
	m := t.Minutes()
	switch {
	case m < 0 || m > 40:
		return 0
	case m < 10:
		return 6.5 * m
	case m < 30:
		return 65
	}
	return 65 - 6.5*(m-30)
}

// At returns one reading per detector at minute at: the same fleet and
// minute always give the same readings.
func (f Fleet) At(at time.Time) []Reading {
	share, per := f.DriftShare, f.DriftPerHour
	if share == 0 {
		share = 0.02
	}
	if per == 0 {
		per = 0.5
	}
	minute := at.Truncate(time.Minute)
	out := make([]Reading, 0, len(f.Sensors))
	for i, id := range f.Sensors {
		r := rand.New(rand.NewPCG(uint64(f.Seed), entityKey(uint64(minute.Unix()), i, 0)))
		v := 1 + 0.4*r.NormFloat64()
		if float64(entityKey(tagColumn, i, int(f.Seed))%1000) < share*1000 && minute.After(f.Start) {
			v += per * minute.Sub(f.Start).Hours()
		}
		if i == f.Leak {
			v += leak(minute.Sub(f.LeakAt))
		}
		v = math.Round(min(max(v, 0), 100)*10) / 10
		out = append(out, Reading{SensorID: id, At: minute, Value: v, Unit: "%LEL"})
	}
	return out
}
