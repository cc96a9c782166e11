package analysis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"gasrisk/network"
)

// referenceSewerReach is the sewer reach as commit e6da4f4 computed it
// (one probe of buildings, places and detectors per stretch walked), kept
// as the reference the faster sewerReach is compared with
// (TestSewerReachAsBefore). It fills {w}.sewer_reach_reference with the
// same columns as {w}.sewer_reach.
func (r *run) referenceSewerReach(ctx context.Context) error {
	d := r.opts.Model.Detection
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.ref_reached (segment_id bigint, sewer_gid bigint, f0 float8, f1 float8);
		CREATE UNLOGGED TABLE {w}.sewer_reach_reference (segment_id bigint, n int, places int, detectors int)`)
	if err == nil {
		err = r.referenceWalk(ctx, d.SewerReachM)
	}
	if err == nil {
		err = r.exec(ctx, `ANALYZE {w}.ref_reached`)
	}
	if err == nil {
		err = r.execSharded(ctx, referenceSQL, d.SewerReachBufferM, d.DetectorInSewerM)
	}
	return err
}

// referenceLine is a sewer's geometry as one line, as e6da4f4 wrote it.
const referenceLine = `(CASE WHEN GeometryType(sw.geom) = 'LINESTRING' THEN sw.geom ELSE ST_GeometryN(ST_LineMerge(sw.geom), 1) END)`

// referenceWalk builds the sewer graph, finds where each crossing segment
// meets its sewers and writes the stretches within reach of each.
func (r *run) referenceWalk(ctx context.Context, reach float64) error {
	cond, args := r.sewersInScope(reach)
	rows, err := r.conn.Query(ctx, r.sql(`SELECT sw.gid, sw.kind, ST_Length(sw.geom), ST_X(ST_StartPoint(l)), ST_Y(ST_StartPoint(l)),
			ST_X(ST_EndPoint(l)), ST_Y(ST_EndPoint(l))
		FROM sewers sw, LATERAL (SELECT `+referenceLine+` AS l) g WHERE sw.kind <> 'water' `+cond+` ORDER BY sw.gid`), args...)
	if err != nil {
		return err
	}
	sewers, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (network.Pipe, error) {
		var p network.Pipe
		return p, row.Scan(&p.GID, &p.Class, &p.Length, &p.A[0], &p.A[1], &p.B[0], &p.B[1])
	})
	if err != nil {
		return fmt.Errorf("sewers: %w", err)
	}
	g, err := network.Build(network.Input{Pipes: sewers}, network.DefaultOptions())
	if err != nil {
		return err
	}
	conn, err := r.s.db.Pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	c := startBinaryCopy(ctx, conn, pgx.Identifier{r.schema, "ref_reached"}, []string{"segment_id", "sewer_gid", "f0", "f1"}, false)
	if err := r.referenceCopy(ctx, g, reach, c); err != nil {
		c.abort(err)
		return err
	}
	return c.finish()
}

// referenceCopy walks from each crossing of a segment with a sewer.
func (r *run) referenceCopy(ctx context.Context, g *network.Graph, reach float64, c *binaryCopy) error {
	rows, err := r.conn.Query(ctx, r.sql(`SELECT x.segment_id, sw.gid, ST_LineLocatePoint(`+referenceLine+`, ST_ClosestPoint(sw.geom, x.geom))
		FROM (SELECT s.segment_id, s.geom, unnest(s.crossing_sewers) AS sewer_gid FROM {w}.segs s WHERE s.crossings > 0) x
		JOIN sewers sw ON sw.gid = x.sewer_gid`))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var seg, sewer int64
		var at float64
		if err := rows.Scan(&seg, &sewer, &at); err != nil {
			return err
		}
		stretches, err := g.Reach(network.Spot{Pipe: sewer, At: at}, reach)
		if err != nil {
			continue // a water main: gas is not assumed to travel in it
		}
		for _, st := range stretches {
			c.row(4)
			c.int8(seg)
			c.int8(st.PipeGID)
			c.float8(st.F0)
			c.float8(st.F1)
			if err := c.endRow(); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// referenceSQL counts, per crossing segment, the distinct buildings and
// dense places within $1 of the stretches its crossings reach, and the
// distinct detectors within $2 of them, as shards by segment.
const referenceSQL = `
INSERT INTO {w}.sewer_reach_reference
WITH l AS MATERIALIZED (
    SELECT x.segment_id, ST_LineSubstring(` + referenceLine + `, x.f0, x.f1) AS g
    FROM {w}.ref_reached x JOIN sewers sw ON sw.gid = x.sewer_gid
    WHERE x.segment_id % {n} = {k})
SELECT segment_id, sum(b)::int, sum(p)::int, sum(d)::int
FROM (SELECT l.segment_id, count(DISTINCT b.gid) AS b, 0 AS p, 0 AS d
      FROM l JOIN buildings b ON ST_DWithin(b.geom, l.g, $1) GROUP BY 1
      UNION ALL
      SELECT l.segment_id, 0, count(DISTINCT p.gid), 0
      FROM l JOIN places p ON ST_DWithin(p.geom, l.g, $1) GROUP BY 1
      UNION ALL
      SELECT l.segment_id, 0, 0, count(DISTINCT dt.gid)
      FROM l JOIN detectors dt ON ST_DWithin(dt.geom, l.g, $2) GROUP BY 1) c
GROUP BY segment_id`
