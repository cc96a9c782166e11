package data

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/geo"
)

// staging is the temporary table one import fills before it publishes into
// the layer's table.
type staging struct {
	tx    pgx.Tx
	layer Layer
	opts  ImportOptions
	srid  int // CRS of the staged WKB
}

const stageTable = "gasrisk_import_stage"

// columnType is the SQL type of a field.
func columnType(f Field) string {
	switch f.Kind {
	case Int:
		return "int"
	case Float:
		return "double precision"
	}
	return "text"
}

// load creates the staging table and streams the validated features into
// it with COPY while GDAL is still reading the file.
func (st *staging) load(ctx context.Context, res *ImportResult) error {
	cols := []string{"idx int"}
	names := []string{"idx"}
	for _, f := range st.layer.Fields {
		cols = append(cols, pgx.Identifier{f.Name}.Sanitize()+" "+columnType(f))
		names = append(names, f.Name)
	}
	cols = append(cols, "wkb bytea")
	names = append(names, "wkb")
	ddl := fmt.Sprintf("CREATE TEMP TABLE %s (%s) ON COMMIT DROP", stageTable, strings.Join(cols, ", "))
	if _, err := st.tx.Exec(ctx, ddl); err != nil {
		return err
	}
	phase(st.opts, "read")
	rows := make(chan []any, 1024)
	readErr := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(rows)
		readErr <- st.read(ctx, res, rows)
	}()
	_, err := st.tx.CopyFrom(ctx, pgx.Identifier{stageTable}, names, &chanSource{ch: rows})
	cancel()
	for range rows {
	}
	if rerr := <-readErr; rerr != nil && rerr != context.Canceled {
		return rerr
	}
	return err
}

// read converts the file's features, sending good rows and recording
// rejects. GeoJSON is read by Go's decoder; everything else, and GeoJSON
// the Go reader does not take, by GDAL (reprojected to EPSG:4326).
func (st *staging) read(ctx context.Context, res *ImportResult, out chan<- []any) error {
	fr := &featureReader{layer: st.layer, mapping: st.opts.Mapping, maxYear: time.Now().Year(), seen: map[string]int{}}
	each := func(f rawFeature) error {
		res.Read++
		if st.opts.Progress != nil && res.Read%1000 == 0 {
			st.opts.Progress(res.Read)
		}
		r, reason := fr.convert(f)
		if reason != "" {
			res.Rejects = append(res.Rejects, Reject{Index: r.index, ID: r.id, Reason: reason})
			return nil
		}
		vals := make([]any, 0, len(r.values)+2)
		vals = append(vals, int32(r.index))
		vals = append(vals, r.values...)
		vals = append(vals, r.wkb)
		select {
		case out <- vals:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if isGeoJSON(st.opts.File) {
		err := readGeoJSON(ctx, st.opts.File, func(srid int) error {
			if st.opts.SRID != 0 {
				srid = st.opts.SRID
			}
			st.srid, fr.lonLat = srid, srid == 4326
			return nil
		}, each)
		if err != errNotPlainGeoJSON {
			return err
		}
	}
	st.srid, fr.lonLat = 4326, true
	src := ogrSource{File: st.opts.File, SourceLayer: st.opts.SourceLayer, SRID: st.opts.SRID}
	return readOGR(ctx, src, each)
}

// chanSource adapts a channel of rows to pgx.CopyFromSource.
type chanSource struct {
	ch  <-chan []any
	cur []any
}

func (c *chanSource) Next() bool {
	r, ok := <-c.ch
	c.cur = r
	return ok
}
func (c *chanSource) Values() ([]any, error) { return c.cur, nil }
func (c *chanSource) Err() error             { return nil }

// checkInDatabase finds what only PostGIS can judge: invalid polygons and,
// when adding to a layer, ids it already holds. Refused rows leave the
// staging table.
func (st *staging) checkInDatabase(ctx context.Context, res *ImportResult) error {
	phase(st.opts, "validate")
	var queries []string
	if st.layer.Geom&Polygons != 0 {
		queries = append(queries, fmt.Sprintf(`SELECT idx, id, 'invalid geometry: ' || ST_IsValidReason(g)
			FROM (SELECT idx, id, ST_GeomFromWKB(wkb, %d) AS g FROM %s) s WHERE NOT ST_IsValid(g)`, st.srid, stageTable))
	}
	if !st.opts.Replace {
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
