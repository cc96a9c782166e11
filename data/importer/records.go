package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
)

// RecordFilter selects field records to list.
type RecordFilter struct {
	// Limit is the most records returned (newest first); 0 means 100.
	Limit int
	// PipeID, if set, keeps the records on that pipe (leaks, cp_readings).
	PipeID string
	// Run, if set, keeps the records that analysis run weighed (its
	// run_evidence); CurrentRun is the current run.
	Run int64
}

// CurrentRun, as RecordFilter.Run, is the current analysis run.
const CurrentRun int64 = -1

// MaxRecords bounds RecordFilter.Limit.
const MaxRecords = 10000

// Records lists a field-record layer's records, newest first, as GeoJSON
// Features in EPSG:4326 with their attributes as properties.
func (s *Service) Records(ctx context.Context, layer string, f RecordFilter) (_ []Record, err error) {
	defer data.Annotate(&err, "importer.Records")
	layer = strings.ToLower(layer)
	if !slices.Contains(EvidenceLayers(), layer) {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "layer %q holds no field records (field records: %s)", layer, strings.Join(EvidenceLayers(), ", "))
	}
	if f.Limit < 0 || f.Limit > MaxRecords {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "limit %d: want 1–%d", f.Limit, MaxRecords)
	}
	if f.Limit == 0 {
		f.Limit = 100
	}
	l, _ := LookupLayer(layer)
	day := "date"
	if layer == "leaks" {
		day = "found_date"
	}
	pipe := "true"
	if f.PipeID != "" {
		if _, ok := l.Field("pipe_id"); !ok {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "pipe_id: layer %s has no pipe_id", layer)
		}
		pipe = "pipe_id = $2"
	}
	t := pgx.Identifier{l.Table()}
	args := []any{f.Limit}
	if f.PipeID != "" {
		args = append(args, f.PipeID)
	}
	used := "true"
	if f.Run != 0 {
		// the run's records: CurrentRun (-1) is the current run's id
		args = append(args, f.Run, layer)
		used = fmt.Sprintf(`EXISTS (SELECT FROM run_evidence e WHERE e.run_id = CASE WHEN $%[1]d::bigint = -1
			THEN (SELECT run_id FROM current_run) ELSE $%[1]d::bigint END AND e.layer = $%[2]d AND e.record_id = x.id::text)`, len(args)-1, len(args))
	}
	q := fmt.Sprintf(`SELECT to_jsonb(x) - 'gid' - 'geom' - 'geom_3857', ST_AsGeoJSON(ST_Transform(x.geom, 4326), 7)
		FROM %s x WHERE %s AND %s ORDER BY %s DESC, id LIMIT $1`, t.Sanitize(), pipe, used, pgx.Identifier{day}.Sanitize())
	rows, err := s.db.Pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Record, error) {
		var props map[string]any
		var g string
		if err := row.Scan(&props, &g); err != nil {
			return Record{}, err
		}
		id, _ := json.Marshal(props["id"])
		return Record{Type: "Feature", ID: id, Properties: props, Geometry: json.RawMessage(g)}, nil
	})
}
