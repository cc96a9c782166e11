package analysis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
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
// the stretches reached to {w}.sewer_reached (reach_walk.go). SQL then
// finds the buildings, places and detectors near each sewer reached once
// ({w}.sewer_near: one probe of each layer per sewer, not per stretch),
// and counts per segment those of them near its stretches.
func (r *run) sewerReach(ctx context.Context) error {
	t := time.Now()
	d := r.opts.Model.Detection
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.sewer_reached (segment_id bigint, sewer_gid bigint, f0 float8, f1 float8)
			WITH (autovacuum_enabled = off);
		CREATE UNLOGGED TABLE {w}.sewers_reached (gid bigint) WITH (autovacuum_enabled = off);
		CREATE UNLOGGED TABLE {w}.sewer_near (sewer_gid bigint, layer int, gid bigint, geom geometry) WITH (autovacuum_enabled = off);
		CREATE UNLOGGED TABLE {w}.sewer_reach (segment_id bigint, n int, places int, detectors int) WITH (autovacuum_enabled = off)`)
	if err == nil {
		err = r.sewerWalk(ctx, d.SewerReachM)
	}
	if err == nil {
		err = r.exec(ctx, `ANALYZE {w}.sewer_reached; ANALYZE {w}.sewers_reached`)
	}
	if err == nil {
		err = r.sharded(ctx, func(ctx context.Context, conn *pgxpool.Conn, n, k int) error {
			buffer, inSewer := d.SewerReachBufferM+nearMargin, d.DetectorInSewerM+nearMargin
			_, err := conn.Exec(ctx, r.sql(shardSQL(sqlSewerNear, n, k)), buffer, inSewer)
			if err == nil && k == n-1 {
				_, err = conn.Exec(ctx, r.sql(sqlSewerNearPlaces), buffer)
			}
			return err
		})
	}
	if err == nil {
		err = r.exec(ctx, `ANALYZE {w}.sewer_near`)
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

// nearMargin widens the probes of sqlSewerNear by a millimetre: a
// stretch's ends are interpolated on its sewer's line (ST_LineSubstring)
// and may lie off it by a rounding error (some 1e-9 m), so a feature just
// over the buffer from the whole sewer might be within it from the
// stretch. The exact test is sqlSewerReach's, on the stretch itself.
const nearMargin = 0.001

// sqlSewerNear finds, for one shard of the sewers reached, the buildings
// within $1 (the reach buffer plus nearMargin) and the detectors within
// $2 (in the sewer, plus nearMargin) of the whole sewer: the candidates of the
// stretches walked on it, found by one probe per sewer rather than one
// per stretch (a sewer is reached from every crossing near it).
const sqlSewerNear = `
INSERT INTO {w}.sewer_near (sewer_gid, layer, gid, geom)
WITH sw AS MATERIALIZED (
    SELECT sw.gid, sw.geom FROM {w}.sewers_reached c JOIN sewers sw ON sw.gid = c.gid WHERE c.gid % {n} = {k})
SELECT sw.gid, 0, b.gid, b.geom FROM sw JOIN buildings b ON ST_DWithin(b.geom, sw.geom, $1::float8)
UNION ALL
SELECT sw.gid, 2, dt.gid, dt.geom FROM sw JOIN detectors dt ON ST_DWithin(dt.geom, sw.geom, $2::float8)`

// sqlSewerNearPlaces is sqlSewerNear for the dense places, few: probed
// from the places into the sewers' index.
const sqlSewerNearPlaces = `
INSERT INTO {w}.sewer_near (sewer_gid, layer, gid, geom)
SELECT sw.gid, 1, p.gid, p.geom
FROM places p JOIN sewers sw ON ST_DWithin(p.geom, sw.geom, $1::float8)
WHERE sw.gid IN (SELECT gid FROM {w}.sewers_reached)`

// sqlSewerReach counts, per crossing segment, the distinct buildings and
// dense places within $1 (the reach buffer) of the sewer stretches its
// crossings reach, and the distinct detectors within $2 (in the sewer:
// detector_in_sewer_m) of them, as shards by segment: only the stretches
// on sewers with candidates in {w}.sewer_near are cut, and each is tested
// against its sewer's candidates only.
const sqlSewerReach = `
INSERT INTO {w}.sewer_reach
SELECT l.segment_id, (count(DISTINCT n.gid) FILTER (WHERE n.layer = 0))::int,
       (count(DISTINCT n.gid) FILTER (WHERE n.layer = 1))::int, (count(DISTINCT n.gid) FILTER (WHERE n.layer = 2))::int
FROM (SELECT x.segment_id, x.sewer_gid, ST_LineSubstring(` + sewerLine + `, x.f0, x.f1) AS g
      FROM {w}.sewer_reached x JOIN sewers sw ON sw.gid = x.sewer_gid
      WHERE x.segment_id % {n} = {k} AND x.sewer_gid IN (SELECT sewer_gid FROM {w}.sewer_near)
      OFFSET 0) l
JOIN {w}.sewer_near n ON n.sewer_gid = l.sewer_gid
WHERE ST_DWithin(n.geom, l.g, CASE WHEN n.layer = 2 THEN $2::float8 ELSE $1::float8 END)
GROUP BY l.segment_id`
