package sensors

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/riskmodel"
)

// Result is what an Ingest stored and raised.
type Result struct {
	Received int `json:"received"`
	// Stored counts the new readings; repeats of stored ones (a detector
	// or broker sending one twice) are ignored.
	Stored int `json:"stored"`
	// Raised lists the alarms the readings raised; Updated those open
	// alarms they added readings to.
	Raised  []int64 `json:"raised"`
	Updated []int64 `json:"updated"`
}

// detector is what ingest needs to know of a detector.
type detector struct {
	kind   string
	limits riskmodel.SensorLimits
}

// Ingest checks every reading, then stores them all, updates the
// detectors' latest readings and raises or updates their alarms in one
// transaction: a batch with one bad reading stores nothing, and the
// error names that reading (its index) and field.
func (s *Service) Ingest(ctx context.Context, rs []Reading, source string) (_ Result, err error) {
	defer data.Annotate(&err, "sensors.Ingest")
	switch {
	case len(rs) == 0:
		return Result{}, gasrisk.Errorf(gasrisk.EINVALID, "no readings")
	case len(rs) > MaxBatch:
		return Result{}, gasrisk.Errorf(gasrisk.ETOOLARGE, "%d readings: at most %d at once", len(rs), MaxBatch)
	}
	for i, r := range rs {
		if err := r.check(i); err != nil {
			return Result{}, err
		}
	}
	dets, err := s.detectors(ctx, rs)
	if err != nil {
		return Result{}, err
	}
	if err := s.checkAll(rs, dets); err != nil {
		return Result{}, err
	}
	if err := s.ensurePartitions(ctx, rs); err != nil {
		return Result{}, err
	}
	res := Result{Received: len(rs), Raised: []int64{}, Updated: []int64{}}
	err = pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		fresh, err := storeReadings(ctx, tx, rs, source)
		if err != nil {
			return err
		}
		res.Stored = len(fresh)
		if err := updateStatus(ctx, tx, rs); err != nil {
			return err
		}
		if err := resolveSilent(ctx, tx); err != nil {
			return err
		}
		res.Raised, res.Updated, err = s.raise(ctx, tx, fresh, dets)
		return err
	})
	return res, err
}

// detectors looks up the detectors the readings name.
func (s *Service) detectors(ctx context.Context, rs []Reading) (map[string]detector, error) {
	ids := make([]string, 0, len(rs))
	seen := map[string]bool{}
	for _, r := range rs {
		if !seen[r.SensorID] {
			seen[r.SensorID] = true
			ids = append(ids, r.SensorID)
		}
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT id, kind FROM detectors WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	out := map[string]detector{}
	var id, kind string
	_, err = pgx.ForEachRow(rows, []any{&id, &kind}, func() error {
		l, _ := s.cfg.Model.LimitsOf(kind)
		out[id] = detector{kind: kind, limits: l}
		return nil
	})
	return out, err
}

// checkAll checks each reading against its detector and the clock.
func (s *Service) checkAll(rs []Reading, dets map[string]detector) error {
	now := s.cfg.Now()
	oldest := now.AddDate(0, 0, -s.cfg.RetentionDays)
	for i, r := range rs {
		d, ok := dets[r.SensorID]
		switch {
		case !ok:
			return readingError(gasrisk.EUNPROCESSABLE, i, "sensor_id", "no detector %q in the detectors layer", r.SensorID)
		case d.limits.Unit == "":
			return readingError(gasrisk.EUNPROCESSABLE, i, "sensor_id", "detector %q is a %s, which reports no readings (live kinds: %s)",
				r.SensorID, d.kind, strings.Join(riskmodel.LiveDetectorKinds(), ", "))
		case !strings.EqualFold(r.Unit, d.limits.Unit):
			return readingError(gasrisk.EUNPROCESSABLE, i, "unit", "%q, but detector %q (%s) reports in %s", r.Unit, r.SensorID, d.kind, d.limits.Unit)
		case d.limits.Unit == riskmodel.UnitLEL && (r.Value < 0 || r.Value > 100):
			return readingError(gasrisk.EUNPROCESSABLE, i, "value", "%v %s is outside 0–100", r.Value, riskmodel.UnitLEL)
		case r.At.Before(oldest):
			return readingError(gasrisk.EUNPROCESSABLE, i, "at", "%s is older than the retention period (%d days)",
				r.At.UTC().Format(time.RFC3339), s.cfg.RetentionDays)
		case r.At.After(now.Add(futureSlack)):
			return readingError(gasrisk.EUNPROCESSABLE, i, "at", "%s is in the future (server time %s)",
				r.At.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
		}
	}
	return nil
}

// storeReadings copies the readings into a temporary table and moves
// the new ones into readings, returning them: only new readings raise
// alarms (a repeat of a stored one does not raise it again).
func storeReadings(ctx context.Context, tx pgx.Tx, rs []Reading, source string) ([]Reading, error) {
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS readings_in
		(sensor_id text, at timestamptz, value double precision, unit text) ON COMMIT DELETE ROWS`); err != nil {
		return nil, err
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"readings_in"}, []string{"sensor_id", "at", "value", "unit"},
		pgx.CopyFromSlice(len(rs), func(i int) ([]any, error) {
			r := rs[i]
			return []any{r.SensorID, r.At, r.Value, r.Unit}, nil
		}))
	if err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `INSERT INTO readings (sensor_id, at, value, unit, source)
		SELECT DISTINCT ON (sensor_id, at) sensor_id, at, value, unit, $1 FROM readings_in ORDER BY sensor_id, at
		ON CONFLICT DO NOTHING
		RETURNING sensor_id, at, value, unit`, source)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Reading])
}

// updateStatus keeps each detector's latest reading.
func updateStatus(ctx context.Context, tx pgx.Tx, rs []Reading) error {
	_, err := tx.Exec(ctx, `
INSERT INTO sensor_status AS s (sensor_id, first_at, last_at, last_value, unit, readings)
SELECT sensor_id, min(at), max(at), (array_agg(value ORDER BY at DESC))[1], min(unit), count(*)
FROM readings_in GROUP BY sensor_id
ON CONFLICT (sensor_id) DO UPDATE SET
    first_at = least(s.first_at, excluded.first_at),
    last_value = CASE WHEN excluded.last_at >= s.last_at THEN excluded.last_value ELSE s.last_value END,
    last_at = greatest(s.last_at, excluded.last_at),
    unit = excluded.unit,
    readings = s.readings + excluded.readings`)
	return err
}
