package printsource

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/geo"
	"gasrisk/hazard"
	"gasrisk/printmap"
)

// Area is what a printed map shows: a district (by id or name), a
// bounding box (W,S,E,N in EPSG:4326), or with neither the whole network.
type Area struct {
	District string
	BBox     *geo.BBox
}

// maxPrintSegments bounds the segments one printed map draws.
const maxPrintSegments = 1_500_000

// PrintMap gathers what the printed risk map of an area shows in the
// current run: the segments by grade, the major hazards not closed, the
// district outlines, in the working CRS and simplified to the page's
// resolution.
func (s *Service) PrintMap(ctx context.Context, area Area, page printmap.Page, lang string, printed time.Time) (_ printmap.Map, err error) {
	defer data.Annotate(&err, "printsource.PrintMap")
	m := printmap.Map{Page: page, Lang: lang, Printed: printed, Km: map[string]float64{}}
	page, err = page.Normalize()
	if err != nil {
		return m, err
	}
	if m.Lang, err = hazard.ParseLang(lang); err != nil {
		return m, err
	}
	err = s.db.Pool.QueryRow(ctx, `SELECT r.id, r.as_of::text FROM current_run c JOIN analysis_runs r ON r.id = c.run_id`).Scan(&m.RunID, &m.AsOf)
	if errors.Is(err, pgx.ErrNoRows) {
		return m, gasrisk.Errorf(gasrisk.ENOTFOUND, "no analysis yet: run gasrisk analyze first")
	}
	if err != nil {
		return m, err
	}
	if m.SRID, err = s.db.WorkingSRID(ctx); err != nil {
		return m, err
	}
	districtIDs, err := s.printBounds(ctx, area, &m)
	if err != nil {
		return m, err
	}
	frame := page.Frame()
	m.Bounds = m.Bounds.Fit(frame.Dx(), frame.Dy(), 0.03)
	tol := m.Bounds.Dx() / float64(frame.Dx()) / 2 // half a pixel
	if err := s.printSegments(ctx, &m, tol, districtIDs); err != nil {
		return m, err
	}
	if err := s.printDistricts(ctx, &m, tol, districtIDs); err != nil {
		return m, err
	}
	return m, s.printHazards(ctx, &m)
}

// printEnvelope is the SQL of the map's extent: $1..$4 and $5 the SRID.
const printEnvelope = `ST_MakeEnvelope($1, $2, $3, $4, $5)`

// printEnvArgs are the parameters of printEnvelope, then more.
func printEnvArgs(m *printmap.Map, more ...any) []any {
	b := m.Bounds
	return append([]any{b.MinX, b.MinY, b.MaxX, b.MaxY, m.SRID}, more...)
}

// printBounds sets the map's area and extent; for a district it returns
// the names the segments' district attribute may carry (its id and name).
func (s *Service) printBounds(ctx context.Context, a Area, m *printmap.Map) ([]string, error) {
	b := &m.Bounds
	switch {
	case a.District != "" && a.BBox != nil:
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "give a district or a bounding box, not both")
	case a.District != "":
		var id, name string
		err := s.db.Pool.QueryRow(ctx, `SELECT id, coalesce(name, id), ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)
			FROM districts WHERE id = $1 OR name = $1 ORDER BY id = $1 DESC, gid LIMIT 1`, a.District).
			Scan(&id, &name, &b.MinX, &b.MinY, &b.MaxX, &b.MaxY)
		if err == nil {
			m.Area = name
			return []string{id, name}, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return nil, err
		}
		m.Area = a.District
		return []string{a.District}, s.printExtent(ctx, `SELECT ST_Extent(geom) FROM segments WHERE run_id = $1 AND district = $2`,
			b, "district", m.RunID, a.District)
	case a.BBox != nil:
		w := *a.BBox
		if !(w.W < w.E && w.S < w.N && w.W >= -180 && w.E <= 180 && w.S >= -90 && w.N <= 90) {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "bbox %v: want W<E and S<N within -180..180, -90..90", w.Array())
		}
		return nil, s.printExtent(ctx, `SELECT ST_Extent(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), $5::int))`,
			b, "bbox", w.W, w.S, w.E, w.N, m.SRID)
	}
	return nil, s.printExtent(ctx, `SELECT ST_Extent(geom) FROM segments WHERE run_id = $1`, b, "network", m.RunID)
}

// printExtent reads a box2d query into r; what names it in the error.
func (s *Service) printExtent(ctx context.Context, q string, r *printmap.Rect, what string, args ...any) error {
	var x0, y0, x1, y1 *float64
	err := s.db.Pool.QueryRow(ctx, `SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (`+q+`) x (e)`, args...).
		Scan(&x0, &y0, &x1, &y1)
	if err != nil {
		return err
	}
	if x0 == nil {
		return gasrisk.Errorf(gasrisk.ENOTFOUND, "nothing to map: no such %s in the current analysis", what)
	}
	*r = printmap.Rect{MinX: *x0, MinY: *y0, MaxX: *x1, MaxY: *y1}
	return nil
}

// printSegments adds the segments in the extent, low grades first, and
// sums the km per grade (of the district's segments, for a district).
func (s *Service) printSegments(ctx context.Context, m *printmap.Map, tol float64, districts []string) error {
	args := printEnvArgs(m, m.RunID, tol, data.TextArray(districts))
	rows, err := s.db.Pool.Query(ctx, `SELECT grade, length_m, $8::text[] IS NULL OR district = ANY ($8),
		ST_AsBinary(ST_Force2D(ST_Simplify(geom, $7, true)))
		FROM segments WHERE run_id = $6 AND geom && `+printEnvelope+`
		ORDER BY array_position(ARRAY['blue', 'yellow', 'orange', 'red'], grade)
		LIMIT `+strconv.Itoa(maxPrintSegments+1), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var grade string
		var length float64
		var counted bool
		var wkb []byte
		if err := rows.Scan(&grade, &length, &counted, &wkb); err != nil {
			return err
		}
		if len(m.Lines) == maxPrintSegments {
			return gasrisk.Errorf(gasrisk.ETOOLARGE, "more than %d segments in the area: print a district or a smaller box", maxPrintSegments)
		}
		if counted {
			m.Km[grade] += length / 1000
		}
		for _, l := range printLines(wkb) {
			m.Lines = append(m.Lines, printmap.Line{Grade: grade, Points: l})
		}
	}
	return rows.Err()
}

// printDistricts adds the outlines of the districts in the extent and
// highlights the district printed.
func (s *Service) printDistricts(ctx context.Context, m *printmap.Map, tol float64, districts []string) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT id, ST_AsBinary(ST_Force2D(ST_Simplify(geom, $6)))
		FROM districts WHERE geom && `+printEnvelope, printEnvArgs(m, tol)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var wkb []byte
		if err := rows.Scan(&id, &wkb); err != nil {
			return err
		}
		for _, ring := range printRings(wkb) {
			m.Districts = append(m.Districts, ring)
			if len(districts) > 0 && id == districts[0] {
				m.Highlight = append(m.Highlight, ring)
			}
		}
	}
	return rows.Err()
}

// printHazards adds the red and orange (or listed) hazards in the extent
// that are not closed, and counts them and the listed ones; the many
// lesser hazards would bury the map.
func (s *Service) printHazards(ctx context.Context, m *printmap.Map) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT ST_X(p), ST_Y(p), grade, listed
		FROM (SELECT ST_PointOnSurface(geom) AS p, grade, listed FROM hazards
		      WHERE state <> 'closed' AND (grade IN ('red', 'orange') OR listed) AND geom && `+printEnvelope+`) h`, printEnvArgs(m)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h printmap.Marker
		if err := rows.Scan(&h.At[0], &h.At[1], &h.Grade, &h.Listed); err != nil {
			return err
		}
		m.Hazards = append(m.Hazards, h)
		m.OpenHazards++
		if h.Listed {
			m.ListedHazards++
		}
	}
	return rows.Err()
}
