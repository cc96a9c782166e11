package sensors

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/riskmodel"
)

// Sensor is a live detector with its latest reading and status.
type Sensor struct {
	ID   string  `json:"id"`
	Kind string  `json:"kind"`
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	Unit string  `json:"unit"`
	// LastAt and LastValue are its latest reading (nil: none yet).
	LastAt    *time.Time `json:"last_at"`
	LastValue *float64   `json:"last_value"`
	// Status: ok, alarm (a reading alarm open), silent (a silence alarm
	// open) or no_data (never reported).
	Status string `json:"status"`
	// OpenAlarms lists the levels of its open alarms.
	OpenAlarms []string `json:"open_alarms"`
}

// Sensors lists the live detectors with their status, by id.
func (s *Service) Sensors(ctx context.Context) (_ []Sensor, err error) {
	defer data.Annotate(&err, "sensors.Sensors")
	rows, err := s.db.Pool.Query(ctx, `
SELECT d.id, d.kind, ST_X(ST_Transform(d.geom, 4326)), ST_Y(ST_Transform(d.geom, 4326)), coalesce(st.unit, ''),
       st.last_at, st.last_value,
       coalesce((SELECT array_agg(a.level ORDER BY a.level) FROM alarms a
                 WHERE a.sensor_id = d.id AND a.state IN ('raised', 'acknowledged', 'dispatched')), '{}')
FROM detectors d LEFT JOIN sensor_status st ON st.sensor_id = d.id
WHERE d.kind = ANY($1) ORDER BY d.id`, riskmodel.LiveDetectorKinds())
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Sensor, error) {
		var x Sensor
		err := row.Scan(&x.ID, &x.Kind, &x.Lon, &x.Lat, &x.Unit, &x.LastAt, &x.LastValue, &x.OpenAlarms)
		if l, ok := s.cfg.Model.LimitsOf(x.Kind); ok && x.Unit == "" {
			x.Unit = l.Unit
		}
		x.Status = status(x)
		return x, err
	})
}

func status(x Sensor) string {
	switch {
	case x.LastAt == nil:
		return "no_data"
	}
	for _, l := range x.OpenAlarms {
		if l == riskmodel.LevelSilent {
			return "silent"
		}
	}
	if len(x.OpenAlarms) > 0 {
		return "alarm"
	}
	return "ok"
}

// Readings returns a detector's readings in [from, to), oldest first, at
// most limit (0: 10,000).
func (s *Service) Readings(ctx context.Context, id string, from, to time.Time, limit int) (_ []Reading, err error) {
	defer data.Annotate(&err, "sensors.Readings")
	if limit <= 0 || limit > 100000 {
		limit = 10000
	}
	if !from.Before(to) {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "from %s: must be before to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	var exists bool
	if err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM detectors WHERE id = $1)`, id).Scan(&exists); err != nil {
		return nil, err
	}
	if !exists {
		return nil, gasrisk.Errorf(gasrisk.ENOTFOUND, "no detector %q", id)
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT sensor_id, at, value, unit FROM readings
		WHERE sensor_id = $1 AND at >= $2 AND at < $3 ORDER BY at LIMIT $4`, id, from, to, limit)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Reading])
}
