package sensors

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/riskmodel"
)

// episode is what a batch's readings at one level of one detector add
// to its alarm.
type episode struct {
	sensor, kind, level, unit string
	first, last               Reading
	peak                      float64
	n                         int
}

// episodes groups the readings that raise an alarm by detector and
// level, in a stable order (so that concurrent batches lock alarms in
// the same order).
func episodes(rs []Reading, dets map[string]detector) []*episode {
	by := map[[2]string]*episode{}
	for _, r := range rs {
		d := dets[r.SensorID]
		lv := d.limits.Level(r.Value)
		if lv == "" {
			continue
		}
		k := [2]string{r.SensorID, lv}
		e := by[k]
		if e == nil {
			e = &episode{sensor: r.SensorID, kind: d.kind, level: lv, unit: d.limits.Unit, first: r, last: r, peak: r.Value}
			by[k] = e
		}
		e.n++
		if r.At.Before(e.first.At) {
			e.first = r
		}
		if !r.At.Before(e.last.At) {
			e.last = r
		}
		if lv == riskmodel.LevelUnder {
			e.peak = min(e.peak, r.Value)
		} else {
			e.peak = max(e.peak, r.Value)
		}
	}
	out := make([]*episode, 0, len(by))
	for _, e := range by {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].sensor != out[j].sensor {
			return out[i].sensor < out[j].sensor
		}
		return out[i].level < out[j].level
	})
	return out
}

// sqlRaise raises an alarm, or adds the readings to the open alarm of
// the detector at that level; it returns the alarm and whether it is new.
const sqlRaise = `
INSERT INTO alarms AS a (sensor_id, sensor_kind, level, unit, first_at, first_value, last_at, last_value, peak_value, readings, geom)
SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, d.geom FROM detectors d WHERE d.id = $1
ON CONFLICT (sensor_id, level) WHERE state IN ('raised', 'acknowledged', 'dispatched') DO UPDATE SET
    last_value = CASE WHEN excluded.last_at >= a.last_at THEN excluded.last_value ELSE a.last_value END,
    last_at = greatest(a.last_at, excluded.last_at),
    peak_value = CASE WHEN a.level = 'under' THEN least(a.peak_value, excluded.peak_value)
                      ELSE greatest(a.peak_value, excluded.peak_value) END,
    readings = a.readings + excluded.readings,
    updated_at = now()
RETURNING id, xmax = 0`

// raise raises or updates the alarms of the readings over a threshold,
// and links each new gas alarm to the ledger.
func (s *Service) raise(ctx context.Context, tx pgx.Tx, rs []Reading, dets map[string]detector) (raised, updated []int64, err error) {
	raised, updated = []int64{}, []int64{}
	for _, e := range episodes(rs, dets) {
		var id int64
		var isNew bool
		err := tx.QueryRow(ctx, sqlRaise, e.sensor, e.kind, e.level, e.unit, e.first.At, e.first.Value,
			e.last.At, e.last.Value, e.peak, e.n).Scan(&id, &isNew)
		if err != nil {
			return nil, nil, fmt.Errorf("raising the %s alarm of %s: %w", e.level, e.sensor, err)
		}
		if !isNew {
			updated = append(updated, id)
			continue
		}
		raised = append(raised, id)
		l := dets[e.sensor].limits
		reason := fmt.Sprintf("%s %s at %s: %s (set points %g / %g %s)", fmtValue(e.first.Value), e.unit,
			e.first.At.UTC().Format(time.RFC3339), e.level, l.Low, l.High, l.Unit)
		if err := appendEvent(ctx, tx, id, "system", "raise", "", "raised", reason, nil); err != nil {
			return nil, nil, err
		}
		if e.level == riskmodel.LevelLow || e.level == riskmodel.LevelHigh {
			if err := s.linkHazard(ctx, tx, id); err != nil {
				return nil, nil, err
			}
		}
	}
	return raised, updated, nil
}

func fmtValue(v float64) string { return fmt.Sprintf("%g", v) }

// appendEvent appends to an alarm's history.
func appendEvent(ctx context.Context, tx pgx.Tx, id int64, actor, action, from, to, reason string, data map[string]any) error {
	if data == nil {
		data = map[string]any{}
	}
	var fromState *string
	if from != "" {
		fromState = &from
	}
	_, err := tx.Exec(ctx, `INSERT INTO alarm_events (alarm_id, actor, action, from_state, to_state, reason, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, actor, action, fromState, to, reason, data)
	return err
}

// sqlResolveSilent resolves the open silence alarms of detectors that
// report again.
const sqlResolveSilent = `
WITH back AS (
    SELECT a.id, a.state FROM alarms a
    WHERE a.level = 'silent' AND a.state IN ('raised', 'acknowledged', 'dispatched')
      AND a.sensor_id IN (SELECT DISTINCT sensor_id FROM readings_in)
    FOR UPDATE),
done AS (
    UPDATE alarms a SET state = 'resolved', closed_at = now(), updated_at = now()
    FROM back WHERE a.id = back.id
    RETURNING a.id, back.state AS from_state)
INSERT INTO alarm_events (alarm_id, actor, action, from_state, to_state, reason)
SELECT id, 'system', 'resolved', from_state, 'resolved', 'the detector reports again' FROM done`

// resolveSilent resolves the silence alarms of the readings' detectors.
func resolveSilent(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, sqlResolveSilent)
	return err
}
