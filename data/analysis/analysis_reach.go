package analysis

import (
	"context"
	"time"
)

// sewerReach fills {w}.sewer_reach: per segment that crosses sewers, the
// distinct buildings within Detection.SewerReachBufferM of a crossing sewer
// and within Detection.SewerReachM of the segment. The buildings near each
// crossing sewer are found once ({w}.sewer_near), not once per segment
// crossing it; each segment then tests only its sewers' buildings.
func (r *run) sewerReach(ctx context.Context) error {
	t := time.Now()
	d := r.opts.Model.Detection
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.crossed WITH (autovacuum_enabled = off) AS
			SELECT DISTINCT unnest(crossing_sewers) AS sewer_gid FROM {w}.segs WHERE crossings > 0;
		CREATE UNLOGGED TABLE {w}.sewer_near (sewer_gid bigint, building_gid bigint, geom geometry) WITH (autovacuum_enabled = off);
		CREATE UNLOGGED TABLE {w}.sewer_reach (segment_id bigint, n int) WITH (autovacuum_enabled = off)`)
	if err == nil {
		err = r.execSharded(ctx, sqlSewerNear, d.SewerReachBufferM)
	}
	if err == nil {
		err = r.exec(ctx, `ANALYZE {w}.sewer_near`)
	}
	if err == nil {
		err = r.execSharded(ctx, sqlSewerReach, d.SewerReachM)
	}
	if err == nil {
		err = r.exec(ctx, `CREATE UNIQUE INDEX ON {w}.sewer_reach (segment_id); ANALYZE {w}.sewer_reach`)
	}
	r.phases = append(r.phases, Phase{"grade sewer reach", time.Since(t)})
	return err
}

// sqlSewerNear: the buildings within $1 (the sewer reach buffer) of each
// crossed sewer, as shards by sewer.
const sqlSewerNear = `
INSERT INTO {w}.sewer_near
SELECT sw.gid, b.gid, b.geom
FROM {w}.crossed c
JOIN sewers sw ON sw.gid = c.sewer_gid
JOIN buildings b ON ST_DWithin(b.geom, sw.geom, $1)
WHERE c.sewer_gid % {n} = {k}`

// sqlSewerReach counts, per crossing segment, the distinct buildings near
// its crossing sewers within $1 (the sewer reach) of the segment, as
// shards by segment.
const sqlSewerReach = `
INSERT INTO {w}.sewer_reach
SELECT x.segment_id, count(DISTINCT sn.building_gid)::int
FROM (SELECT s.segment_id, s.geom, unnest(s.crossing_sewers) AS sewer_gid
      FROM {w}.segs s WHERE s.crossings > 0 AND s.segment_id % {n} = {k}) x
JOIN {w}.sewer_near sn ON sn.sewer_gid = x.sewer_gid
WHERE ST_DWithin(sn.geom, x.geom, $1)
GROUP BY x.segment_id`
