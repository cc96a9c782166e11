package sensors

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
	"gasrisk/riskmodel"
)

// sqlSilent raises a silence alarm for every detector of kind $1 whose
// latest reading is older than $2 and that has none open.
const sqlSilent = `
WITH quiet AS (
    INSERT INTO alarms AS a (sensor_id, sensor_kind, level, unit, first_at, first_value, last_at, last_value, peak_value, readings, geom)
    SELECT s.sensor_id, d.kind, 'silent', s.unit, s.last_at, s.last_value, s.last_at, s.last_value, s.last_value, 0, d.geom
    FROM sensor_status s JOIN detectors d ON d.id = s.sensor_id
    WHERE d.kind = $1 AND s.last_at < $2
    ON CONFLICT (sensor_id, level) WHERE state IN ('raised', 'acknowledged', 'dispatched') DO NOTHING
    RETURNING id, last_at)
INSERT INTO alarm_events (alarm_id, actor, action, from_state, to_state, reason)
SELECT id, 'system', 'raise', NULL, 'raised',
       format('no reading since %s (silence period %s min)', to_char(last_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), $3::text)
FROM quiet
RETURNING alarm_id`

// Sweep flags the detectors silent past their kind's silence period
// (an alarm of level silent, once per silence) and drops the readings
// partitions past the retention period. It returns the new silence
// alarms. Detectors that never reported are not flagged: their silence
// has no start.
func (s *Service) Sweep(ctx context.Context) (_ []int64, err error) {
	defer data.Annotate(&err, "sensors.Sweep")
	now := s.cfg.Now()
	var ids []int64
	err = pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		for _, k := range riskmodel.LiveDetectorKinds() {
			l, ok := s.cfg.Model.LimitsOf(k)
			if !ok {
				continue
			}
			before := now.Add(-time.Duration(l.SilenceMin * float64(time.Minute)))
			rows, err := tx.Query(ctx, sqlSilent, k, before, fmtValue(l.SilenceMin))
			if err != nil {
				return err
			}
			got, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil {
				return err
			}
			ids = append(ids, got...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	_, err = s.DropExpired(ctx)
	return ids, err
}
