package sensors

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/alarm"
	"gasrisk/data"
	"gasrisk/riskmodel"
)

// Filter selects alarms. Zero fields select everything.
type Filter struct {
	SensorID string
	// State is one of alarm.States, or "open" for the alarms that still
	// need handling.
	State string
	Level string
	// Since: alarms raised at or after it.
	Since time.Time
	// Limit caps the list (0: 500, at most 5000); AfterID pages on.
	Limit   int
	AfterID int64
}

// check checks a filter, naming the parameter at fault.
func (f Filter) check() error {
	switch {
	case f.State != "" && f.State != "open" && !slices.Contains(alarm.States(), f.State):
		return gasrisk.Errorf(gasrisk.EINVALID, "state %q: want open or one of %s", f.State, strings.Join(alarm.States(), ", "))
	case f.Level != "" && !slices.Contains(riskmodel.AlarmLevels(), f.Level):
		return gasrisk.Errorf(gasrisk.EINVALID, "level %q: want one of %s", f.Level, strings.Join(riskmodel.AlarmLevels(), ", "))
	case f.Limit < 0 || f.Limit > 5000:
		return gasrisk.Errorf(gasrisk.EINVALID, "limit %d: want 1–5000", f.Limit)
	}
	return nil
}

const alarmColumns = `a.id, a.code, a.sensor_id, a.sensor_kind, a.level, a.state, a.unit, a.first_at, a.first_value,
	a.last_at, a.last_value, a.peak_value, a.readings, a.hazard_id, coalesce(h.code, ''), a.raised_at, a.updated_at,
	a.closed_at, ST_X(ST_Transform(ST_PointOnSurface(a.geom), 4326)), ST_Y(ST_Transform(ST_PointOnSurface(a.geom), 4326))`

const alarmFrom = ` FROM alarms a LEFT JOIN hazards h ON h.id = a.hazard_id`

func scanAlarm(row pgx.CollectableRow) (alarm.Alarm, error) {
	var a alarm.Alarm
	err := row.Scan(&a.ID, &a.Code, &a.SensorID, &a.SensorKind, &a.Level, &a.State, &a.Unit, &a.FirstAt, &a.FirstValue,
		&a.LastAt, &a.LastValue, &a.PeakValue, &a.Readings, &a.HazardID, &a.HazardCode, &a.RaisedAt, &a.UpdatedAt,
		&a.ClosedAt, &a.Lon, &a.Lat)
	n := alarm.LevelName(a.Level)
	a.LevelName, a.LevelNameZH = n.EN, n.ZH
	return a, err
}

// Alarms lists alarms, newest first.
func (s *Service) Alarms(ctx context.Context, f Filter) (_ []alarm.Alarm, err error) {
	defer data.Annotate(&err, "sensors.Alarms")
	if err := f.check(); err != nil {
		return nil, err
	}
	if f.Limit == 0 {
		f.Limit = 500
	}
	open := f.State == "open"
	state := f.State
	if open {
		state = ""
	}
	var since *time.Time
	if !f.Since.IsZero() {
		since = &f.Since
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT `+alarmColumns+alarmFrom+`
		WHERE ($1 = '' OR a.sensor_id = $1) AND ($2 = '' OR a.state = $2) AND ($3 = '' OR a.level = $3)
		  AND (NOT $4 OR a.state IN ('raised', 'acknowledged', 'dispatched'))
		  AND ($5::timestamptz IS NULL OR a.raised_at >= $5) AND ($6 = 0 OR a.id < $6)
		ORDER BY a.id DESC LIMIT $7`, f.SensorID, state, f.Level, open, since, f.AfterID, f.Limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, scanAlarm)
}

// Alarm returns one alarm with its history.
func (s *Service) Alarm(ctx context.Context, id int64) (_ alarm.Detail, err error) {
	defer data.Annotate(&err, "sensors.Alarm")
	return alarmDetail(ctx, s.db.Pool, id)
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func alarmDetail(ctx context.Context, q querier, id int64) (alarm.Detail, error) {
	rows, err := q.Query(ctx, `SELECT `+alarmColumns+alarmFrom+` WHERE a.id = $1`, id)
	if err != nil {
		return alarm.Detail{}, err
	}
	a, err := pgx.CollectExactlyOneRow(rows, scanAlarm)
	if errors.Is(err, pgx.ErrNoRows) {
		return alarm.Detail{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "no alarm %d", id)
	}
	if err != nil {
		return alarm.Detail{}, err
	}
	rows, err = q.Query(ctx, `SELECT id, at, actor, action, coalesce(from_state, ''), to_state, reason, data
		FROM alarm_events WHERE alarm_id = $1 ORDER BY id`, id)
	if err != nil {
		return alarm.Detail{}, err
	}
	hist, err := pgx.CollectRows(rows, pgx.RowToStructByPos[alarm.Event])
	if err != nil {
		return alarm.Detail{}, err
	}
	return alarm.Detail{Alarm: a, History: hist, Allowed: alarm.Allowed(a.State)}, nil
}

// Move moves alarm id to state to, by actor for reason, and appends the
// move to its history. A move the lifecycle does not allow is a
// conflict.
func (s *Service) Move(ctx context.Context, id int64, to, actor, reason string) (_ alarm.Detail, err error) {
	defer data.Annotate(&err, "sensors.Move")
	var d alarm.Detail
	err = pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		var from string
		err := tx.QueryRow(ctx, `SELECT state FROM alarms WHERE id = $1 FOR UPDATE`, id).Scan(&from)
		if errors.Is(err, pgx.ErrNoRows) {
			return gasrisk.Errorf(gasrisk.ENOTFOUND, "no alarm %d", id)
		}
		if err != nil {
			return err
		}
		if err := alarm.Check(from, to, actor, reason); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE alarms SET state = $2, updated_at = now(),
			closed_at = CASE WHEN $2 IN ('resolved', 'false_alarm') THEN now() END WHERE id = $1`, id, to); err != nil {
			return err
		}
		if err := appendEvent(ctx, tx, id, actor, to, from, to, strings.TrimSpace(reason), nil); err != nil {
			return err
		}
		d, err = alarmDetail(ctx, tx, id)
		return err
	})
	return d, err
}
