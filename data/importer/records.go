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
}

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
	q := fmt.Sprintf(`SELECT to_jsonb(x) - 'gid' - 'geom' - 'geom_3857', ST_AsGeoJSON(ST_Transform(x.geom, 4326), 7)
		FROM %s x WHERE %s ORDER BY %s DESC, id LIMIT $1`, t.Sanitize(), pipe, pgx.Identifier{day}.Sanitize())
	args := []any{f.Limit}
	if f.PipeID != "" {
		args = append(args, f.PipeID)
	}
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
