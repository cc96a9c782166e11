package importer

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
	"gasrisk/geo"
)

// staging is the temporary table one import fills before it publishes into
// the layer's table.
type staging struct {
	tx    pgx.Tx
	layer Layer
	opts  Options
	srid  int // CRS of the staged WKB
	// source describes the GDAL layer read (zero for GeoJSON read by Go);
	// seen is the extent of the accepted features' coordinates, in srid;
	// refused that of the refused ones (a file refused feature by feature
	// may still be refused as a whole: metres declared as degrees).
	source        sourceLayer
	seen, refused extent
	changed       []string // an update's features added or changed
	zgrid         zGrid    // the rows' Z-order, keyed in file order
}

const stageTable = "gasrisk_import_stage"

// columnType is the SQL type of a field.
func columnType(f Field) string {
	switch f.Kind {
	case Int:
		return "int"
	case Float:
		return "double precision"
	case Bool:
		return "boolean"
	case Date:
		return "date"
	}
	return "text"
}

// load creates the staging table and streams the validated features into
// it with COPY while GDAL is still reading the file.
func (st *staging) load(ctx context.Context, res *Result) error {
	cols := []string{"idx int"}
	names := []string{"idx"}
	for _, f := range st.layer.Fields {
		cols = append(cols, pgx.Identifier{f.Name}.Sanitize()+" "+columnType(f))
		names = append(names, f.Name)
	}
	cols = append(cols, "wkb bytea", "zkey bigint")
	names = append(names, "wkb", "zkey")
	ddl := fmt.Sprintf("CREATE TEMP TABLE %s (%s) ON COMMIT DROP", stageTable, strings.Join(cols, ", "))
	if _, err := st.tx.Exec(ctx, ddl); err != nil {
		return err
	}
	phase(st.opts, "read")
	return data.CopyStream(ctx, st.tx, pgx.Identifier{stageTable}, names, func(ctx context.Context, out chan<- []any) error {
		return st.read(ctx, res, out)
	})
}

// checkInDatabase finds what only PostGIS can judge: invalid polygons and,
// when adding to a layer, ids it already holds. Refused rows leave the
// staging table.
func (st *staging) checkInDatabase(ctx context.Context, res *Result) error {
	phase(st.opts, "validate")
	var queries []string
	if st.layer.Geom&Polygons != 0 {
		queries = append(queries, fmt.Sprintf(`SELECT idx, id, 'invalid geometry: ' || ST_IsValidReason(g)
			FROM (SELECT idx, id, ST_GeomFromWKB(wkb, %d) AS g FROM %s) s WHERE NOT ST_IsValid(g)`, st.srid, stageTable))
	}
	if !st.opts.Replace && !st.opts.Update {
		queries = append(queries, fmt.Sprintf(`SELECT s.idx, s.id, 'id already in layer %s (use --replace to replace the layer)'
			FROM %s s JOIN %s t ON t.id = s.id`, st.layer.Name, stageTable, pgx.Identifier{st.layer.Table()}.Sanitize()))
	}
	before := len(res.Rejects)
	for _, q := range queries {
		rows, err := st.tx.Query(ctx, q)
		if err != nil {
			return err
		}
		for rows.Next() {
			var r Reject
			var idx int32
			if err := rows.Scan(&idx, &r.ID, &r.Reason); err != nil {
				return err
			}
			r.Index = int(idx)
			res.Rejects = append(res.Rejects, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	sort.SliceStable(res.Rejects, func(i, j int) bool { return res.Rejects[i].Index < res.Rejects[j].Index })
	if len(res.Rejects) == before || !st.opts.SkipInvalid {
		return nil
	}
	var idx []int32
	for _, r := range res.Rejects[before:] {
		idx = append(idx, int32(r.Index))
	}
	_, err := st.tx.Exec(ctx, fmt.Sprintf(`DELETE FROM %s WHERE idx = ANY($1)`, stageTable), idx)
	return err
}

// utmSRID is the UTM zone of the centre of the staged features.
func (st *staging) utmSRID(ctx context.Context) (int, error) {
	var lon, lat *float64
	err := st.tx.QueryRow(ctx, fmt.Sprintf(`SELECT ST_X(c), ST_Y(c) FROM (
		SELECT ST_Transform(ST_SetSRID(ST_Centroid(ST_Extent(ST_GeomFromWKB(wkb))::geometry), %d), 4326) c FROM %s) s`,
		st.srid, stageTable)).Scan(&lon, &lat)
	if err != nil {
		return 0, err
	}
	if lon == nil || lat == nil {
		return 0, fmt.Errorf("%s has no features to choose a working CRS from", st.opts.File)
	}
	return geo.UTMSRID(*lon, *lat)
}
