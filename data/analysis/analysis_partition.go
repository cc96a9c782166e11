package analysis

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The run's partition of segments (segments_r<run>) is itself partitioned
// by segment_id range, one child per grading shard. Each shard creates its
// child, COPYs its rows and builds the child's indexes in one transaction:
// with wal_level = minimal PostgreSQL writes no WAL for a table created in
// the same transaction (it syncs the files at commit), which saved the
// COPY about a third of its CPU, and the indexes are built by the shards
// instead of afterwards. Readers see segments, pruned to the run's
// partition and its children, as before.

// idRange is the segment ids [lo, hi) of one grading shard.
type idRange struct{ lo, hi int64 }

// shardRanges splits the run's segment ids into n non-empty ranges of
// equal width (ids are consecutive: one sequence, one run).
func (r *run) shardRanges(ctx context.Context, n int) ([]idRange, error) {
	var lo, hi int64
	err := r.conn.QueryRow(ctx, r.sql(`SELECT coalesce(min(segment_id), 0), coalesce(max(segment_id), 0) + 1 FROM {w}.segs`)).Scan(&lo, &hi)
	if err != nil {
		return nil, err
	}
	span := max(hi-lo, int64(n))
	out := make([]idRange, n)
	for k := range out {
		out[k] = idRange{lo + span*int64(k)/int64(n), lo + span*int64(k+1)/int64(n)}
	}
	return out, nil
}

// child is the name of shard k's table in the run's partition.
func (r *run) child(k int) pgx.Identifier {
	return pgx.Identifier{fmt.Sprintf("%s_%d", r.tag(), k)}
}

// createChild creates shard k's table for ids in rg, in tx. No query
// filters on the factors: ANALYZE leaves them out (a sixth of its time).
func (r *run) createChild(ctx context.Context, tx pgx.Tx, k int, rg idRange) error {
	c := r.child(k).Sanitize()
	_, err := tx.Exec(ctx, fmt.Sprintf(`CREATE TABLE %s (LIKE segments INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMPRESSION,
		CONSTRAINT run_only CHECK (run_id = %d), CHECK (segment_id >= %d AND segment_id < %d));
		ALTER TABLE %s ALTER COLUMN factors SET STATISTICS 0`, c, r.id, rg.lo, rg.hi, c))
	return err
}

// indexChild builds shard k's indexes and statistics, in tx: tiles and
// permit checks search the geometries, the API looks segments up by id, a
// revision of the run (revision.go) deletes them by pipe. Queries on
// segments are planned with the children's statistics; the partition
// itself needs none.
func (r *run) indexChild(ctx context.Context, tx pgx.Tx, k int) error {
	c := r.child(k).Sanitize()
	for _, def := range []string{`USING gist (geom_3857)`, checkIndex, `(segment_id)`, `(pipe_id)`} {
		unique := ""
		if def == `(segment_id)` {
			unique = "UNIQUE "
		}
		if _, err := tx.Exec(ctx, "CREATE "+unique+"INDEX ON "+c+" "+def); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, "ANALYZE "+c)
	return err
}

// checkIndex is a shard's index of its working-CRS geometries. It also
// holds every column a permit check reads of a segment (data/permits,
// nearSegments), the geometry among them, so that a check is answered by
// an index-only scan: the shard's table is written with COPY FREEZE, its
// pages all-visible, and a check reads no row of it — rows of 1.7 kB,
// most of it factors, of which a check read some 7 blocks that came from
// the operating system's cache (docs/benchmarks.md "Permit checks from
// the index alone"). The index is five times the plain one's size (about
// 100 MB for 500,000 segments) and takes a quarter longer to build.
const checkIndex = `USING gist (geom) INCLUDE (run_id, segment_id, pipe_id, pressure_class, grade, material, diameter_mm, geom)`

// attachChildren creates the run's partition and attaches the shards'
// tables; their CHECK constraints spare PostgreSQL a scan of each.
func (r *run) attachChildren(ctx context.Context, ranges []idRange) error {
	err := r.exec(ctx, fmt.Sprintf(`CREATE TABLE %s (LIKE segments INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMPRESSION,
		CONSTRAINT run_only CHECK (run_id = %d)) PARTITION BY RANGE (segment_id)`, r.partition(), r.id))
	for k, rg := range ranges {
		if err != nil {
			return err
		}
		err = r.exec(ctx, fmt.Sprintf(`ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (%d) TO (%d)`,
			r.partition(), r.child(k).Sanitize(), rg.lo, rg.hi))
	}
	return err
}

// dropPartition drops the run's partition with its shards' tables, and
// shards' tables left without one by a failed run.
func (s *Service) dropPartition(ctx context.Context, id int64) error {
	return s.dropListed(ctx, `SELECT schemaname, tablename FROM pg_tables WHERE schemaname = current_schema()
		AND (tablename = $1 OR tablename LIKE $1 || '\_%')`, fmt.Sprintf("segments_r%d", id))
}

// dropListed drops, in one statement, the tables that query q lists as
// (schema, table) rows.
func (s *Service) dropListed(ctx context.Context, q string, args ...any) error {
	rows, err := s.db.Pool.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	names, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (string, error) {
		var schema, table string
		err := row.Scan(&schema, &table)
		return pgx.Identifier{schema, table}.Sanitize(), err
	})
	if err != nil || len(names) == 0 {
		return err
	}
	_, err = s.db.Pool.Exec(ctx, "DROP TABLE IF EXISTS "+strings.Join(names, ", "))
	return err
}
