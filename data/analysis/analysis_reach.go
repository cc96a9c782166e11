package analysis

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/network"
)

// sewerReach fills {w}.sewer_reach: per segment that crosses sewers, the
// distinct buildings and dense places within Detection.SewerReachBufferM
// of the sewer network within Detection.SewerReachM of the crossing,
// measured along connected sewers, and the detectors in those sewers
// (within Detection.DetectorInSewerM of them) (docs/risk-model.md, "Gas
// migration along sewers").
// The sewers (storm, sanitary, combined drains and culverts: not water
// mains) form a graph like the gas network's (network.Build: ends within
// the snapping tolerance meet, at the manholes that split real sewers);
// from each crossing Go walks the graph (network.Graph.Reach) and writes
// the stretches reached to {w}.sewer_reached; SQL counts the buildings,
// places and detectors along them.
func (r *run) sewerReach(ctx context.Context) error {
	t := time.Now()
	d := r.opts.Model.Detection
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.sewer_reached (segment_id bigint, sewer_gid bigint, f0 float8, f1 float8)
			WITH (autovacuum_enabled = off);
		CREATE UNLOGGED TABLE {w}.sewer_reach (segment_id bigint, n int, places int, detectors int) WITH (autovacuum_enabled = off)`)
	if err == nil {
		err = r.sewerWalk(ctx, d.SewerReachM)
	}
	if err == nil {
		err = r.exec(ctx, `ANALYZE {w}.sewer_reached`)
	}
	if err == nil {
		err = r.execSharded(ctx, sqlSewerReach, d.SewerReachBufferM, d.DetectorInSewerM)
	}
	if err == nil {
		err = r.exec(ctx, `CREATE UNIQUE INDEX ON {w}.sewer_reach (segment_id); ANALYZE {w}.sewer_reach`)
	}
	r.phases = append(r.phases, Phase{"grade sewer reach", time.Since(t)})
	return err
}

// sewerLine is a sewer's geometry as one line (a MultiLineString that does
// not merge: its first part).
const sewerLine = `(CASE WHEN GeometryType(sw.geom) = 'LINESTRING' THEN sw.geom ELSE ST_GeometryN(ST_LineMerge(sw.geom), 1) END)`

// sewerWalk builds the sewer graph, finds where each crossing segment
// meets its sewers and writes the stretches within reach of each.
func (r *run) sewerWalk(ctx context.Context, reach float64) error {
	cond, args := r.sewersInScope(reach)
	rows, err := r.conn.Query(ctx, r.sql(`SELECT sw.gid, sw.kind, ST_Length(sw.geom), ST_X(ST_StartPoint(l)), ST_Y(ST_StartPoint(l)),
			ST_X(ST_EndPoint(l)), ST_Y(ST_EndPoint(l))
		FROM sewers sw, LATERAL (SELECT `+sewerLine+` AS l) g WHERE sw.kind <> 'water' `+cond+` ORDER BY sw.gid`), args...)
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
	c := startBinaryCopy(ctx, conn, pgx.Identifier{r.schema, "sewer_reached"}, []string{"segment_id", "sewer_gid", "f0", "f1"}, false)
	if err := r.copyReached(ctx, g, reach, c); err != nil {
		c.abort(err)
		return err
	}
	return c.finish()
}

// copyReached walks from each crossing of a segment with a sewer.
func (r *run) copyReached(ctx context.Context, g *network.Graph, reach float64, c *binaryCopy) error {
	rows, err := r.conn.Query(ctx, r.sql(`SELECT x.segment_id, sw.gid, ST_LineLocatePoint(`+sewerLine+`, ST_ClosestPoint(sw.geom, x.geom))
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

// sqlSewerReach counts, per crossing segment, the distinct buildings and
// dense places within $1 (the reach buffer) of the sewer stretches its
// crossings reach, and the distinct detectors within $2 (in the sewer:
// detector_in_sewer_m) of them, as shards by segment; each stretch is cut
// once and probed into the three layers' indexes.
const sqlSewerReach = `
INSERT INTO {w}.sewer_reach
WITH l AS MATERIALIZED (
    SELECT x.segment_id, ST_LineSubstring(` + sewerLine + `, x.f0, x.f1) AS g
    FROM {w}.sewer_reached x JOIN sewers sw ON sw.gid = x.sewer_gid
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
