package data

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"
)

// Stats is what the map's legend and filters show about the current run.
type Stats struct {
	RunID     int64           `json:"run_id"`
	AsOf      string          `json:"as_of"`
	Summary   json.RawMessage `json:"summary"`   // the run's RunSummary
	Districts []District      `json:"districts"` // for the district filter
	Bounds    *[4]float64     `json:"bounds"`    // W,S,E,N of the network, EPSG:4326
}

// District is a district's id and name.
type District struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Stats returns the current run's summary, the districts and the bounds
// of the network; before the first analysis RunID is 0.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Districts: []District{}}
	err := s.Pool.QueryRow(ctx, `SELECT r.id, r.as_of::text, r.counts FROM current_run c
		JOIN analysis_runs r ON r.id = c.run_id`).Scan(&st.RunID, &st.AsOf, &st.Summary)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return st, err
	}
	rows, err := s.Pool.Query(ctx, `SELECT id, coalesce(name, id) FROM districts ORDER BY id`)
	if err != nil {
		return st, err
	}
	if st.Districts, err = pgx.CollectRows(rows, pgx.RowToStructByPos[District]); err != nil {
		return st, err
	}
	var w, so, e, n *float64
	err = s.Pool.QueryRow(ctx, `SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)
		FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom_3857)::geometry, 3857), 4326) b FROM pipes) x`).Scan(&w, &so, &e, &n)
	if err != nil {
		return st, err
	}
	if w != nil {
		st.Bounds = &[4]float64{*w, *so, *e, *n}
	}
	return st, nil
}
