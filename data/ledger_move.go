package data

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"

	"gasrisk"
)

// MoveHazard applies a transition to hazard id and records it in the
// history, in one transaction: missing or misplaced fields are EINVALID,
// a move the state machine does not allow is a *TransitionError
// (ECONFLICT) that names the allowed ones.
func (s *Store) MoveHazard(ctx context.Context, id int64, t Transition) (HazardDetail, error) {
	if err := t.normalize(); err != nil {
		return HazardDetail{}, err
	}
	err := pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		var from HazardState
		err := tx.QueryRow(ctx, `SELECT state FROM hazards WHERE id = $1 FOR UPDATE`, id).Scan(&from)
		if errors.Is(err, pgx.ErrNoRows) {
			return gasrisk.Errorf(gasrisk.ENOTFOUND, "no hazard %d", id)
		}
		if err != nil {
			return err
		}
		if !from.CanMoveTo(t.To) {
			return &TransitionError{ID: id, From: from, To: t.To, Allowed: from.Allowed()}
		}
		if _, err := tx.Exec(ctx, moveSQL(t.To), moveArgs(id, t)...); err != nil {
			return err
		}
		data, err := json.Marshal(t)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, t.Actor, t.To.Action(), from, t.To, t.reason(), data)
		return err
	})
	if err != nil {
		return HazardDetail{}, err
	}
	return s.Hazard(ctx, id, t.Today)
}

// moveSQL is the update of a hazard moving to state to; $1 is the id, $2
// the new state.
func moveSQL(to HazardState) string {
	set := `state = $2, updated_at = now()`
	switch to {
	case StatePlanned:
		set += `, measures = $3, responsible_unit = $4, responsible_person = $5, deadline = $6::date, temporary_measures = $7`
	case StateRectified:
		set += `, evidence = $3`
	case StateClosed:
		set += `, closed_at = now()`
	case StateOpen: // reopened: the old plan is void (the history keeps it)
		set += `, closed_at = NULL, measures = NULL, responsible_unit = NULL, responsible_person = NULL,
			deadline = NULL, temporary_measures = '{}', evidence = NULL`
	}
	return `UPDATE hazards SET ` + set + ` WHERE id = $1`
}

// moveArgs are the parameters of moveSQL.
func moveArgs(id int64, t Transition) []any {
	args := []any{id, t.To}
	switch t.To {
	case StatePlanned:
		ms := t.TemporaryMeasures
		if ms == nil {
			ms = []string{}
		}
		args = append(args, t.Measures, t.ResponsibleUnit, t.ResponsiblePerson, t.Deadline, ms)
	case StateRectified:
		args = append(args, t.Evidence)
	}
	return args
}
