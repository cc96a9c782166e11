package data

import (
	"strconv"
	"strings"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// segmentQuery selects the exported columns of segmentRow in its dest()
// order, with the filter's conditions as $n parameters.
func segmentQuery(f SegmentFilter) (string, []any) {
	var where []string
	var args []any
	if f.BBox != nil {
		args = append(args, f.BBox[0], f.BBox[1], f.BBox[2], f.BBox[3])
		where = append(where, "p.geom_3857 && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857)")
	}
	if len(f.Grades) > 0 {
		// no grades before the first analysis: nothing matches
		where = append(where, "false")
	}
	q := `SELECT p.gid, p.id, NULL::text, NULL::float8, NULL::bool, NULL::bool, NULL::bool, NULL::bool,
		p.material, p.pressure_class, p.install_year, p.diameter_mm, p.district,
		ST_Length(p.geom), NULL::jsonb, ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7)::bytea
		FROM pipes p`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return q + " ORDER BY p.gid", args
}

