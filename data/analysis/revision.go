package analysis

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk"
	"gasrisk/data"
)

// Incremental re-analysis (docs/design.md "Incremental re-analysis"): a
// few changed pipes, buildings or sewers re-grade only the pipes within
// their reach, with the very statements of a full run — the scope is
// applied where the run's pipe parts ({w}.parts) are built, so every
// step after it (detection, segmentation, every grading step, the
// hazards) sees only the pipes in scope — and the result revises the
// current run in place: one transaction replaces those pipes' segments in
// the run's partition, brings their hazards up to date (the same diff as
// a full run's, over the hazards of those pipes only) and counts the run's
// revision, which the tile layers' versions name.

// Scope is what changed since the current run: features by their ids.
// Pipes may name pipes added, edited (attributes or geometry), taken out
// of service or deleted; Buildings and Sewers features added or edited
// (at their present geometry: see docs/design.md for a feature moved far
// or deleted).
type Scope struct {
	Pipes     []string `json:"pipes,omitempty"`
	Buildings []string `json:"buildings,omitempty"`
	Sewers    []string `json:"sewers,omitempty"`
}

func (sc Scope) empty() bool { return len(sc.Pipes)+len(sc.Buildings)+len(sc.Sewers) == 0 }

// RevisionSummary is what a revision of the current run re-graded.
type RevisionSummary struct {
	RunID    int64 `json:"run_id"`
	Revision int   `json:"revision"`
	Changed  Scope `json:"changed"`
	// Pipes is how many pipes were in scope (the changed ones and their
	// neighbourhood); Removed and Added the segments replaced.
	Pipes    int           `json:"pipes"`
	Removed  int           `json:"removed"`
	Added    int           `json:"added"`
	Run      RunSummary    `json:"run"` // the run's counts after the revision
	Phases   []Phase       `json:"phases"`
	Duration time.Duration `json:"duration_ns"`
	// FullRun is set when the change needed a full run instead
	// (revision_network.go): Run is then that new run's summary.
	FullRun bool `json:"full_run,omitempty"`
}

// revision is the state of a run that revises the current one.
type revision struct {
	start  time.Time
	number int
	scope  Scope
	sum    RevisionSummary
	// print is the network's fingerprint, found equal to the run's
	// (revision_network.go) when printed is set.
	print   string
	printed bool
}

// Reanalyze re-grades the pipes the changes in sc reach and revises the
// current run with them, with the run's own model and as-of date; the
// result is the one a full run over the same data gives. It takes the
// analysis lock: ECONFLICT while another analysis runs, or when there is
// no current run to revise.
func (s *Service) Reanalyze(ctx context.Context, sc Scope, progress func(phase string, done int)) (_ RevisionSummary, err error) {
	defer data.Annotate(&err, "analysis.Reanalyze")
	start := time.Now()
	if sc.empty() {
		return RevisionSummary{}, gasrisk.Errorf(gasrisk.EINVALID, "changed: name at least one pipe, building or sewer")
	}
	var netPrint string
	var printed bool
	var checked int64 // the run the fingerprint was checked against
	if o, id, ok, err := s.currentOptions(ctx, progress); err != nil {
		return RevisionSummary{}, err
	} else if ok {
		full, fp, err := s.outageNeedsFullRun(ctx, o, id)
		if err != nil {
			return RevisionSummary{}, err
		}
		if full {
			return s.fullRunInstead(ctx, o, sc, start)
		}
		netPrint, printed, checked = fp, !o.Model.Consequence.Outage.Off(), id
	}
	conn, unlock, err := s.lock(ctx, "analysis.Reanalyze")
	if err != nil {
		return RevisionSummary{}, err
	}
	defer unlock()
	r := &run{s: s, conn: conn, rev: &revision{start: start, scope: sc, print: netPrint, printed: printed}}
	var asOf time.Time
	err = conn.QueryRow(ctx, `SELECT r.id, r.as_of, r.revision + 1 FROM current_run c JOIN analysis_runs r ON r.id = c.run_id`).
		Scan(&r.id, &asOf, &r.rev.number)
	if errors.Is(err, pgx.ErrNoRows) {
		return RevisionSummary{}, gasrisk.Errorf(gasrisk.ECONFLICT, "no current run to revise: run gasrisk analyze first")
	}
	if err != nil {
		return RevisionSummary{}, err
	}
	if printed && r.id != checked {
		return RevisionSummary{}, gasrisk.Errorf(gasrisk.ECONFLICT, "run %d became current while the revision started: re-analyse again", r.id)
	}
	if err := r.knownPipes(ctx); err != nil {
		return RevisionSummary{}, err
	}
	model, err := s.db.RunConfig(ctx, r.id)
	if err != nil {
		return RevisionSummary{}, err
	}
	r.opts = Options{Model: model, AsOf: asOf, Progress: progress}
	r.schema = fmt.Sprintf("gasrisk_run_%d_v%d", r.id, r.rev.number)
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	r.aside(ctx, "connect", r.warmPool)
	_, err = r.execute(ctx)
	r.dropWork()
	if err != nil {
		if derr := s.dropListed(context.Background(), `SELECT schemaname, tablename FROM pg_tables WHERE schemaname = current_schema()
			AND (tablename = $1 OR tablename LIKE $1 || '\_%')`, r.tag()); derr != nil {
			slog.Warn("analysis: dropping a failed revision's tables failed", "op", "analysis.Reanalyze", "run", r.id, "err", derr)
		}
		return RevisionSummary{}, err
	}
	out := r.rev.sum
	out.Phases, out.Duration = r.phases, time.Since(start)
	return out, nil
}

// knownPipes refuses pipe ids that are neither in the pipes nor in the
// run (a pipe deleted since the run is known: its segments go).
func (r *run) knownPipes(ctx context.Context) error {
	rows, err := r.conn.Query(ctx, `SELECT id FROM unnest($1::text[]) id
		WHERE NOT EXISTS (SELECT 1 FROM pipes p WHERE p.id = id.id)
		  AND NOT EXISTS (SELECT 1 FROM segments s WHERE s.run_id = $2 AND s.pipe_id = id.id) LIMIT 10`, r.rev.scope.Pipes, r.id)
	return refuseUnknownPipes(rows, err)
}

// warmPool opens, beside the first steps, the pooled connections the
// revision's steps hold at once (a grading shard reads on one and writes
// on two), so that no step waits for a new backend: in a fresh process
// (gasrisk analyze --pipes) that took a third of a revision's time.
func (r *run) warmPool(ctx context.Context) error {
	var conns []*pgxpool.Conn
	defer func() {
		for _, c := range conns {
			c.Release()
		}
	}()
	for range 3 {
		c, err := r.s.db.Pool.Acquire(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
		if _, err := c.Exec(ctx, `SELECT postgis_lib_version()`); err != nil {
			return err
		}
	}
	return nil
}

// tag names the run's partition: segments_r<run>, or for a revision
// segments_r<run>_v<revision>, the partition of its new segments that the
// publish attaches to the run's.
func (r *run) tag() string {
	if r.rev != nil {
		return fmt.Sprintf("segments_r%d_v%d", r.id, r.rev.number)
	}
	return fmt.Sprintf("segments_r%d", r.id)
}

// shards is how many shards the run's sharded statements run in: one for
// a revision (a few pipes: the shards' connections would cost more than
// they save, and one shard numbers the revision's segments without gaps).
func (r *run) shards() int {
	if r.rev != nil {
		return 1
	}
	return shardCount()
}
