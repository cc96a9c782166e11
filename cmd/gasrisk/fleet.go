package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"gasrisk/data/sensors"
	"gasrisk/riskmodel"
	"gasrisk/synth"
)

// fleet is the simulated fleet of a city's live methane detectors over
// the hours before end: noise, a few drifting, one leak half an hour
// before end (on the first detector).
func fleet(ids []string, seed int64, hours int, end time.Time) synth.Fleet {
	end = end.Truncate(time.Minute)
	return synth.Fleet{Sensors: ids, Seed: seed, Start: end.Add(-time.Duration(hours) * time.Hour),
		Leak: 0, LeakAt: end.Add(-30 * time.Minute)}
}

// eachMinute calls f with the fleet's readings of every minute from its
// start to end.
func eachMinute(f synth.Fleet, end time.Time, do func([]synth.Reading) error) error {
	for at := f.Start; !at.After(end); at = at.Add(time.Minute) {
		if err := do(f.At(at)); err != nil {
			return err
		}
	}
	return nil
}

// simulateFleet stores the simulated readings of the database's live
// methane detectors over the last hours, as if they had reported: the
// demo's map then shows their status and the leak's alarm.
func simulateFleet(ctx context.Context, a *app, s *services, seed int64, hours int) error {
	list, err := s.sensors.Sensors(ctx)
	if err != nil {
		return err
	}
	var ids []string
	for _, x := range list {
		if x.Kind == riskmodel.DetectorManhole {
			ids = append(ids, x.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	end := time.Now().Add(-time.Minute)
	f := fleet(ids, seed, hours, end)
	var batch []sensors.Reading
	n, raised := 0, 0
	flush := func() error {
		res, err := s.sensors.Ingest(ctx, batch, sensors.SourceHTTP)
		n, raised, batch = n+res.Stored, raised+len(res.Raised), batch[:0]
		return err
	}
	err = eachMinute(f, end, func(rs []synth.Reading) error {
		for _, r := range rs {
			batch = append(batch, sensors.Reading{SensorID: r.SensorID, At: r.At, Value: r.Value, Unit: r.Unit})
		}
		if len(batch) >= 20000 {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("simulating the detectors: %w", err)
	}
	fmt.Fprintf(a.stdout, "simulated %d readings of %d live detectors over %d h (%d alarm(s) raised)\n", n, len(ids), hours, raised)
	return nil
}

// writeFleetCSV writes the simulated readings of the live methane
// detectors of dir/detectors.geojson over the hours before now to
// dir/readings.csv, for POST /api/v1/readings.
func writeFleetCSV(a *app, dir string, seed int64, hours int) error {
	ids, err := liveDetectorIDs(filepath.Join(dir, "detectors.geojson"))
	if err != nil {
		return err
	}
	out, err := os.Create(filepath.Join(dir, "readings.csv"))
	if err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.Write([]string{"sensor_id", "at", "value", "unit"})
	end := time.Now().Add(-time.Minute)
	n := 0
	err = eachMinute(fleet(ids, seed, hours, end), end, func(rs []synth.Reading) error {
		for _, r := range rs {
			w.Write([]string{r.SensorID, r.At.UTC().Format(time.RFC3339), strconv.FormatFloat(r.Value, 'f', 1, 64), r.Unit})
		}
		n += len(rs)
		return w.Error()
	})
	w.Flush()
	if cerr := out.Close(); err == nil {
		err = cmpErr(w.Error(), cerr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %s: %d readings of %d live detectors over %d h\n", out.Name(), n, len(ids), hours)
	return nil
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// liveDetectorIDs reads the ids of the methane manhole detectors of a
// detectors GeoJSON file.
func liveDetectorIDs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--fleet-hours needs the GeoJSON detectors layer: %w", err)
	}
	defer f.Close()
	var fc struct {
		Features []struct {
			Properties struct {
				ID   string `json:"id"`
				Kind string `json:"kind"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.NewDecoder(io.LimitReader(f, 1<<30)).Decode(&fc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var ids []string
	for _, ft := range fc.Features {
		if ft.Properties.Kind == riskmodel.DetectorManhole {
			ids = append(ids, ft.Properties.ID)
		}
	}
	return ids, nil
}
