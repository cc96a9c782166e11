package analysis

import (
	"context"
	"time"

	"gasrisk/riskmodel"
)

// sqlEvidenceHits finds, set-based, the field evidence of every segment
// (docs/risk-model.md §4): each record is probed once into the parts'
// GiST index — leaks within the leak radius (on their pipe when they name
// one) found by the as-of date; failed CP readings within the CP radius
// in the valid period; patrol observations within the part's control
// range (from the outer wall) in the valid period — then matched to the
// part's segments within the same distance (every one for a segment that
// is the whole part), in one hash join on the segments. Each probe's
// distance is a constant of the statement (for patrols the largest
// control range plus the largest half diameter, the exact one filtered
// after), so the parts' index answers it. The probes are LATERAL
// subqueries that the planner cannot flatten (OFFSET 0), so that the
// records drive them whatever the estimates say: left to the
// planner, the 1 M city's 361,000 parts probed the 50,000 leaks' and the
// 100,000 patrols' indexes instead (8.5 s against 2–3 s, docs/benchmarks.md
// "Field evidence").
// $1 as-of date, $2 leak radius, $3 CP radius, $4 CP valid days, $5 patrol valid days.
const sqlEvidenceHits = `
CREATE UNLOGGED TABLE {w}.evidence_hits WITH (autovacuum_enabled = off) AS
WITH near AS MATERIALIZED (
    SELECT pt.part_id, pt.pipe_id, l.geom, $2::float8 AS r, 'leaks' AS layer, l.id, l.leak_class, l.cause,
           ($1::date - l.found_date) AS days,
           CASE WHEN l.repaired_date <= $1::date THEN $1::date - l.repaired_date ELSE -1 END AS repaired_days,
           NULL::text AS observation
    FROM leaks l CROSS JOIN LATERAL (
        SELECT pt.part_id, pt.pipe_id FROM {w}.parts pt
        WHERE ST_DWithin(pt.geom, l.geom, $2::float8) AND (l.pipe_id IS NULL OR l.pipe_id = pt.pipe_id) OFFSET 0) pt
    WHERE l.found_date <= $1::date
    UNION ALL
    SELECT pt.part_id, pt.pipe_id, c.geom, $3::float8, 'cp_readings', c.id, NULL, NULL, ($1::date - c.date), NULL, NULL
    FROM cp_readings c CROSS JOIN LATERAL (
        SELECT pt.part_id, pt.pipe_id FROM {w}.parts pt
        WHERE ST_DWithin(pt.geom, c.geom, $3::float8) AND (c.pipe_id IS NULL OR c.pipe_id = pt.pipe_id) OFFSET 0) pt
    WHERE NOT c.pass AND c.date <= $1::date AND c.date > $1::date - $4::int
    UNION ALL
    SELECT pt.part_id, pt.pipe_id, p.geom, pt.r, 'patrols', p.id, NULL, NULL, ($1::date - p.date), NULL, p.observation
    FROM patrols p CROSS JOIN LATERAL (
        SELECT pt.part_id, pt.pipe_id, cp.control + pt.half_d AS r
        FROM {w}.parts pt JOIN {w}.class_params cp ON cp.pressure_class = pt.pressure_class
        WHERE ST_DWithin(pt.geom, p.geom, (SELECT max(control) FROM {w}.class_params) + (SELECT max(half_d) FROM {w}.parts))
          AND ST_DWithin(pt.geom, p.geom, cp.control + pt.half_d) OFFSET 0) pt
    WHERE p.date <= $1::date AND p.date > $1::date - $5::int)
SELECT s.segment_id, near.pipe_id, near.layer, near.id, near.leak_class, near.cause, near.days, near.repaired_days, near.observation
FROM near JOIN {w}.segs s ON s.part_id = near.part_id AND (s.f0 = 0 AND s.f1 = 1 OR ST_DWithin(s.geom, near.geom, near.r))`

// sqlEvidence aggregates the hits per segment for the facts query.
const sqlEvidence = `
CREATE UNLOGGED TABLE {w}.evidence WITH (autovacuum_enabled = off) AS
SELECT segment_id,
       coalesce(array_agg(id ORDER BY id) FILTER (WHERE layer = 'leaks'), '{}') AS leak_ids,
       coalesce(array_agg(leak_class ORDER BY id) FILTER (WHERE layer = 'leaks'), '{}') AS leak_classes,
       coalesce(array_agg(cause ORDER BY id) FILTER (WHERE layer = 'leaks'), '{}') AS leak_causes,
       coalesce(array_agg(days ORDER BY id) FILTER (WHERE layer = 'leaks'), '{}') AS leak_days,
       coalesce(array_agg(repaired_days ORDER BY id) FILTER (WHERE layer = 'leaks'), '{}') AS leak_repaired,
       (count(*) FILTER (WHERE layer = 'cp_readings'))::int AS cp_failed,
       coalesce(array_agg(id ORDER BY days, id) FILTER (WHERE layer = 'patrols'), '{}') AS patrol_ids,
       coalesce(array_agg(observation ORDER BY days, id) FILTER (WHERE layer = 'patrols'), '{}') AS patrol_obs,
       coalesce(array_agg(days ORDER BY days, id) FILTER (WHERE layer = 'patrols'), '{}') AS patrol_days
FROM {w}.evidence_hits GROUP BY segment_id;
ANALYZE {w}.evidence`

// fieldEvidence fills {w}.evidence: per segment, the leaks, failed CP
// readings and patrol observations the risk model weighs (riskmodel
// Evidence), and counts the records used for the run's summary.
func (r *run) fieldEvidence(ctx context.Context) error {
	t := time.Now()
	e := r.opts.Model.Evidence
	err := r.await(r.partsIndexed)
	if err == nil {
		err = r.exec(ctx, sqlEvidenceHits, r.opts.AsOf, e.LeakRadiusM, e.CPRadiusM, e.CPValidDays, e.PatrolValidDays)
	}
	if err == nil {
		err = r.exec(ctx, sqlEvidence)
	}
	if err == nil {
		r.evidence, err = r.evidenceUsed(ctx)
	}
	r.phases = append(r.phases, Phase{"grade field evidence", time.Since(t)})
	return err
}

// EvidenceUsed is what evidence a run weighed: per layer (leaks,
// patrols, cp_readings, and works: the active permits), how many records
// touched at least one segment, and how many segments had any field
// record (leaks, patrols, cp_readings).
type EvidenceUsed struct {
	Records  map[string]int `json:"records"`
	Segments int            `json:"segments"`
}

// noRecords is EvidenceUsed.Records before any record is counted: every
// layer, at zero.
func noRecords() map[string]int {
	return map[string]int{"leaks": 0, "patrols": 0, "cp_readings": 0, "works": 0}
}

// sqlEvidenceUsed keeps which records the run weighed — the field
// records that touched a segment and the active works on its parts — for
// the publish to write to run_evidence: one row per record and segment
// that weighed it (works: per record and pipe), with the segment's pipe,
// so that a revision can replace the rows of the pipes it re-grades.
const sqlEvidenceUsed = `
CREATE UNLOGGED TABLE {w}.evidence_used WITH (autovacuum_enabled = off) AS
SELECT DISTINCT layer, id AS record_id, pipe_id, segment_id FROM {w}.evidence_hits
UNION ALL
SELECT DISTINCT 'works', wk.id, pt.pipe_id, NULL::bigint
FROM {w}.events e JOIN works wk ON wk.gid = e.ref JOIN {w}.parts pt USING (part_id) WHERE e.kind = 'third_party'`

// evidenceUsed keeps the records used ({w}.evidence_used) and counts
// them and the segments of {w}.evidence.
func (r *run) evidenceUsed(ctx context.Context) (EvidenceUsed, error) {
	u := EvidenceUsed{Records: noRecords()}
	if err := r.exec(ctx, sqlEvidenceUsed); err != nil {
		return u, err
	}
	rows, err := r.conn.Query(ctx, r.sql(`SELECT layer, count(DISTINCT record_id)::int FROM {w}.evidence_used GROUP BY layer`))
	if err != nil {
		return u, err
	}
	for rows.Next() {
		var layer string
		var n int
		if err := rows.Scan(&layer, &n); err != nil {
			return u, err
		}
		u.Records[layer] = n
	}
	if err := rows.Err(); err != nil {
		return u, err
	}
	err = r.conn.QueryRow(ctx, r.sql(`SELECT count(*)::int FROM {w}.evidence`)).Scan(&u.Segments)
	return u, err
}

// sqlRecordEvidence writes the run's records used ($1 the run) in its
// publish transaction, or a revision's in its.
const sqlRecordEvidence = `INSERT INTO run_evidence (run_id, layer, record_id, pipe_id, segment_id)
	SELECT $1, layer, record_id, pipe_id, segment_id FROM {w}.evidence_used`

// evidenceFacts turns a segment's row of {w}.evidence into facts.
func evidenceFacts(f *riskmodel.Facts, ev evidenceRow) {
	for i := range ev.leakIDs {
		f.Leaks = append(f.Leaks, riskmodel.Leak{ID: ev.leakIDs[i], Class: int(ev.leakClasses[i]), Cause: ev.leakCauses[i],
			FoundDaysAgo: int(ev.leakDays[i]), RepairedDaysAgo: int(ev.leakRepaired[i])})
	}
	f.FailedCPReadings = int(ev.cpFailed)
	for i := range ev.patrolIDs {
		f.Patrols = append(f.Patrols, riskmodel.Patrol{ID: ev.patrolIDs[i], Observation: ev.patrolObs[i], DaysAgo: int(ev.patrolDays[i])})
	}
}

// evidenceRow is the scanned evidence of one segment (nil slices and 0
// when it has none).
type evidenceRow struct {
	leakIDs, leakCauses, patrolIDs, patrolObs       []string
	leakClasses, leakDays, leakRepaired, patrolDays []int32
	cpFailed                                        int32
}

// scanTargets are the Scan destinations of sqlFacts' evidence columns.
func (ev *evidenceRow) scanTargets() []any {
	return []any{&ev.leakIDs, &ev.leakClasses, &ev.leakCauses, &ev.leakDays, &ev.leakRepaired, &ev.cpFailed,
		&ev.patrolIDs, &ev.patrolObs, &ev.patrolDays}
}

// sqlFactsEvidence are sqlFacts' evidence columns, from {w}.evidence ev.
// A segment without evidence has NULL arrays (scanned as nil slices):
// most segments have none, and an empty array costs the server a datum to
// build and the client one to decode, per column and segment.
const sqlFactsEvidence = `ev.leak_ids, ev.leak_classes, ev.leak_causes, ev.leak_days, ev.leak_repaired, coalesce(ev.cp_failed, 0),
       ev.patrol_ids, ev.patrol_obs, ev.patrol_days,`

// sqlFoundLeaks: one hazard per class-1 leak unrepaired at the as-of date
// (hazard.UnrepairedLeak), on the segment nearest to it ({w}.evidence_hits
// holds the segments it counted for), graded by that segment, at the
// leak's point. It stays in the ledger until the record has a repaired
// date: the next run no longer finds it and marks it for re-checking.
const sqlFoundLeaks = `
SELECT DISTINCT ON (l.id) 'unrepaired_leak|leaks:' || l.id, 'unrepaired_leak', 'segment', s.pipe_id, s.part, s.f0, s.f1,
       NULL::text, 'leaks', l.id,
       jsonb_build_object('leak_class', l.leak_class, 'cause', l.cause, 'found_date', to_char(l.found_date, 'YYYY-MM-DD')),
       coalesce(g.grade, 'blue'), pt.district, l.geom, NULL::float8
FROM {w}.evidence_hits h
JOIN leaks l ON l.id = h.id
JOIN {w}.segs s ON s.segment_id = h.segment_id
JOIN {w}.parts pt ON pt.part_id = s.part_id
LEFT JOIN {w}.grades g ON g.part_id = s.part_id AND g.f0 = s.f0 AND g.f1 = s.f1
WHERE h.layer = 'leaks' AND h.leak_class = 1 AND h.repaired_days < 0
ORDER BY l.id, ST_Distance(s.geom, l.geom), s.segment_id`
