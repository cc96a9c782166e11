package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
)

// publishRevision revises the current run in one transaction: the
// segments of the pipes in scope are deleted from the run's partition and
// the revision's attached to it, the run's counts and revision are
// updated, the revision recorded and the ledger brought up to date over
// the hazards in scope. The run must still be current and unrevised since
// the revision started (the analysis lock keeps other runs out).
func (r *run) publishRevision(ctx context.Context) (RunSummary, error) {
	var sum RunSummary
	err := pgx.BeginFunc(ctx, r.conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL work_mem = '256MB'`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlLockHazards); err != nil {
			return err
		}
		var counts []byte
		var current bool
		err := tx.QueryRow(ctx, `SELECT counts, revision = $2 - 1 AND id = (SELECT run_id FROM current_run)
			FROM analysis_runs WHERE id = $1 FOR UPDATE`, r.id, r.rev.number).Scan(&counts, &current)
		if err != nil {
			return err
		}
		if !current {
			return gasrisk.Errorf(gasrisk.ECONFLICT, "run %d changed while it was being revised: analyse again", r.id)
		}
		if err := json.Unmarshal(counts, &sum); err != nil {
			return fmt.Errorf("the run's counts: %w", err)
		}
		removed, err := r.removeScope(ctx, tx)
		if err != nil {
			return err
		}
		sum = revisedCounts(sum, removed, r.tally)
		if sum.Evidence, err = r.reviseEvidence(ctx, tx, sum.Evidence); err != nil {
			return fmt.Errorf("evidence: %w", err)
		}
		if r.tally.segments() > 0 {
			if err := r.attachRevision(ctx, tx); err != nil {
				return err
			}
		}
		return r.recordRevision(ctx, tx, sum, removed.segments(), r.tally.segments())
	})
	return sum, err
}

// removeScope deletes the run's segments of the pipes in scope, returning
// a tally of them.
func (r *run) removeScope(ctx context.Context, tx pgx.Tx) (*tally, error) {
	rows, err := tx.Query(ctx, r.sql(fmt.Sprintf(`DELETE FROM %s WHERE pipe_id IN (SELECT pipe_id FROM {w}.scope_pipes)
		RETURNING district, grade, length_m, findings`, pgx.Identifier{fmt.Sprintf("segments_r%d", r.id)}.Sanitize())))
	if err != nil {
		return nil, err
	}
	t := newTally()
	var district *string
	var grade string
	var length float64
	var findings []string
	_, err = pgx.ForEachRow(rows, []any{&district, &grade, &length, &findings}, func() error {
		t.add(district, grade, length, findings)
		return nil
	})
	return t, err
}

// reviseEvidence replaces, in run_evidence, the rows of the pipes in
// scope by the revision's (sqlRecordEvidence) and returns the run's
// evidence counts from was, brought up to date over the records touched
// (sqlEvidenceDelta: counting the run's records afresh read all of its
// rows, 33–50 ms at 1 M): the segments with field records less those of
// the pipes in scope, plus the revision's. Rows written before migration
// 0026 name no pipe: they stay, as their run wrote them.
func (r *run) reviseEvidence(ctx context.Context, tx pgx.Tx, was EvidenceUsed) (EvidenceUsed, error) {
	_, err := tx.Exec(ctx, r.sql(`CREATE UNLOGGED TABLE {w}.evidence_gone (layer text, record_id text, segment_id bigint)`))
	if err == nil {
		_, err = tx.Exec(ctx, r.sql(`WITH d AS (DELETE FROM run_evidence WHERE run_id = $1
			AND pipe_id IN (SELECT pipe_id FROM {w}.scope_pipes) RETURNING layer, record_id, segment_id)
			INSERT INTO {w}.evidence_gone SELECT * FROM d`), r.id)
	}
	if err == nil {
		_, err = tx.Exec(ctx, r.sql(sqlRecordEvidence), r.id)
	}
	if err != nil {
		return was, err
	}
	u := EvidenceUsed{Records: noRecords()}
	maps.Copy(u.Records, was.Records)
	var gone int
	if err := tx.QueryRow(ctx, r.sql(`SELECT count(DISTINCT segment_id)::int FROM {w}.evidence_gone WHERE layer <> 'works'`)).Scan(&gone); err != nil {
		return was, err
	}
	u.Segments = max(was.Segments-gone, 0) + r.evidence.Segments
	rows, err := tx.Query(ctx, r.sql(sqlEvidenceDelta), r.id)
	if err != nil {
		return was, err
	}
	var layer string
	var before, after int
	_, err = pgx.ForEachRow(rows, []any{&layer, &before, &after}, func() error {
		u.Records[layer] += after - before
		return nil
	})
	return u, err
}

// sqlEvidenceDelta counts, per layer, the records a revision of run $1
// touched (its pipes' rows deleted into {w}.evidence_gone, its own
// inserted from {w}.evidence_used) that the run weighed before it — a
// deleted row, or a row of a pipe outside the scope — and after it.
const sqlEvidenceDelta = `
SELECT a.layer,
       count(*) FILTER (WHERE a.gone OR EXISTS (SELECT FROM run_evidence e WHERE e.run_id = $1 AND e.layer = a.layer
           AND e.record_id = a.record_id AND (e.pipe_id IS NULL OR e.pipe_id NOT IN (SELECT pipe_id FROM {w}.scope_pipes))))::int,
       count(*) FILTER (WHERE EXISTS (SELECT FROM run_evidence e WHERE e.run_id = $1 AND e.layer = a.layer
           AND e.record_id = a.record_id))::int
FROM (SELECT layer, record_id, bool_or(gone) AS gone
      FROM (SELECT layer, record_id, true AS gone FROM {w}.evidence_gone
            UNION ALL SELECT layer, record_id, false FROM {w}.evidence_used) x
      GROUP BY layer, record_id) a
GROUP BY a.layer`

// attachRevision attaches the revision's partition (its new segments,
// numbered after every segment of the run) to the run's.
func (r *run) attachRevision(ctx context.Context, tx pgx.Tx) error {
	var lo, hi int64
	err := tx.QueryRow(ctx, `SELECT min(segment_id), max(segment_id) + 1 FROM `+r.partition()).Scan(&lo, &hi)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, fmt.Sprintf(`ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (%d) TO (%d)`,
		pgx.Identifier{fmt.Sprintf("segments_r%d", r.id)}.Sanitize(), r.partition(), lo, hi))
	return err
}

// recordRevision updates the run's counts and revision, records the
// revision and brings the hazards in scope up to date.
func (r *run) recordRevision(ctx context.Context, tx pgx.Tx, sum RunSummary, removed, added int) error {
	var pipes int
	if err := tx.QueryRow(ctx, r.sql(`SELECT count(*) FROM {w}.scope_pipes`)).Scan(&pipes); err != nil {
		return err
	}
	counts, _ := json.Marshal(sum)
	changed, _ := json.Marshal(r.rev.scope)
	phases, _ := json.Marshal(r.phases)
	_, err := tx.Exec(ctx, `UPDATE analysis_runs SET revision = $2, counts = $3 WHERE id = $1`, r.id, r.rev.number, counts)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO analysis_revisions (run_id, revision, started_at, changed, pipes, removed, added, duration_ms, phases)
		SELECT $1, $2, now() - make_interval(secs => $7::float8 / 1000), $3, $4, $5, $6, $7, $8`,
		r.id, r.rev.number, changed, pipes, removed, added, time.Since(r.rev.start).Milliseconds(), phases)
	if err != nil {
		return err
	}
	r.rev.sum = RevisionSummary{RunID: r.id, Revision: r.rev.number, Changed: r.rev.scope, Pipes: pipes,
		Removed: removed, Added: added, Run: sum}
	return r.publishHazards(ctx, tx)
}
