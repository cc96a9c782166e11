package data

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// WorkingSRID returns the database's metric CRS (the working SRID), or 0 before the first import.
func (db *DB) WorkingSRID(ctx context.Context) (_ int, err error) {
	defer Annotate(&err, "data.WorkingSRID")
	var srid int
	err = db.Pool.QueryRow(ctx, `SELECT value::int FROM settings WHERE key = 'working_srid'`).Scan(&srid)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return srid, err
}

// CurrentRun is the id of the current analysis run, 0 before the first.
func (db *DB) CurrentRun(ctx context.Context) (_ int64, err error) {
	defer Annotate(&err, "data.CurrentRun")
	var id int64
	err = db.Pool.QueryRow(ctx, `SELECT coalesce((SELECT run_id FROM current_run), 0)`).Scan(&id)
	return id, err
}

// TextArray is list as a SQL text[] parameter: NULL when it is empty, so
// that "$n IS NULL OR x = ANY($n)" keeps every row.
func TextArray(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return list
}
