package importer

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// publish moves the staged rows into the layer's table, transformed into
// the working CRS and EPSG:3857, in Z-order (zGrid) so that neighbours sit
// together on disk. Into an empty table, the GiST indexes are rebuilt after
// the load rather than maintained row by row.
func (st *staging) publish(ctx context.Context, srid, rejected int) (int, error) {
	table := pgx.Identifier{st.layer.Table()}.Sanitize()
	phase(st.opts, "write")
	if st.opts.Replace {
		if _, err := st.tx.Exec(ctx, "TRUNCATE "+table); err != nil {
			return 0, err
		}
	}
	var empty bool
	if err := st.tx.QueryRow(ctx, "SELECT NOT EXISTS (SELECT 1 FROM "+table+")").Scan(&empty); err != nil {
		return 0, err
	}
	var indexes []string
	if empty {
		var err error
		if indexes, err = dropIndexes(ctx, st.tx, st.layer.Table(), true); err != nil {
			return 0, err
		}
	}
	var cols []string
	for _, f := range st.layer.Fields {
		cols = append(cols, pgx.Identifier{f.Name}.Sanitize())
	}
	list := strings.Join(cols, ", ")
	// The staged rows are sorted as they are and transformed after the
	// sort (an ordered subquery is not flattened): sorting the rows with
	// both transformed geometries carried twice their bytes. The sort
	// gets the memory to run in place of spilling to disk (a million
	// pipes stage ~250 MB).
	if _, err := st.tx.Exec(ctx, "SET LOCAL work_mem = '1GB'"); err != nil {
		return 0, err
	}
	// A table truncated (or indexes rebuilt) in the transaction is written
	// without WAL (wal_level minimal); at commit PostgreSQL then either
	// writes its pages to the WAL, below wal_skip_threshold, or writes
	// them out and fsyncs every file, above it (2 MB by default). The WAL
	// is the cheaper end: written sequentially, flushed in the background
	// (synchronous_commit off), the pages left in shared buffers; the
	// fsync made the commit wait for the disk. Crash safety is the same.
	if _, err := st.tx.Exec(ctx, "SET LOCAL wal_skip_threshold = '1TB'"); err != nil {
		return 0, err
	}
	q := fmt.Sprintf(`INSERT INTO %s (%s, geom, geom_3857)
		SELECT %s, ST_Transform(g, $1::int), ST_Transform(g, 3857)
		FROM (SELECT %s, ST_GeomFromWKB(wkb, %d) AS g FROM %s ORDER BY zkey, idx) s`,
		table, list, list, list, st.srid, stageTable)
	var tag pgconn.CommandTag
	var err error
	if st.opts.Update {
		tag, err = st.update(ctx, q, srid)
	} else {
		tag, err = st.tx.Exec(ctx, q, srid)
	}
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", st.layer.Name, err)
	}
	if len(indexes) > 0 {
		phase(st.opts, "index")
	}
	for _, def := range indexes {
		if _, err := st.tx.Exec(ctx, def); err != nil {
			return 0, err
		}
	}
	_, err = st.tx.Exec(ctx, `INSERT INTO imports (layer, source, features, rejected, replaced) VALUES ($1, $2, $3, $4, $5)`,
		st.layer.Name, st.opts.File, tag.RowsAffected(), rejected, st.opts.Replace)
	return int(tag.RowsAffected()), err
}
