package sensors

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"gasrisk/hazard"
)

// A gas alarm near a pipe goes into the hazard ledger: it joins the
// nearest hazard not closed within Model.HazardRadiusM of the detector
// (a crossing the detector watches, say), else it opens a gas_alarm
// hazard on the nearest pipe within that distance — or reopens the one
// an earlier alarm of the same detector opened there and that has been
// closed since. An alarm far from every pipe stays out of the ledger.
// Either way the hazard's history says so, actor "system".

// sqlNearHazard finds the nearest hazard not closed near alarm $1.
const sqlNearHazard = `
SELECT h.id, h.state FROM hazards h, alarms a
WHERE a.id = $1 AND h.state <> 'closed' AND ST_DWithin(h.geom, a.geom, $2)
ORDER BY ST_Distance(h.geom, a.geom), h.id LIMIT 1
FOR UPDATE OF h`

// sqlNearPipe finds the nearest pipe in service near alarm $1, its
// district and the current run.
const sqlNearPipe = `
SELECT p.id, a.sensor_id, a.level, a.code,
       coalesce(p.district, (SELECT d.id FROM districts d WHERE ST_Intersects(d.geom, a.geom) ORDER BY d.id LIMIT 1)),
       (SELECT run_id FROM current_run)
FROM pipes p, alarms a
WHERE a.id = $1 AND p.status = 'in_service' AND ST_DWithin(p.geom, a.geom, $2)
ORDER BY ST_Distance(p.geom, a.geom), p.id LIMIT 1`

// linkHazard puts alarm id into the ledger.
func (s *Service) linkHazard(ctx context.Context, tx pgx.Tx, id int64) error {
	var hid int64
	var state string
	err := tx.QueryRow(ctx, sqlNearHazard, id, s.cfg.Model.HazardRadiusM).Scan(&hid, &state)
	switch {
	case err == nil:
		return attach(ctx, tx, id, hid, state, "joined")
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("hazard near alarm %d: %w", id, err)
	}
	var pipe, sensor, level, code string
	var district *string
	var run *int64
	err = tx.QueryRow(ctx, sqlNearPipe, id, s.cfg.Model.HazardRadiusM).Scan(&pipe, &sensor, &level, &code, &district, &run)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && run == nil {
		return nil // no pipe near, or no analysis yet (a hazard belongs to a run)
	}
	if err != nil {
		return fmt.Errorf("pipe near alarm %d: %w", id, err)
	}
	key := hazard.Key{Kind: hazard.GasAlarm, PipeID: pipe, RefLayer: "detectors", RefID: sensor}
	grade := string(hazard.AlarmGrade(level))
	err = tx.QueryRow(ctx, `SELECT id, state FROM hazards WHERE identity = $1 FOR UPDATE`, key.Identity()).Scan(&hid, &state)
	switch {
	case err == nil:
		if err := reopen(ctx, tx, hid, state, code); err != nil {
			return err
		}
		return attach(ctx, tx, id, hid, "open", "reopened")
	case !errors.Is(err, pgx.ErrNoRows):
		return err
	}
	listed := hazard.DefaultPolicy().Listed(hazard.AlarmGrade(level))
	err = tx.QueryRow(ctx, `
INSERT INTO hazards (identity, kind, source, pipe_id, ref_layer, ref_id, info, grade, district, length_m, geom, geom_3857, listed, first_run)
SELECT $1, $2, 'detector', p.id, 'detectors', $4, '{}', $5, $6, 0, x.pt, ST_Transform(x.pt, 3857), $8, $9
FROM pipes p, alarms a, LATERAL (SELECT ST_ClosestPoint(p.geom, a.geom) AS pt) x
WHERE p.id = $3 AND a.id = $7
RETURNING id`, key.Identity(), hazard.GasAlarm, pipe, sensor, grade, district, id, listed, *run).Scan(&hid)
	if err != nil {
		return fmt.Errorf("opening the hazard of alarm %d: %w", id, err)
	}
	reason := fmt.Sprintf("found by detector %s: alarm %s (%s), grade %s", sensor, code, level, grade)
	if listed {
		reason += "; listed for supervision (挂牌督办)"
	}
	if _, err := tx.Exec(ctx, `INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason, data)
		VALUES ($1, 'system', 'found', NULL, 'open', $2, $3)`, hid, reason,
		map[string]any{"alarm_id": id, "grade": grade, "listed": listed}); err != nil {
		return err
	}
	return attach(ctx, tx, id, hid, "open", "opened")
}

// reopen reopens the closed gas_alarm hazard hid for a new alarm.
func reopen(ctx context.Context, tx pgx.Tx, hid int64, state, code string) error {
	if state != "closed" {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE hazards SET state = 'open', recheck_due = false, closed_at = NULL, measures = NULL,
		responsible_unit = NULL, responsible_person = NULL, deadline = NULL, temporary_measures = '{}', evidence = NULL,
		updated_at = now() WHERE id = $1`, hid); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason)
		VALUES ($1, 'system', 'reopen', 'closed', 'open', $2)`, hid, "reopened: the detector raised alarm "+code)
	return err
}

// attach records alarm id on hazard hid and in both histories.
func attach(ctx context.Context, tx pgx.Tx, id, hid int64, state, how string) error {
	var code, hcode, sensor, level string
	err := tx.QueryRow(ctx, `UPDATE alarms a SET hazard_id = $2 FROM hazards h WHERE a.id = $1 AND h.id = $2
		RETURNING a.code, h.code, a.sensor_id, a.level`, id, hid).Scan(&code, &hcode, &sensor, &level)
	if err != nil {
		return err
	}
	if how == "joined" {
		if _, err := tx.Exec(ctx, `INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason, data)
			VALUES ($1, 'system', 'alarm', $2, $2, $3, $4)`, hid, state,
			fmt.Sprintf("detector %s raised alarm %s (%s) near it", sensor, code, level), map[string]any{"alarm_id": id}); err != nil {
			return err
		}
	}
	return appendEvent(ctx, tx, id, "system", "hazard", "raised", "raised", fmt.Sprintf("%s hazard %s", how, hcode),
		map[string]any{"hazard_id": hid})
}
