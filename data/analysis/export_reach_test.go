package analysis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ReachCounts is a crossing segment's sewer reach: the distinct
// buildings, dense places and detectors along the sewers it reaches.
type ReachCounts struct{ Buildings, Places, Detectors int }

// SewerReachAgainstReference prepares, detects and segments the city
// as a full run does, in a work schema of its own, then computes the
// sewer reach twice on the same segments: as the analysis does
// (sewerReach) and as the reference implementation does
// (referenceSewerReach, the code before the reach was made cheaper). It
// returns both, by segment id, and how many segments cross sewers.
func (s *Service) SewerReachAgainstReference(ctx context.Context, o Options) (got, want map[int64]ReachCounts, crossing int, err error) {
	conn, err := s.db.Pool.Acquire(ctx)
	if err != nil {
		return nil, nil, 0, err
	}
	defer conn.Release()
	var id int64
	if err := conn.QueryRow(ctx, `SELECT nextval('segment_ids')`).Scan(&id); err != nil {
		return nil, nil, 0, err
	}
	r := &run{s: s, opts: o, conn: conn, schema: fmt.Sprintf("gasrisk_reach_test_%d", id)}
	defer r.dropWork()
	defer r.awaitAll()
	for _, step := range []func(context.Context) error{r.prepare, r.detect, r.segment, r.sewerReach, r.referenceSewerReach} {
		if err := step(ctx); err != nil {
			return nil, nil, 0, err
		}
	}
	if err := conn.QueryRow(ctx, r.sql(`SELECT count(*) FROM {w}.segs WHERE crossings > 0`)).Scan(&crossing); err != nil {
		return nil, nil, 0, err
	}
	if got, err = r.reachCounts(ctx, "sewer_reach"); err != nil {
		return nil, nil, 0, err
	}
	want, err = r.reachCounts(ctx, "sewer_reach_reference")
	return got, want, crossing, err
}

// reachCounts reads a sewer reach table of the run's work schema.
func (r *run) reachCounts(ctx context.Context, table string) (map[int64]ReachCounts, error) {
	rows, err := r.conn.Query(ctx, `SELECT segment_id, n, places, detectors FROM `+pgx.Identifier{r.schema, table}.Sanitize())
	if err != nil {
		return nil, err
	}
	out := map[int64]ReachCounts{}
	var seg int64
	var c ReachCounts
	_, err = pgx.ForEachRow(rows, []any{&seg, &c.Buildings, &c.Places, &c.Detectors}, func() error {
		if _, dup := out[seg]; dup {
			return fmt.Errorf("%s: segment %d twice", table, seg)
		}
		out[seg] = c
		return nil
	})
	return out, err
}
