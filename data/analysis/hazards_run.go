package analysis

import (
	"context"
	"fmt"
	"strings"

	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// hazards collects the run's findings, one row per hazard identity: what
// was found, where, and the worst grade of its stretch. Into {w}.found,
// for the publish to bring the ledger up to date with (publishHazards);
// or, when the ledger is empty, straight into the new ledger the run
// builds, to be swapped in then (ledger_bootstrap.go).
// Identities are hazard.Key's (checked against it by the ledger tests),
// grades of station hazards and listing by hazard.DefaultPolicy.
func (r *run) hazards(ctx context.Context) error {
	policy := hazard.DefaultPolicy()
	var kinds, grades []string
	for _, k := range hazard.Kinds() {
		kinds, grades = append(kinds, k), append(grades, string(policy.StationGrade(k)))
	}
	var err error
	if r.ledgerBuilt, err = r.ledgerEmpty(ctx); err != nil {
		return err
	}
	r.ledgerBuilt = r.ledgerBuilt && r.rev == nil
	if r.ledgerBuilt {
		err = r.exec(ctx, `CREATE TABLE {w}.hazards (LIKE hazards INCLUDING ALL EXCLUDING INDEXES) WITH (autovacuum_enabled = off)`)
	} else {
		err = r.exec(ctx, `CREATE UNLOGGED TABLE {w}.found (`+foundTable+`) WITH (autovacuum_enabled = off)`)
	}
	if err != nil {
		return err
	}
	floors := r.opts.Model.Floors
	q, args := r.intoFound(sqlFoundStretches, floors.MajorHazardClasses, riskmodel.MajorHazardClause)
	if err := r.execSharded(ctx, q, args...); err != nil {
		return fmt.Errorf("stretches: %w", err)
	}
	q, args = r.intoFound(strings.ReplaceAll(sqlFoundAged, "{p}", r.partition()))
	if err := r.execSharded(ctx, q, args...); err != nil {
		return fmt.Errorf("aged: %w", err)
	}
	if r.rev == nil { // a revision leaves the station findings as they are
		q, args = r.intoFound(sqlFoundStations, r.id, kinds, grades, hazard.OverpressureClause)
		if err := r.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("stations: %w", err)
		}
	}
	q, args = r.intoFound(r.foundLeaksSQL())
	if err := r.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("leaks: %w", err)
	}
	if r.ledgerBuilt {
		return r.buildLedger(ctx)
	}
	return r.exec(ctx, `ANALYZE {w}.found`)
}

// foundTable is {w}.found, the run's findings; foundColumns its columns.
const (
	foundTable = `identity text, kind text, source text, pipe_id text, part int, f0 float8, f1 float8,
		station_id text, ref_layer text, ref_id text, info jsonb, grade text, district text, geom geometry, length_m float8`
	foundColumns = `identity, kind, source, pipe_id, part, f0, f1, station_id, ref_layer, ref_id, info, grade, district,
		geom, length_m`
)

// intoFound is the statement that adds the findings sel selects (found's
// columns; its arguments args) to {w}.found or, in a run that builds the
// ledger, to {w}.hazards as new hazards; and its arguments.
func (r *run) intoFound(sel string, args ...any) (string, []any) {
	if !r.ledgerBuilt {
		return `INSERT INTO {w}.found (` + foundColumns + `) ` + sel, args
	}
	n := len(args)
	values := newHazardValues(fmt.Sprintf("$%d::bigint", n+1), fmt.Sprintf("$%d::text", n+2))
	return `INSERT INTO {w}.hazards (` + newHazardColumns + `) SELECT ` + values + ` FROM (` + sel + `) f (` + foundColumns + `)`,
		append(args, r.id, string(hazard.DefaultPolicy().ListedGrade))
}

// gradeMax is the worst of a set of grades (column g).
const gradeMax = `coalesce((ARRAY['blue', 'yellow', 'orange', 'red'])[max(array_position(ARRAY['blue', 'yellow', 'orange', 'red'], g.grade))], 'blue')`

// sqlFoundStretches: one hazard per (finding, pipe part, other feature),
// over the hull of the finding's intervals, graded by the worst segment on
// it ({w}.grades, each segment's extent and grade by part). A sewer
// crossing is a controlled risk point (风险点), listed in the control list
// but not a hazard, unless it violates a rule: the pipe passes through the
// sewer, the vertical gap is too small, or no leak detector lies in the
// crossed sewer — each a hazard of its own. An occupation of a pipe of a
// class in $1 is a major hazard (重大隐患) by the clause $2, recorded in its
// info. A clearance hazard records the clear distance found (净距, wall to
// wall), the clearance required and its clause. Runs as shards.
const sqlFoundStretches = `
WITH ev AS (
    SELECT part_id, kind, ref, min(f0) AS f0, max(f1) AS f1, bool_or(no_detector) AS no_detector,
           bool_or(vertical_gap) AS vertical_gap, bool_or(through) AS through
    FROM {w}.events
    WHERE kind IN ('occupied', 'clearance_building', 'clearance_sewer', 'clearance_water', 'sewer_crossing')
      AND part_id % {n} = {k}
    GROUP BY part_id, kind, ref),
k AS (
    SELECT part_id, kind, ref, f0, f1 FROM ev WHERE kind <> 'sewer_crossing'
    UNION ALL SELECT part_id, 'crossing_without_detector', ref, f0, f1 FROM ev WHERE kind = 'sewer_crossing' AND no_detector
    UNION ALL SELECT part_id, 'vertical_gap', ref, f0, f1 FROM ev WHERE kind = 'sewer_crossing' AND vertical_gap
    UNION ALL SELECT part_id, 'through_sewer', ref, f0, f1 FROM ev WHERE kind = 'sewer_crossing' AND through)
SELECT k.kind || '|' || pt.pipe_id || '|' || pt.part || '|' || o.layer || ':' || o.id, k.kind, 'segment', pt.pipe_id,
       pt.part, k.f0, k.f1, NULL::text, o.layer, o.id, o.info, gr.grade, pt.district, ln.geom, ST_Length(ln.geom)
FROM k JOIN {w}.parts pt USING (part_id)
CROSS JOIN LATERAL (
    SELECT 'buildings' AS layer, b.id,
           jsonb_build_object('use', b.use) || CASE WHEN k.kind = 'occupied' AND pt.pressure_class = ANY ($1::text[])
                THEN jsonb_build_object('major_hazard', true, 'clause', $2::text) ELSE '{}' END
           || CASE WHEN k.kind = 'clearance_building' THEN coalesce((
                SELECT jsonb_build_object('clearance_m', round(greatest(ST_Distance(pt.geom, b.geom) - pt.half_d, 0)::numeric, 2),
                                          'required_m', bc.clearance, 'clause', bc.clause)
                FROM {w}.building_clearance bc
                WHERE bc.pressure_class = pt.pressure_class AND coalesce(bc.wall_mm, -1) = coalesce(pt.wall_mm, -1)
                  AND bc.protection = pt.protection), '{}') ELSE '{}' END AS info
    FROM buildings b WHERE b.gid = k.ref AND k.kind IN ('occupied', 'clearance_building')
    UNION ALL
    SELECT 'sewers', s.id, jsonb_build_object('sewer_kind', s.kind)
           || CASE WHEN k.kind IN ('clearance_sewer', 'clearance_water') THEN jsonb_build_object(
                'clearance_m', round(greatest(ST_Distance(pt.geom, s.geom) - pt.half_d - coalesce(s.diameter_mm, 0) / 2000, 0)::numeric, 2),
                'required_m', CASE WHEN k.kind = 'clearance_water' THEN cp.water_clearance ELSE cp.sewer_clearance END,
                'clause', CASE WHEN k.kind = 'clearance_water' THEN cp.water_clause ELSE cp.sewer_clause END) ELSE '{}' END
    FROM sewers s JOIN {w}.class_params cp ON cp.pressure_class = pt.pressure_class
    WHERE s.gid = k.ref AND k.kind NOT IN ('occupied', 'clearance_building')) o
CROSS JOIN LATERAL (
    SELECT ` + gradeMax + ` AS grade FROM {w}.grades g
    WHERE g.part_id = k.part_id AND g.f0 < greatest(k.f1, k.f0 + 1e-9) AND g.f1 > k.f0) gr
CROSS JOIN LATERAL (SELECT ST_LineSubstring(pt.geom, k.f0, k.f1) AS geom) ln`

// sqlFoundAged: one hazard per aged pipe over its aged segments, as shards
// by pipe, with its material, install year and renewal category of
// 国办发〔2022〕22号 (categories 1–4 only: aged segments). The
// length is summed in the pipe's order: summed in scan order its last
// digits changed from run to run, and every aged hazard was rewritten.
const sqlFoundAged = `
SELECT 'aged|' || g.pipe_id, 'aged', 'segment', g.pipe_id, NULL::int, NULL::float8, NULL::float8, NULL::text, NULL::text, NULL::text,
       jsonb_strip_nulls(jsonb_build_object('material', min(g.material), 'install_year', min(g.install_year),
           'renewal_category', min(g.renewal_category))),
       ` + gradeMax + `, min(g.district), ST_LineMerge(ST_Collect(g.geom)), sum(g.length_m ORDER BY g.part, g.f0)
FROM {p} g WHERE g.aged AND g.pipe_gid % {n} = {k} GROUP BY g.pipe_id`

// sqlFoundStations: one hazard per station finding of the run ($1), graded
// by kind ($2 kinds, $3 their grades by hazard.Policy), in the district the
// station lies in; a station without over-pressure protection is a major
// hazard by the clause $4.
const sqlFoundStations = `
SELECT DISTINCT ON (1)
       sf.kind || '|station:' || st.id || '|' || coalesce(sf.ref_layer, '') || ':' || coalesce(sf.ref_id, ''),
       sf.kind, 'station', NULL::text, NULL::int, NULL::float8, NULL::float8, st.id, sf.ref_layer, sf.ref_id,
       jsonb_strip_nulls(jsonb_build_object('station_kind', st.kind, 'install_year', st.install_year,
           'distance_m', round(sf.distance_m::numeric, 1),
           'ref_kind', coalesce((SELECT b.use FROM buildings b WHERE sf.ref_layer = 'buildings' AND b.id = sf.ref_id),
                                (SELECT p.kind FROM places p WHERE sf.ref_layer = 'places' AND p.id = sf.ref_id)),
           'major_hazard', CASE WHEN sf.kind = 'no_overpressure_protection' THEN true END,
           'clause', CASE WHEN sf.kind = 'no_overpressure_protection' THEN $4::text END)),
       coalesce(sg.grade, 'yellow'),
       (SELECT d.id FROM districts d WHERE ST_Intersects(d.geom, st.geom) ORDER BY d.gid LIMIT 1),
       st.geom, NULL::float8
FROM station_findings sf JOIN stations st ON st.gid = sf.station_gid
LEFT JOIN unnest($2::text[], $3::text[]) sg (kind, grade) ON sg.kind = sf.kind
WHERE sf.run_id = $1::bigint
ORDER BY 1`
