package ledger

import (
	"context"
	"errors"
	"gasrisk/data"
	"gasrisk/hazard"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
)

// hazardColumns selects a hazard.Entry (in scanHazard order) from "hazards h";
// $1 is today's date, for the overdue flag.
const hazardColumns = `h.id, h.code, h.kind, h.source, coalesce(h.pipe_id, ''), coalesce(h.station_id, ''),
	coalesce(h.ref_layer, ''), coalesce(h.ref_id, ''), h.info, h.grade, coalesce(h.district, ''),
	coalesce((SELECT d.name FROM districts d WHERE d.id = h.district), ''),
	coalesce(h.length_m, 0), h.state, h.listed, h.recheck_due, (` + OverdueSQL + `),
	coalesce(h.measures, ''), coalesce(h.responsible_unit, ''), coalesce(h.responsible_person, ''),
	coalesce(to_char(h.deadline, 'YYYY-MM-DD'), ''), h.temporary_measures, coalesce(h.evidence, ''),
	h.first_run, h.found_at, h.updated_at, h.closed_at,
	ST_X(ST_Transform(ST_PointOnSurface(h.geom), 4326)), ST_Y(ST_Transform(ST_PointOnSurface(h.geom), 4326))`

// scanHazard reads the columns of hazardColumns.
func scanHazard(row pgx.Row, h *hazard.Entry, extra ...any) error {
	dest := []any{&h.ID, &h.Code, &h.Kind, &h.Source, &h.PipeID, &h.StationID, &h.RefLayer, &h.RefID, &h.Info,
		&h.Grade, &h.District, &h.DistrictName, &h.LengthM, &h.State, &h.Listed, &h.RecheckDue, &h.Overdue, &h.Measures,
		&h.ResponsibleUnit, &h.ResponsiblePerson, &h.Deadline, &h.TemporaryMeasures, &h.Evidence,
		&h.FirstRun, &h.FoundAt, &h.UpdatedAt, &h.ClosedAt, &h.Lon, &h.Lat}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	h.Description, h.DescriptionZH = hazard.Describe(*h, hazard.LangEN), hazard.Describe(*h, hazard.LangZH)
	return nil
}

// Hazard returns one hazard with its geometry, history and allowed moves.
// today decides the overdue flag (zero: today).
func (s *Service) Hazard(ctx context.Context, id int64, today time.Time) (_ hazard.Detail, err error) {
	defer data.Annotate(&err, "ledger.Hazard")
	var d hazard.Detail
	row := s.db.Pool.QueryRow(ctx, `SELECT `+hazardColumns+`, ST_AsGeoJSON(ST_Transform(h.geom, 4326), 7)::json
		FROM hazards h WHERE h.id = $2`, hazard.DateOf(today), id)
	err = scanHazard(row, &d.Entry, &d.Geometry)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, gasrisk.Errorf(gasrisk.ENOTFOUND, "no hazard %d", id)
	}
	if err != nil {
		return d, err
	}
	d.Allowed = hazard.Strings(hazard.State(d.State).Allowed())
	d.History, err = s.hazardHistory(ctx, id)
	return d, err
}

// HazardByCode returns the id of the hazard with a code such as YH-000042.
func (s *Service) HazardByCode(ctx context.Context, code string) (_ int64, err error) {
	defer data.Annotate(&err, "ledger.HazardByCode")
	var id int64
	err = s.db.Pool.QueryRow(ctx, `SELECT id FROM hazards WHERE code = upper($1)`, code).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, gasrisk.Errorf(gasrisk.ENOTFOUND, "no hazard %s", code)
	}
	return id, err
}

// hazardHistory returns the history of a hazard, oldest first, its
// reasons in both languages.
func (s *Service) hazardHistory(ctx context.Context, id int64) ([]hazard.Event, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT id, at, actor, action, coalesce(from_state, ''), to_state, reason, reason, data, run_id
		FROM hazard_events WHERE hazard_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	evs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[hazard.Event])
	for i := range evs {
		evs[i].Localize()
	}
	return evs, err
}
