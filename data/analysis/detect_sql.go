package analysis

// The detection SQL of docs/design.md §3, run in a per-run work schema (written
// as "{w}." here and replaced by the schema's name). Queries with
// "% {n} = {k}" run as n concurrent shards, one per core. All distances are in the
// working CRS. class_params holds the model config's distances per pressure
// class; radius holds each segment's impact radius, joined to the parts by
// one plain column (radius_key: three equalities on coalesce()d columns
// were estimated at one row and flipped the plans); building_clearance each
// (class, wall, protection)'s clearance to buildings.
//
// Protection ranges, clearances and the control range are measured from
// the pipe's outer wall (GB 55009-2021 §5.1.6 "外缘", GB 50028-2006
// t.6.3.3-1 净距): a part's half_d, its half diameter in metres (the
// model's default diameter when unknown), is added to each distance probed
// from its centreline.

// sqlParts dumps in-service pipes into single LineString parts. Their
// GiST index, which only the place receptors use, is built aside.
const sqlParts = `
CREATE UNLOGGED TABLE {w}.parts WITH (autovacuum_enabled = off) AS
SELECT row_number() OVER () AS part_id, p.gid AS pipe_gid, p.id AS pipe_id, coalesce(d.path[1], 1) AS part,
       d.geom, p.material, p.pressure_class, p.pressure_mpa, p.diameter_mm, p.install_year, p.depth_m, p.district,
       coalesce(p.casing, false) AS casing,
       p.condition, p.ductile_unsafe, p.hazard_uncontrollable,
       coalesce(p.diameter_mm, (SELECT cp.default_diameter_mm FROM {w}.class_params cp WHERE cp.pressure_class = p.pressure_class)) / 2000 AS half_d,
       p.wall_mm, coalesce(p.protection, false) AS protection,
       format('%s|%s|%s', p.pressure_class, p.pressure_mpa, p.diameter_mm) AS radius_key
FROM pipes p, LATERAL ST_Dump(p.geom) d
WHERE p.status = 'in_service' AND NOT ST_IsEmpty(d.geom) AND ST_Length(d.geom) > 0;
CREATE INDEX ON {w}.parts (part_id);
ANALYZE {w}.parts;
CREATE UNLOGGED TABLE {w}.events (
    part_id bigint NOT NULL, kind text NOT NULL, f0 float8 NOT NULL, f1 float8 NOT NULL,
    ref bigint, use text, no_detector boolean NOT NULL DEFAULT false, vertical_gap boolean NOT NULL DEFAULT false,
    through boolean NOT NULL DEFAULT false, exposed boolean NOT NULL DEFAULT false) WITH (autovacuum_enabled = off);`

// sqlBuildingEvents: a building whose footprint lies within the
// protection range of the pipe's outer wall occupies the pipe (占压) over
// the stretch within that range; one nearer than the part's building
// clearance but outside the protection range is an insufficient clearance
// over the stretch within the clearance.
const sqlBuildingEvents = `
INSERT INTO {w}.events (part_id, kind, f0, f1, ref, use)
SELECT pt.part_id, k.kind, iv.f0, iv.f1, b.gid, b.use
FROM {w}.parts pt
JOIN {w}.class_params cp ON cp.pressure_class = pt.pressure_class
JOIN {w}.building_clearance bc ON bc.pressure_class = pt.pressure_class AND coalesce(bc.wall_mm, -1) = coalesce(pt.wall_mm, -1)
                               AND bc.protection = pt.protection
JOIN buildings b ON ST_DWithin(pt.geom, b.geom, greatest(bc.clearance, cp.protection) + pt.half_d)
CROSS JOIN LATERAL (
    SELECT CASE WHEN occ THEN 'occupied' ELSE 'clearance_building' END AS kind,
           CASE WHEN occ THEN cp.protection ELSE bc.clearance END + pt.half_d AS dist
    FROM (SELECT ST_DWithin(pt.geom, b.geom, cp.protection + pt.half_d) AS occ) o) k
CROSS JOIN LATERAL gasrisk_intervals(pt.geom, ST_Buffer(b.geom, k.dist, 'quad_segs=4')) iv
WHERE pt.part_id % {n} = {k}`

// sqlSewerPairs pairs each part once with the sewers and water mains
// within the larger of their clearances (one spatial probe per part) and
// returns, for shard {k}, the pairs that make events, with both
// geometries as WKB, for sewerEvents to cut: the pairs that cross in plan
// and those nearer than their clearance (the sewer clearance for sewers,
// storm drains and culverts, the water clearance for water mains, returned
// with the alongside kind), measured wall to wall (t.6.3.3-1 净距): the
// distance returned is the clearance plus both half diameters, a sewer's
// unknown diameter taken as 0; the probe reaches the largest sewer's. For a crossing with a sewer, storm drain or
// culvert it returns the vertical gap (the clear distance between the
// depth ranges of the two, cover to the top plus the diameter; negative
// when they overlap: the pipe passes through it), NULL when a depth is
// unknown, and whether the pipe is laid in a casing.
//
// Whether the two cross is computed once per pair (OFFSET 0 keeps the
// planner from copying ST_Intersects into the filter and the columns).
const sqlSewerPairs = `
SELECT pt.part_id, s.gid, c.crosses AND s.kind <> 'water',
       CASE WHEN s.kind = 'water' THEN 'clearance_water' ELSE 'clearance_sewer' END, c.dist,
       CASE WHEN c.crosses AND s.kind <> 'water'
            THEN greatest(s.depth_m - (pt.depth_m + coalesce(pt.diameter_mm, 0) / 1000),
                          pt.depth_m - (s.depth_m + coalesce(s.diameter_mm, 0) / 1000)) END,
       pt.casing, c.crosses,
       ST_AsBinary(ST_Force2D(pt.geom)), ST_AsBinary(ST_Force2D(s.geom))
FROM {w}.parts pt
JOIN {w}.class_params cp ON cp.pressure_class = pt.pressure_class
JOIN sewers s ON ST_DWithin(pt.geom, s.geom, greatest(cp.sewer_clearance, cp.water_clearance) + pt.half_d
                                                + (SELECT coalesce(max(diameter_mm), 0) / 2000 FROM sewers))
CROSS JOIN LATERAL (SELECT ST_Intersects(pt.geom, s.geom) AS crosses,
                           CASE WHEN s.kind = 'water' THEN cp.water_clearance ELSE cp.sewer_clearance END
                           + pt.half_d + coalesce(s.diameter_mm, 0) / 2000 AS dist
                    OFFSET 0) c
WHERE pt.part_id % {n} = {k}
  AND (c.crosses OR ST_DWithin(pt.geom, s.geom, c.dist))`

// sqlWorksEvents: active third-party works within the control range of
// the pipe's outer wall.
const sqlWorksEvents = `
INSERT INTO {w}.events (part_id, kind, f0, f1, ref)
SELECT pt.part_id, 'third_party', iv.f0, iv.f1, wk.gid
FROM {w}.parts pt
JOIN {w}.class_params cp ON cp.pressure_class = pt.pressure_class
JOIN works wk ON ST_DWithin(pt.geom, wk.geom, cp.control + pt.half_d) AND $1::date BETWEEN wk.starts_on AND wk.ends_on
CROSS JOIN LATERAL gasrisk_intervals(pt.geom, ST_Buffer(wk.geom, cp.control + pt.half_d, 'quad_segs=4')) iv
WHERE pt.part_id % {n} = {k}`

// sqlSegments is the segments' rows: parts without pieces are whole
// segments; others are cut at the pieces' fractions. It ends inside the
// pieces' join condition, so a shard can add to it and then filter parts.
const sqlSegments = `
SELECT nextval('segment_ids') AS segment_id, pt.part_id, pt.pipe_gid, pt.pipe_id, pt.part,
       coalesce(pc.f0, 0) AS f0, coalesce(pc.f1, 1) AS f1,
       CASE WHEN pc.part_id IS NULL THEN pt.geom ELSE ST_LineSubstring(pt.geom, pc.f0, pc.f1) END AS geom,
       pt.material, pt.pressure_class, pt.pressure_mpa, pt.diameter_mm, pt.install_year, pt.depth_m, pt.district,
       pt.condition, pt.ductile_unsafe, pt.hazard_uncontrollable,
       coalesce(pc.kinds, '{}') AS kinds, coalesce(pc.occupied_uses, '{}') AS occupied_uses,
       coalesce(pc.crossings, 0) AS crossings, coalesce(pc.crossing_sewers, '{}') AS crossing_sewers,
       coalesce(pc.no_detector, 0) AS no_detector, coalesce(pc.vertical_gap, false) AS vertical_gap,
       coalesce(pc.through, 0) AS through, coalesce(pc.through_exposed, 0) AS through_exposed,
       coalesce(pc.third_party, 0) AS third_party, r.r AS radius
FROM {w}.parts pt
JOIN {w}.radius r ON r.key = pt.radius_key
LEFT JOIN {w}.pieces pc ON pc.part_id = pt.part_id`

// sqlReceptors counts, set-based, the buildings by use within each
// segment's impact radius (run as shards by part): the buildings within
// the radius of each pipe part (one spatial probe per part, 361,000 on the
// 1,000,000-segment city instead of one per segment), then the segments of
// the part they are within the radius of — every one for a segment that is
// the whole part. The same rows as probing per segment in 12 % less time.
// sqlPlaceReceptors counts the dense-occupancy places, probing from the
// few places into the parts index.
const sqlReceptors = `
INSERT INTO {w}.receptors
WITH near AS MATERIALIZED (
    SELECT pt.part_id, b.use, b.floors, b.geom
    FROM {w}.parts pt
    JOIN {w}.radius r ON r.key = pt.radius_key
    JOIN buildings b ON ST_DWithin(pt.geom, b.geom, r.r)
    WHERE pt.part_id % {n} = {k})
SELECT segment_id, array_agg(use ORDER BY use), array_agg(n ORDER BY use), array_agg(fl ORDER BY use)
FROM (SELECT s.segment_id, near.use, count(*)::int AS n, coalesce(sum(near.floors), 0)::int AS fl
      FROM near JOIN {w}.segs s ON s.part_id = near.part_id
      WHERE s.part_id % {n} = {k} AND (s.f0 = 0 AND s.f1 = 1 OR ST_DWithin(s.geom, near.geom, s.radius))
      GROUP BY 1, 2) x
GROUP BY segment_id`

const sqlPlaceReceptors = `
INSERT INTO {w}.place_receptors
WITH near AS MATERIALIZED (
    SELECT pt.part_id, p.capacity, p.geom
    FROM places p JOIN {w}.parts pt ON ST_DWithin(pt.geom, p.geom, (SELECT max(r) FROM {w}.radius)))
SELECT s.segment_id, count(*)::int, coalesce(sum(near.capacity), 0)::int
FROM near JOIN {w}.segs s ON s.part_id = near.part_id AND ST_DWithin(s.geom, near.geom, s.radius)
GROUP BY s.segment_id`

// sqlFacts streams one row per segment with an id in [$1, $2): its own columns for the run's
// partition (geometries in the working CRS and EPSG:3857) and its facts —
// receptors, the buildings, places and detectors along crossing sewers
// within the sewer reach ({w}.sewer_reach), the ledger's temporary measures on it and its field
// evidence ({w}.evidence). The
// receptors are hashed for the shard's range only.
const sqlFacts = `
SELECT s.segment_id, s.part_id, s.pipe_gid, s.pipe_id, s.part, s.f0, s.f1, ST_Length(s.geom), s.material,
       s.diameter_mm, s.pressure_class, s.pressure_mpa, s.install_year, s.depth_m, s.district,
       coalesce(s.condition, ''), coalesce(s.ductile_unsafe, false), coalesce(s.hazard_uncontrollable, false),
       s.kinds, s.occupied_uses, s.crossings, s.no_detector, s.vertical_gap, s.third_party, s.through, s.through_exposed,
       rc.uses, rc.counts, rc.floors,
       coalesce(pl.n, 0), coalesce(pl.capacity, 0), coalesce(sr.n, 0), coalesce(sr.places, 0), coalesce(sr.detectors, 0),
       CASE WHEN 'clearance_sewer' = ANY (s.kinds) THEN ST_Length(s.geom) ELSE 0 END,
       tm.measures,
       ` + sqlFactsEvidence + `
       ST_AsEWKB(s.geom), ST_AsEWKB(ST_Transform(s.geom, 3857))
FROM {w}.segs s
LEFT JOIN {w}.receptors rc ON rc.segment_id = s.segment_id AND rc.segment_id >= $1 AND rc.segment_id < $2
LEFT JOIN {w}.temp_measures tm ON tm.segment_id = s.segment_id
LEFT JOIN {w}.place_receptors pl ON pl.segment_id = s.segment_id
LEFT JOIN {w}.sewer_reach sr ON sr.segment_id = s.segment_id
LEFT JOIN {w}.evidence ev ON ev.segment_id = s.segment_id
WHERE s.segment_id >= $1 AND s.segment_id < $2`
