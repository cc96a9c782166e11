package sensors_test

import (
	"context"
	"testing"
	"time"

	"gasrisk"
	"gasrisk/alarm"
	"gasrisk/data/datatest"
	"gasrisk/data/sensors"
)

func TestAlarmLifecycleAppendOnly(t *testing.T) {
	s := env.SensorsCity(t)
	ctx := context.Background()
	res, err := s.Sensors.Ingest(ctx, []sensors.Reading{
		{SensorID: datatest.SensorBasement, At: now().Add(-time.Minute), Value: 25, Unit: "%LEL"}}, sensors.SourceHTTP)
	if err != nil || len(res.Raised) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	id := res.Raised[0]
	for _, step := range []struct{ to, code string }{
		{alarm.Dispatched, gasrisk.ECONFLICT}, // skips acknowledged
		{alarm.Acknowledged, ""},
		{alarm.Dispatched, ""},
		{alarm.Resolved, ""},
		{alarm.FalseAlarm, gasrisk.ECONFLICT}, // closed
		{alarm.Raised, gasrisk.ECONFLICT},
	} {
		_, err := s.Sensors.Move(ctx, id, step.to, "key:1:duty", "on site")
		if gasrisk.ErrorCode(err) != step.code && !(step.code == "" && err == nil) {
			t.Fatalf("move to %s: %v, want code %q", step.to, err, step.code)
		}
	}
	d, err := s.Sensors.Alarm(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var moves []string
	for _, e := range d.History {
		moves = append(moves, e.FromState+"→"+e.ToState+" by "+e.Actor)
	}
	want := []string{"→raised by system", "raised→acknowledged by key:1:duty", "acknowledged→dispatched by key:1:duty",
		"dispatched→resolved by key:1:duty"}
	if len(moves) != len(want) {
		t.Fatalf("history %q, want %q", moves, want)
	}
	for i := range want {
		if moves[i] != want[i] {
			t.Errorf("history[%d] = %q, want %q", i, moves[i], want[i])
		}
	}
	if d.ClosedAt == nil || len(d.Allowed) != 0 {
		t.Errorf("resolved alarm: closed_at %v, allowed %v", d.ClosedAt, d.Allowed)
	}
	if _, err := s.Sensors.Move(ctx, 999999, alarm.Acknowledged, "x", "y"); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("move of a missing alarm: %v", err)
	}

	// The service's database role cannot rewrite the history or the alarm.
	for _, q := range []string{
		`UPDATE alarm_events SET reason = 'forged'`,
		`DELETE FROM alarm_events`,
		`TRUNCATE alarm_events`,
		`DELETE FROM alarms`,
		`TRUNCATE alarms CASCADE`,
		`UPDATE alarms SET state = 'raised'`,
		`UPDATE alarms SET level = 'low'`,
		`UPDATE alarms SET first_value = 0`,
		`ALTER TABLE alarm_events DISABLE TRIGGER ALL`,
		`DROP TRIGGER alarms_lifecycle ON alarms`,
	} {
		t.Run(q, func(t *testing.T) {
			tx, err := s.DB.Pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			if _, err := tx.Exec(ctx, q); err == nil {
				t.Errorf("%s: allowed", q)
			}
		})
	}
	// Nor can the owner skip the lifecycle: the trigger holds for everyone.
	owner := datatest.Owner(t, s.DB)
	if _, err := owner.Exec(ctx, `UPDATE alarms SET state = 'raised' WHERE id = $1`, id); err == nil {
		t.Error("the owner reopened a resolved alarm")
	}
	after, err := s.Sensors.Alarm(ctx, id)
	if err != nil || len(after.History) != len(d.History) || after.State != alarm.Resolved {
		t.Errorf("alarm changed: %+v, %v", after, err)
	}
}
