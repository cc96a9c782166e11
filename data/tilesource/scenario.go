package tilesource

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/renewal"
)

// ScenarioVersion returns the version of layer's data in the scenario of
// that name (tiles.ScenarioSource): "r<run>" of its newest done what-if
// run, which TileMVT draws as it draws the current run. Only the segments
// layer has scenarios; a bad name or another layer is EINVALID, a name no
// scenario has is ENOTFOUND.
func (s *Service) ScenarioVersion(ctx context.Context, layer, name string) (_ string, err error) {
	defer data.Annotate(&err, "tilesource.ScenarioVersion")
	if layer != "segments" {
		return "", gasrisk.Errorf(gasrisk.EINVALID, "scenario: the %s layer has no scenarios (only segments)", layer)
	}
	if err := renewal.ValidName(name); err != nil {
		return "", gasrisk.Errorf(gasrisk.EINVALID, "scenario: %s", strings.TrimPrefix(gasrisk.ErrorMessage(err), "name: "))
	}
	var run int64
	err = s.db.Pool.QueryRow(ctx, `SELECT id FROM analysis_runs WHERE scenario = $1 AND status = 'done' ORDER BY id DESC LIMIT 1`, name).Scan(&run)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", gasrisk.Errorf(gasrisk.ENOTFOUND, "scenario %q: no such what-if run (gasrisk analyze --scenario makes one)", name)
	}
	if err != nil {
		return "", err
	}
	return "r" + strconv.FormatInt(run, 10), nil
}
