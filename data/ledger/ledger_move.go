package ledger

import (
	"context"
	"encoding/json"
	"errors"
	"gasrisk/data"
	"gasrisk/hazard"

	"github.com/jackc/pgx/v5"

	"gasrisk"
)

// MoveHazard applies a transition to hazard id and records it in the
// history, in one transaction: missing or misplaced fields are EINVALID,
// a move the state machine does not allow is a *hazard.TransitionError
// (ECONFLICT) that names the allowed ones.
func (s *Service) MoveHazard(ctx context.Context, id int64, t hazard.Transition) (_ hazard.Detail, err error) {
	defer data.Annotate(&err, "ledger.MoveHazard")
	if err := t.Normalize(); err != nil {
		return hazard.Detail{}, err
	}
	err = pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		var from hazard.State
		var code string
		err := tx.QueryRow(ctx, `SELECT state, code FROM hazards WHERE id = $1 FOR UPDATE`, id).Scan(&from, &code)
		if errors.Is(err, pgx.ErrNoRows) {
			return gasrisk.Errorf(gasrisk.ENOTFOUND, "no hazard %d", id)
		}
		if err != nil {
			return err
		}
		if !from.CanMoveTo(t.To) {
			return &hazard.TransitionError{ID: id, Code: code, From: from, To: t.To, Allowed: from.Allowed()}
		}
		if _, err := tx.Exec(ctx, moveSQL(t.To), moveArgs(id, t)...); err != nil {
			return err
		}
		data, err := json.Marshal(t)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, t.Actor, t.To.Action(), from, t.To, t.Reason(), data)
		return err
	})
	if err != nil {
		return hazard.Detail{}, err
	}
	return s.Hazard(ctx, id, t.Today)
}

// moveSQL is the update of a hazard moving to state to; $1 is the id, $2
// the new state.
func moveSQL(to hazard.State) string {
	set := `state = $2, updated_at = now()`
	switch to {
	case hazard.StatePlanned:
		set += `, measures = $3, responsible_unit = $4, responsible_person = $5, deadline = $6::date, temporary_measures = $7`
	case hazard.StateRectified:
		set += `, evidence = $3`
	case hazard.StateClosed:
		set += `, closed_at = now()`
	case hazard.StateOpen: // reopened: the old plan is void (the history keeps it)
		set += `, closed_at = NULL, measures = NULL, responsible_unit = NULL, responsible_person = NULL,
			deadline = NULL, temporary_measures = '{}', evidence = NULL`
	}
	return `UPDATE hazards SET ` + set + ` WHERE id = $1`
}

// moveArgs are the parameters of moveSQL.
func moveArgs(id int64, t hazard.Transition) []any {
	args := []any{id, t.To}
	switch t.To {
	case hazard.StatePlanned:
		ms := t.TemporaryMeasures
		if ms == nil {
			ms = []string{}
		}
		args = append(args, t.Measures, t.ResponsibleUnit, t.ResponsiblePerson, t.Deadline, ms)
	case hazard.StateRectified:
		args = append(args, t.Evidence)
	}
	return args
}
