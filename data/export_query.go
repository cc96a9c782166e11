package data

import (
	"fmt"
	"strings"
)

// segmentQuery selects the exported columns of segmentRow in its dest()
// order, with the filter's conditions as $n parameters: the current run's
// segments, or before the first analysis every pipe as one ungraded segment.
func segmentQuery(f SegmentFilter, analysed, wkt bool) (string, []any) {
	var where []string
	var args []any
	if f.BBox != nil {
		args = append(args, f.BBox[0], f.BBox[1], f.BBox[2], f.BBox[3])
		where = append(where, "s.geom_3857 && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857)")
	}
	if len(f.Grades) > 0 {
		args = append(args, f.Grades)
		where = append(where, fmt.Sprintf("s.grade = ANY ($%d)", len(args)))
	}
	q := `SELECT s.segment_id, s.pipe_id, s.grade, s.score, s.occupied, s.clearance_violation, s.sewer_crossing, s.aged,
		s.material, s.pressure_class, s.install_year, s.diameter_mm, s.district,
		s.length_m, s.factors, ST_AsGeoJSON(ST_Transform(s.geom, 4326), 7)::bytea
		FROM segments s WHERE s.run_id = (SELECT run_id FROM current_run)`
	if !analysed {
		q = `SELECT s.segment_id, s.pipe_id, NULL::text, NULL::float8, NULL::bool, NULL::bool, NULL::bool, NULL::bool,
		s.material, s.pressure_class, s.install_year, s.diameter_mm, s.district,
		ST_Length(s.geom), NULL::jsonb, ST_AsGeoJSON(ST_Transform(s.geom, 4326), 7)::bytea
		FROM (SELECT p.*, p.gid AS segment_id, p.id AS pipe_id, NULL::text AS grade FROM pipes p) s WHERE true`
	}
	if wkt {
		q = strings.ReplaceAll(q, "ST_AsGeoJSON(ST_Transform(s.geom, 4326), 7)", "ST_AsText(ST_Transform(s.geom, 4326), 7)")
	}
	if len(where) > 0 {
		q += " AND " + strings.Join(where, " AND ")
	}
	return q + " ORDER BY s.segment_id", args
}
