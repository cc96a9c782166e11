package sensors_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"gasrisk"
	"gasrisk/alarm"
	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/sensors"
	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// count returns a count(*) of the owner's view of the database.
func count(t *testing.T, s datatest.Services, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := datatest.Owner(t, s.DB).QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIngestRaisesAlarmAndHazard(t *testing.T) {
	s := env.SensorsCity(t)
	ctx := context.Background()
	at := now().Add(-time.Minute)
	res, err := s.Sensors.Ingest(ctx, []sensors.Reading{
		{SensorID: datatest.SensorManhole, At: at, Value: 2, Unit: "%LEL"},
		{SensorID: datatest.SensorManhole, At: at.Add(10 * time.Second), Value: 55, Unit: "%LEL"},
		{SensorID: datatest.SensorManhole, At: at.Add(20 * time.Second), Value: 62, Unit: "%lel"},
		{SensorID: datatest.SensorChamber, At: at, Value: 23, Unit: "%LEL"},
		{SensorID: datatest.SensorBasement, At: at, Value: 30, Unit: "%LEL"},
		{SensorID: datatest.SensorRegulator, At: at, Value: 3.4, Unit: "kPa"},
	}, sensors.SourceHTTP)
	if err != nil {
		t.Fatal(err)
	}
	if res.Stored != 6 || len(res.Raised) != 4 {
		t.Fatalf("result %+v, want 6 stored and 4 alarms raised", res)
	}
	list, err := s.Sensors.Alarms(ctx, sensors.Filter{State: "open"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]alarmView{}
	for _, a := range list {
		got[a.SensorID+"/"+a.Level] = alarmView{a, a.HazardID != nil}
	}
	for _, tc := range []struct {
		key              string
		peak, last       float64
		readings         int
		hazard           bool
		hazardKind       string
		hazardGrade      string
		hazardFromSource string
	}{
		{datatest.SensorManhole + "/high", 62, 62, 2, true, hazard.GasAlarm, "red", "detector"},
		{datatest.SensorChamber + "/low", 23, 23, 1, true, hazard.Occupied, "", "segment"},
		{datatest.SensorBasement + "/low", 30, 30, 1, false, "", "", ""},
		{datatest.SensorRegulator + "/over", 3.4, 3.4, 1, false, "", "", ""},
	} {
		t.Run(tc.key, func(t *testing.T) {
			a, ok := got[tc.key]
			if !ok {
				t.Fatalf("no open alarm %s among %v", tc.key, keys(got))
			}
			if a.PeakValue != tc.peak || a.LastValue != tc.last || a.Readings != tc.readings || a.State != alarm.Raised {
				t.Errorf("alarm %+v: want peak %v, last %v, %d readings, raised", a.Alarm, tc.peak, tc.last, tc.readings)
			}
			if a.hasHazard != tc.hazard {
				t.Fatalf("alarm %s: hazard %v, want %v", a.Code, a.HazardID, tc.hazard)
			}
			if !tc.hazard {
				return
			}
			h, err := s.Ledger.Hazard(ctx, *a.HazardID, datatest.Today())
			if err != nil {
				t.Fatal(err)
			}
			if h.Kind != tc.hazardKind || h.Source != tc.hazardFromSource || tc.hazardGrade != "" && h.Grade != tc.hazardGrade {
				t.Errorf("hazard %s: kind %s, source %s, grade %s; want %s, %s, %s", h.Code, h.Kind, h.Source, h.Grade,
					tc.hazardKind, tc.hazardFromSource, tc.hazardGrade)
			}
			if !historyMentions(h.History, a.Code) {
				t.Errorf("hazard %s's history does not mention alarm %s: %+v", h.Code, a.Code, h.History)
			}
		})
	}
	// The manhole went over the low set point too (55 ≥ 20 would be low,
	// but at ≥ 50 it is high): only the high alarm is raised.
	if _, ok := got[datatest.SensorManhole+"/low"]; ok {
		t.Error("a reading at the high level raised a low alarm too")
	}

	// More readings at the level add to the open alarm, raise none.
	res, err = s.Sensors.Ingest(ctx, []sensors.Reading{
		{SensorID: datatest.SensorManhole, At: at.Add(30 * time.Second), Value: 70, Unit: "%LEL"},
	}, sensors.SourceMQTT)
	if err != nil || len(res.Raised) != 0 || len(res.Updated) != 1 {
		t.Fatalf("second batch: %+v, %v; want one alarm updated", res, err)
	}
	// A repeat is ignored.
	res, err = s.Sensors.Ingest(ctx, []sensors.Reading{
		{SensorID: datatest.SensorManhole, At: at.Add(30 * time.Second), Value: 70, Unit: "%LEL"},
	}, sensors.SourceMQTT)
	if err != nil || res.Stored != 0 {
		t.Fatalf("repeat: %+v, %v; want nothing stored", res, err)
	}
	rs, err := s.Sensors.Readings(ctx, datatest.SensorManhole, at.Add(-time.Hour), at.Add(time.Hour), 0)
	if err != nil || len(rs) != 4 || rs[3].Value != 70 {
		t.Fatalf("readings %+v, %v; want 4 ending at 70", rs, err)
	}

	// A new analysis leaves the detector's hazard alone (it is not the
	// analysis's finding) and the alarm raises the likelihood of the
	// segments the detector watches.
	if _, err := s.Analysis.Analyze(ctx, analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: at}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		pipe string
		want int // segments with the factor
	}{{"S0", 1}, {"S1", 1}} {
		n := count(t, s, `SELECT count(*) FROM segments WHERE pipe_id = $1 AND run_id = (SELECT run_id FROM current_run)
			AND factors::text LIKE '%recent_alarms%'`, tc.pipe)
		if n < tc.want {
			t.Errorf("pipe %s: %d segments with the recent_alarms factor, want at least %d", tc.pipe, n, tc.want)
		}
	}

	hz := got[datatest.SensorManhole+"/high"].HazardID
	h, err := s.Ledger.Hazard(ctx, *hz, datatest.Today())
	if err != nil || h.RecheckDue || h.State != "open" {
		t.Fatalf("the alarm's hazard after a new analysis: %+v, %v; want open, not due for re-check", h.Entry, err)
	}
}

type alarmView struct {
	alarm.Alarm
	hasHazard bool
}

func keys(m map[string]alarmView) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func historyMentions(es []hazard.Event, code string) bool {
	for _, e := range es {
		if strings.Contains(e.Reason, code) {
			return true
		}
	}
	return false
}

func TestIngestRefusesBadReadings(t *testing.T) {
	s := env.SensorsCity(t)
	ctx := context.Background()
	at := now().Add(-time.Minute)
	good := sensors.Reading{SensorID: datatest.SensorManhole, At: at, Value: 80, Unit: "%LEL"}
	for _, tc := range []struct {
		name string
		bad  sensors.Reading
		code string
		want string
	}{
		{"unknown sensor", sensors.Reading{SensorID: "nope", At: at, Value: 1, Unit: "%LEL"}, gasrisk.EUNPROCESSABLE, `reading 1: sensor_id: no detector "nope"`},
		{"static detector", sensors.Reading{SensorID: datatest.SensorStatic, At: at, Value: 1, Unit: "%LEL"}, gasrisk.EUNPROCESSABLE, "reading 1: sensor_id: detector \"L-plain\" is a leak_detector"},
		{"wrong unit", sensors.Reading{SensorID: datatest.SensorRegulator, At: at, Value: 1, Unit: "%LEL"}, gasrisk.EUNPROCESSABLE, "reading 1: unit"},
		{"over 100 %LEL", sensors.Reading{SensorID: datatest.SensorManhole, At: at.Add(time.Second), Value: 140, Unit: "%LEL"}, gasrisk.EUNPROCESSABLE, "reading 1: value"},
		{"future", sensors.Reading{SensorID: datatest.SensorManhole, At: at.Add(time.Hour), Value: 1, Unit: "%LEL"}, gasrisk.EUNPROCESSABLE, "reading 1: at: "},
		{"past retention", sensors.Reading{SensorID: datatest.SensorManhole, At: at.AddDate(0, 0, -100), Value: 1, Unit: "%LEL"}, gasrisk.EUNPROCESSABLE, "retention"},
		{"no time", sensors.Reading{SensorID: datatest.SensorManhole, Value: 1, Unit: "%LEL"}, gasrisk.EINVALID, "reading 1: at"},
		{"no unit", sensors.Reading{SensorID: datatest.SensorManhole, At: at, Value: 1}, gasrisk.EINVALID, "reading 1: unit"},
		{"no sensor", sensors.Reading{At: at, Value: 1, Unit: "%LEL"}, gasrisk.EINVALID, "reading 1: sensor_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Sensors.Ingest(ctx, []sensors.Reading{good, tc.bad}, sensors.SourceHTTP)
			if gasrisk.ErrorCode(err) != tc.code || !strings.Contains(gasrisk.ErrorMessage(err), tc.want) {
				t.Errorf("Ingest = %v (%s), want %s naming %q", err, gasrisk.ErrorCode(err), tc.code, tc.want)
			}
		})
	}
	if n := count(t, s, `SELECT (SELECT count(*) FROM readings) + (SELECT count(*) FROM alarms) + (SELECT count(*) FROM sensor_status)`); n != 0 {
		t.Errorf("%d readings, alarms or statuses stored from refused batches", n)
	}
}

func TestSilentSensorFlagged(t *testing.T) {
	s := env.SensorsCity(t)
	ctx := context.Background()
	clock := now()
	svc := sensors.New(s.DB, sensors.Config{Now: func() time.Time { return clock }})
	silence := riskmodel.DefaultConfig().Sensors.Limits[riskmodel.DetectorManhole].SilenceMin
	if _, err := svc.Ingest(ctx, []sensors.Reading{
		{SensorID: datatest.SensorManhole, At: clock.Add(-time.Minute), Value: 1, Unit: "%LEL"},
		{SensorID: datatest.SensorRegulator, At: clock.Add(-time.Minute), Value: 2, Unit: "kPa"},
	}, sensors.SourceHTTP); err != nil {
		t.Fatal(err)
	}
	if ids, err := svc.Sweep(ctx); err != nil || len(ids) != 0 {
		t.Fatalf("sweep right after the readings: %v, %v; want none flagged", ids, err)
	}
	// The regulator keeps reporting; the manhole falls silent.
	clock = clock.Add(time.Duration(silence+1) * time.Minute)
	if _, err := svc.Ingest(ctx, []sensors.Reading{{SensorID: datatest.SensorRegulator, At: clock.Add(-time.Second), Value: 2, Unit: "kPa"}},
		sensors.SourceHTTP); err != nil {
		t.Fatal(err)
	}
	ids, err := svc.Sweep(ctx)
	if err != nil || len(ids) != 1 {
		t.Fatalf("sweep past the silence period: %v, %v; want one alarm", ids, err)
	}
	d, err := svc.Alarm(ctx, ids[0])
	if err != nil || d.SensorID != datatest.SensorManhole || d.Level != riskmodel.LevelSilent || d.HazardID != nil {
		t.Fatalf("silence alarm %+v, %v; want the manhole's, silent, no hazard", d.Alarm, err)
	}
	if again, err := svc.Sweep(ctx); err != nil || len(again) != 0 {
		t.Errorf("second sweep: %v, %v; want the silence flagged once", again, err)
	}
	st, err := svc.Sensors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, x := range st {
		status[x.ID] = x.Status
	}
	want := map[string]string{datatest.SensorManhole: "silent", datatest.SensorRegulator: "ok", datatest.SensorBasement: "no_data",
		datatest.SensorChamber: "no_data"}
	for id, w := range want {
		if status[id] != w {
			t.Errorf("sensor %s: status %q, want %q", id, status[id], w)
		}
	}
	if _, ok := status[datatest.SensorStatic]; ok {
		t.Error("a static leak detector is listed as a live sensor")
	}
	// Reporting again resolves the silence.
	if _, err := svc.Ingest(ctx, []sensors.Reading{{SensorID: datatest.SensorManhole, At: clock, Value: 1, Unit: "%LEL"}},
		sensors.SourceMQTT); err != nil {
		t.Fatal(err)
	}
	d, err = svc.Alarm(ctx, ids[0])
	if err != nil || d.State != alarm.Resolved || d.History[len(d.History)-1].Actor != "system" {
		t.Errorf("silence alarm after the detector reported: %+v, %v; want resolved by system", d, err)
	}
}
