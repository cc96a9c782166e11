package data

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
)

// Hazard is one entry of the hazard ledger (隐患台账). Text fields that are
// not set are "".
type Hazard struct {
	ID   int64  `json:"id"`
	Code string `json:"code"` // 隐患编号, e.g. YH-000042
	Kind string `json:"kind"` // one of HazardKinds
	// Source is "segment" (a stretch of a pipe) or "station".
	Source    string `json:"source"`
	PipeID    string `json:"pipe_id,omitempty"`
	StationID string `json:"station_id,omitempty"`
	// RefLayer and RefID name the other feature: the occupying building,
	// the crossing sewer, the place in a station's spacing.
	RefLayer string     `json:"ref_layer,omitempty"`
	RefID    string     `json:"ref_id,omitempty"`
	Info     HazardInfo `json:"info"`
	// Description says what and where in English, DescriptionZH in Chinese.
	Description   string  `json:"description"`
	DescriptionZH string  `json:"description_zh"`
	Grade         string  `json:"grade"` // the worst grade of its stretch in the last run that found it
	District      string  `json:"district"`
	LengthM       float64 `json:"length_m"`
	State         string  `json:"state"`
	// Listed: under listed supervision (挂牌督办), since it was graded red.
	Listed bool `json:"listed_supervision"`
	// RecheckDue: the latest analysis did not find it; re-check on site.
	// A hazard not closed and not marked is found by the current run.
	RecheckDue bool `json:"recheck_due"`
	// Overdue: planned, and the deadline has passed.
	Overdue           bool       `json:"overdue"`
	Measures          string     `json:"measures"`
	ResponsibleUnit   string     `json:"responsible_unit"`
	ResponsiblePerson string     `json:"responsible_person"`
	Deadline          string     `json:"deadline"` // YYYY-MM-DD
	TemporaryMeasures []string   `json:"temporary_measures"`
	Evidence          string     `json:"evidence"`
	FirstRun          int64      `json:"first_run"` // the run that first found it
	FoundAt           time.Time  `json:"found_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
	ClosedAt          *time.Time `json:"closed_at"`
	Lon               float64    `json:"lon"` // a point on the hazard, EPSG:4326
	Lat               float64    `json:"lat"`
}

// HazardEvent is one entry of a hazard's append-only history.
type HazardEvent struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	Actor     string          `json:"actor"`  // a person, an API key, or "analysis"
	Action    string          `json:"action"` // found, plan, rectify, recheck, close, reopen, not_found, found_again, regraded
	FromState string          `json:"from_state"`
	ToState   string          `json:"to_state"`
	Reason    string          `json:"reason"`
	Data      json.RawMessage `json:"data"`
	RunID     *int64          `json:"run_id"`
}

// HazardDetail is a hazard with its geometry, history and the states it
// may move to.
type HazardDetail struct {
	Hazard
	Geometry json.RawMessage `json:"geometry"` // GeoJSON, EPSG:4326
	History  []HazardEvent   `json:"history"`
	Allowed  []string        `json:"allowed"`
}

// hazardColumns selects a Hazard (in scanHazard order) from "hazards h";
// $1 is today's date, for the overdue flag.
const hazardColumns = `h.id, h.code, h.kind, h.source, coalesce(h.pipe_id, ''), coalesce(h.station_id, ''),
	coalesce(h.ref_layer, ''), coalesce(h.ref_id, ''), h.info, h.grade, coalesce(h.district, ''),
	coalesce(h.length_m, 0), h.state, h.listed, h.recheck_due, (` + overdueSQL + `),
	coalesce(h.measures, ''), coalesce(h.responsible_unit, ''), coalesce(h.responsible_person, ''),
	coalesce(to_char(h.deadline, 'YYYY-MM-DD'), ''), h.temporary_measures, coalesce(h.evidence, ''),
	h.first_run, h.found_at, h.updated_at, h.closed_at,
	ST_X(ST_Transform(ST_PointOnSurface(h.geom), 4326)), ST_Y(ST_Transform(ST_PointOnSurface(h.geom), 4326))`

// scanHazard reads the columns of hazardColumns.
func scanHazard(row pgx.Row, h *Hazard, extra ...any) error {
	dest := []any{&h.ID, &h.Code, &h.Kind, &h.Source, &h.PipeID, &h.StationID, &h.RefLayer, &h.RefID, &h.Info,
		&h.Grade, &h.District, &h.LengthM, &h.State, &h.Listed, &h.RecheckDue, &h.Overdue, &h.Measures,
		&h.ResponsibleUnit, &h.ResponsiblePerson, &h.Deadline, &h.TemporaryMeasures, &h.Evidence,
		&h.FirstRun, &h.FoundAt, &h.UpdatedAt, &h.ClosedAt, &h.Lon, &h.Lat}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	h.Description, h.DescriptionZH = Describe(*h, LangEN), Describe(*h, LangZH)
	return nil
}

// Hazard returns one hazard with its geometry, history and allowed moves.
// today decides the overdue flag (zero: today).
func (s *Store) Hazard(ctx context.Context, id int64, today time.Time) (HazardDetail, error) {
	var d HazardDetail
	row := s.Pool.QueryRow(ctx, `SELECT `+hazardColumns+`, ST_AsGeoJSON(ST_Transform(h.geom, 4326), 7)::json
		FROM hazards h WHERE h.id = $2`, dateOf(today), id)
	err := scanHazard(row, &d.Hazard, &d.Geometry)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, gasrisk.Errorf(gasrisk.ENOTFOUND, "no hazard %d", id)
	}
	if err != nil {
		return d, err
	}
	d.Allowed = stateStrings(HazardState(d.State).Allowed())
	d.History, err = s.hazardHistory(ctx, id)
	return d, err
}

// HazardByCode returns the id of the hazard with a code such as YH-000042.
func (s *Store) HazardByCode(ctx context.Context, code string) (int64, error) {
	var id int64
	err := s.Pool.QueryRow(ctx, `SELECT id FROM hazards WHERE code = upper($1)`, code).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, gasrisk.Errorf(gasrisk.ENOTFOUND, "no hazard %s", code)
	}
	return id, err
}

// hazardHistory returns the history of a hazard, oldest first.
func (s *Store) hazardHistory(ctx context.Context, id int64) ([]HazardEvent, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id, at, actor, action, coalesce(from_state, ''), to_state, reason, data, run_id
		FROM hazard_events WHERE hazard_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[HazardEvent])
}

// dateOf is t's calendar date as YYYY-MM-DD, today's when t is zero.
func dateOf(t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	return t.Format(time.DateOnly)
}
