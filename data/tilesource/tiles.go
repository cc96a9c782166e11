package tilesource

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/geo"
)

// Service is the tiles.Source of gasrisk serve: vector tiles straight
// from PostGIS, and the version of every tile layer's data.

// TileVersions returns the data version of every tile layer: the current
// analysis run for segments; the run and the last stations import for
// stations (their findings come from the run); the last import of the
// layer for the context layers. Version strings are "r<run>",
// "r<run>-i<import>" and "i<import>"; 0 means none yet. A revised run's
// segments are "r<run>.<revision>" (an incremental re-analysis replaced
// some of its segments: the cached tiles of the run are dropped). The hazards layer
// draws the ledger: its version "r<run>-e<event>-d<date>" changes with
// every published run, every entry of the hazards' history (each
// transition) and every day (what is overdue); see hazardsVersion.
func (s *Service) TileVersions(ctx context.Context) (_ map[string]string, err error) {
	defer data.Annotate(&err, "tilesource.TileVersions")
	var run, event int64
	var revision int
	var imports map[string]int64
	err = s.db.Pool.QueryRow(ctx, `SELECT coalesce((SELECT run_id FROM current_run), 0),
		coalesce((SELECT r.revision FROM current_run c JOIN analysis_runs r ON r.id = c.run_id), 0),
		coalesce((SELECT max(id) FROM hazard_events), 0),
		coalesce((SELECT jsonb_object_agg(layer, id) FROM (SELECT layer, max(id) AS id FROM imports GROUP BY layer) i), '{}')`).
		Scan(&run, &revision, &event, &imports)
	if err != nil {
		return nil, err
	}
	imp := func(layer string) string { return "i" + strconv.FormatInt(imports[layer], 10) }
	r := "r" + strconv.FormatInt(run, 10)
	segments := r
	if revision > 0 {
		segments += "." + strconv.Itoa(revision)
	}
	return map[string]string{
		"segments":  segments,
		"hazards":   hazardsVersion(run, event, time.Now()),
		"stations":  r + "-" + imp("stations"),
		"buildings": imp("buildings"),
		"sewers":    imp("sewers"),
		"districts": imp("districts"),
		"pipes":     imp("pipes"),
		// leaks, patrols and CP readings; a record added through the API
		// is an import of its own
		"field_records": imp("leaks") + "-" + imp("patrols") + "-" + imp("cp_readings"),
	}, nil
}

// runOf returns the analysis run a version of TileVersions names (its
// revision, if any, left out: the run's partition has it).
func runOf(version string) (int64, error) {
	v, _, _ := strings.Cut(version, "-")
	v, _, _ = strings.Cut(v, ".")
	if !strings.HasPrefix(v, "r") {
		return 0, fmt.Errorf("tile version %q names no analysis run", version)
	}
	return strconv.ParseInt(v[1:], 10, 64)
}

// TileMVT returns the Mapbox Vector Tile of one layer (tiles.Layers) at
// tile t, from the data of version (as TileVersions returned it: for the
// layers by run, the tile shows exactly that run).
func (s *Service) TileMVT(ctx context.Context, layer string, t geo.Tile, version string) (_ []byte, err error) {
	defer data.Annotate(&err, "tilesource.TileMVT")
	q, ok := tileSQL()[layer]
	if !ok {
		return nil, gasrisk.Errorf(gasrisk.ENOTFOUND, "no tile layer %q", layer)
	}
	if !t.Valid() {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "no tile %s", t)
	}
	args := []any{t.Z, t.X, t.Y}
	if layer == "hazards" {
		day, err := dayOf(version)
		if err != nil {
			return nil, err
		}
		args = append(args, day)
	}
	if byRun(layer) {
		run, err := runOf(version)
		if err != nil {
			return nil, err
		}
		args = append(args, run)
	}
	var b []byte
	if err := s.db.Pool.QueryRow(ctx, q, args...).Scan(&b); err != nil {
		return nil, err
	}
	return b, nil
}

// TileBounds returns the lon/lat extent of a tile layer's data at version;
// ok is false when the layer has no features.
func (s *Service) TileBounds(ctx context.Context, layer, version string) (_ geo.BBox, _ bool, err error) {
	defer data.Annotate(&err, "tilesource.TileBounds")
	q, ok := tileExtentSQL()[layer]
	if !ok {
		return geo.BBox{}, false, gasrisk.Errorf(gasrisk.ENOTFOUND, "no tile layer %q", layer)
	}
	var args []any
	if layer == "segments" {
		run, err := runOf(version)
		if err != nil {
			return geo.BBox{}, false, err
		}
		args = append(args, run)
	}
	var x0, y0, x1, y1 *float64
	if err := s.db.Pool.QueryRow(ctx, q, args...).Scan(&x0, &y0, &x1, &y1); err != nil {
		return geo.BBox{}, false, err
	}
	if x0 == nil {
		return geo.BBox{}, false, nil
	}
	w, south := geo.MercatorToLonLat(*x0, *y0)
	e, north := geo.MercatorToLonLat(*x1, *y1)
	return geo.BBox{W: w, S: south, E: e, N: north}, true, nil
}
