package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RunSummary is what an analysis run found.
type RunSummary struct {
	RunID     int64                            `json:"run_id"`
	AsOf      string                           `json:"as_of"`
	Segments  int                              `json:"segments"`
	Km        float64                          `json:"km"`
	Grades    map[string]GradeTotal            `json:"grades"`
	Findings  map[string]int                   `json:"findings"`
	Districts map[string]map[string]GradeTotal `json:"districts"`
	Stations  map[string]int                   `json:"station_findings"`
	// Evidence is the field evidence the run weighed (recorded with the
	// run's counts; the thresholds it used are in its config).
	Evidence EvidenceUsed  `json:"evidence"`
	Phases   []Phase       `json:"phases"`
	Duration time.Duration `json:"duration_ns"`
}

// GradeTotal counts segments and their length.
type GradeTotal struct {
	Segments int     `json:"segments"`
	Km       float64 `json:"km"`
}

// write indexes {w}.grades (the partition's shards indexed theirs while
// grading).
func (r *run) write(ctx context.Context) error {
	return r.exec(ctx, `CREATE INDEX ON {w}.grades (part_id); ANALYZE {w}.grades`)
}

// publish attaches the partition and makes the run current in one
// transaction, then drops partitions older than the previous run.
func (r *run) publish(ctx context.Context) (RunSummary, error) {
	if r.rev != nil {
		return r.publishRevision(ctx)
	}
	sum, err := r.summarise(ctx)
	if err != nil {
		return sum, err
	}
	counts, _ := json.Marshal(sum)
	phases, _ := json.Marshal(r.phases)
	if r.opts.Scenario != nil {
		return sum, r.publishScenario(ctx, phases, counts)
	}
	err = pgx.BeginFunc(ctx, r.conn, func(tx pgx.Tx) error {
		stmts := []struct {
			sql  string
			args []any
		}{
			// The ledger diff hashes every finding with its geometry:
			// within work_mem it does not spill to disk (2.2 s -> see docs).
			{`SET LOCAL work_mem = '1GB'`, nil},
			{sqlLockHazards, nil},
			{fmt.Sprintf(`ALTER TABLE segments ATTACH PARTITION %s FOR VALUES IN (%d)`, r.partition(), r.id), nil},
			{`INSERT INTO current_run (singleton, run_id) VALUES (true, $1)
			  ON CONFLICT (singleton) DO UPDATE SET run_id = EXCLUDED.run_id`, []any{r.id}},
			{`UPDATE analysis_runs SET status = 'done', finished_at = now(),
			  duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint, phases = $2, counts = $3 WHERE id = $1`,
				[]any{r.id, phases, counts}},
			{r.sql(sqlRecordEvidence), []any{r.id}},
		}
		for _, st := range stmts {
			if _, err := tx.Exec(ctx, st.sql, st.args...); err != nil {
				return err
			}
		}
		return r.publishHazards(ctx, tx)
	})
	if err != nil {
		return sum, err
	}
	return sum, r.s.dropOldRuns(ctx, r.id)
}

// dropOldRuns drops the segments of runs before the previous one, and
// the records of the evidence they used.
func (s *Service) dropOldRuns(ctx context.Context, current int64) error {
	ids, err := s.runIDs(ctx, `SELECT id FROM analysis_runs WHERE id < $1 AND status = 'done' AND scenario IS NULL
		ORDER BY id DESC OFFSET 1`, current)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.dropPartition(ctx, id); err != nil {
			return err
		}
	}
	if len(ids) == 0 {
		return nil
	}
	_, err = s.db.Pool.Exec(ctx, `DELETE FROM run_evidence WHERE run_id = ANY ($1)`, ids)
	return err
}

// summarise reports the segments and km per grade, district and finding
// (counted while grading) and the station findings of the run.
func (r *run) summarise(ctx context.Context) (RunSummary, error) {
	sum := RunSummary{RunID: r.id, AsOf: r.opts.AsOf.Format("2006-01-02"), Grades: map[string]GradeTotal{},
		Findings: map[string]int{}, Districts: map[string]map[string]GradeTotal{}, Stations: map[string]int{}, Evidence: r.evidence}
	r.tally.summary(&sum)
	return sum, r.countInto(ctx, sum.Stations, `SELECT kind, count(*)::int FROM station_findings WHERE run_id = $1 GROUP BY kind`, r.id)
}

func (r *run) countInto(ctx context.Context, m map[string]int, q string, args ...any) error {
	rows, err := r.conn.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		m[k] = n
	}
	return rows.Err()
}
