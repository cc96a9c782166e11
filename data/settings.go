package data

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/riskmodel"
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

// RunConfig is the model config analysis run recorded, read over the
// defaults leniently: a field a later version dropped is ignored, one it
// added keeps its default. Readers need it to explain a run's grades
// (riskmodel.Config.RuleOf: the thresholds).
func (db *DB) RunConfig(ctx context.Context, run int64) (riskmodel.Config, error) {
	var raw []byte
	err := db.Pool.QueryRow(ctx, `SELECT config FROM analysis_runs WHERE id = $1`, run).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return riskmodel.Config{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "analysis run %d does not exist", run)
	}
	if err != nil {
		return riskmodel.Config{}, err
	}
	return DecodeRunConfig(raw)
}

// DecodeRunConfig reads a recorded config (analysis_runs.config) as
// RunConfig does.
func DecodeRunConfig(raw []byte) (riskmodel.Config, error) {
	c := riskmodel.DefaultConfig()
	if err := json.Unmarshal(raw, &c); err != nil {
		return c, gasrisk.Wrap("data.DecodeRunConfig", err)
	}
	return c, nil
}

// TextArray is list as a SQL text[] parameter: NULL when it is empty, so
// that "$n IS NULL OR x = ANY($n)" keeps every row.
func TextArray(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return list
}
