package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk/data"
	"gasrisk/riskmodel"
)

// Options configures one analysis run.
type Options struct {
	Model riskmodel.Config
	AsOf  time.Time
	// Progress, if set, hears each phase and, while grading, the count of
	// segments done.
	Progress func(phase string, done int)
	// Scenario, if set, makes the run a what-if published beside the
	// current run (scenario.go).
	Scenario *Scenario
}

// Phase is the time one step of a run took.
type Phase struct {
	Name     string        `json:"name"`
	Duration time.Duration `json:"duration_ns"`
}

// run is the state of one analysis run while it executes.
type run struct {
	s  *Service
	id int64
	// schema is the work schema, dropped at the end. Its tables are
	// unlogged and created WITH (autovacuum_enabled = off): they live for
	// one run, and autovacuum took a core from the run to vacuum them
	// only to be cancelled when they were dropped.
	schema string
	opts   Options
	conn   *pgxpool.Conn
	phases []Phase
	tally  *tally // the graded segments, for the summary
	asides []*aside
	// partsIndexed is the GiST index of {w}.parts, started by prepare.
	partsIndexed *aside
	// evidence is the field evidence the run weighed (fieldEvidence).
	evidence EvidenceUsed
	// ledgerBuilt: the ledger was empty and the run built a new one in
	// its work schema, for the publish to swap in (ledger_bootstrap.go).
	ledgerBuilt bool
	// alarms counts the recent gas alarms near each segment (alarms.go).
	alarms map[int64]int
	// rev, if set, makes the run a revision of the current run in place
	// (revision.go).
	rev *revision
	// outaged computes cuts aside: what isolating each stretch cuts off
	// (outage.go), reused from the last run's (cutsReused) or computed
	// (cutsComputed), which took cutsTook.
	outaged  *aside
	cuts     outageCuts
	cutsFrom string
	cutsTook time.Duration
}

// Analyze runs detection and grading over the whole network, writes the
// results into a new run and makes it current in one transaction. A failed
// run leaves the previous one current. One analysis runs at a time.
func (s *Service) Analyze(ctx context.Context, o Options) (_ RunSummary, err error) {
	defer data.Annotate(&err, "analysis.Analyze")
	start := time.Now()
	if err := o.Model.Validate(); err != nil {
		return RunSummary{}, err
	}
	if err := s.checkScenario(ctx, o.Scenario); err != nil {
		return RunSummary{}, err
	}
	cfgJSON, err := json.Marshal(o.Model)
	if err != nil {
		return RunSummary{}, err
	}
	conn, unlock, err := s.lock(ctx, "analysis.Analyze")
	if err != nil {
		return RunSummary{}, err
	}
	defer unlock()
	if err := s.cleanStaleRuns(ctx); err != nil {
		return RunSummary{}, err
	}
	// Grading allocates ~1 KB of short-lived garbage per segment while the
	// live heap stays small: collecting at 5× the live heap instead of 2×
	// cuts the collector's share of the run's Go CPU (~10 %) for a few
	// hundred MB at most (docs/benchmarks.md).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	r := &run{s: s, opts: o, conn: conn}
	err = conn.QueryRow(ctx, `INSERT INTO analysis_runs (as_of, config, scenario, scenario_plan, scenario_pipes, base_run)
		VALUES ($1, $2, $3, $4, $5, (SELECT run_id FROM current_run)) RETURNING id`,
		o.AsOf, cfgJSON, o.Scenario.name(), o.Scenario.plan(), o.Scenario.pipes()).Scan(&r.id)
	if err != nil {
		return RunSummary{}, err
	}
	r.schema = fmt.Sprintf("gasrisk_run_%d", r.id)
	sum, err := r.execute(ctx)
	r.dropWork()
	if err != nil {
		if _, uerr := s.db.Pool.Exec(context.Background(), `UPDATE analysis_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, r.id, err.Error()); uerr != nil {
			slog.Warn("analysis: recording the run's failure failed", "op", "analysis.Analyze", "run", r.id, "err", uerr)
		}
		if derr := s.dropPartition(context.Background(), r.id); derr != nil {
			slog.Warn("analysis: dropping the failed run's partition failed", "op", "analysis.Analyze", "run", r.id, "err", derr)
		}
		return sum, err
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

func (r *run) partition() string { return pgx.Identifier{r.tag()}.Sanitize() }

// execute runs the phases on the run's connection; the station findings
// are collected aside.
func (r *run) execute(ctx context.Context) (RunSummary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		cancel()
		r.awaitAll()
	}()
	var stations *aside
	if r.rev == nil { // a revision leaves the station findings as they are
		stations = r.aside(ctx, "stations", r.stations)
	}
	r.outaged = r.aside(ctx, "grade outage zones", r.outage)
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"prepare", r.prepare},
		{"detect", r.detect},
		{"segment", r.segment},
		{"grade", r.grade},
		{"write", r.write},
		{"hazards", func(ctx context.Context) error {
			if stations != nil {
				if err := r.await(stations); err != nil {
					return err
				}
			}
			if r.opts.Scenario != nil {
				return nil // a scenario leaves the ledger alone
			}
			return r.hazards(ctx)
		}},
	}
	for _, st := range steps {
		if r.opts.Progress != nil {
			r.opts.Progress(st.name, 0)
		}
		t := time.Now()
		if err := st.fn(ctx); err != nil {
			return RunSummary{}, fmt.Errorf("%s: %w", st.name, err)
		}
		r.phases = append(r.phases, Phase{st.name, time.Since(t)})
	}
	if r.opts.Progress != nil {
		r.opts.Progress("publish", 0)
	}
	cleanup := r.aside(ctx, "drop work tables", r.dropWorkTables)
	t := time.Now()
	sum, err := r.publish(ctx)
	r.phases = append(r.phases, Phase{"publish", time.Since(t)})
	if cerr := r.await(cleanup); err == nil {
		err = cerr
	}
	sum.Phases = r.phases
	return sum, err
}

// dropWorkTables drops, beside the publish, the work tables that the
// publish does not read (all but {w}.found and a ledger the run built), so
// that dropping the work schema afterwards is quick.
func (r *run) dropWorkTables(ctx context.Context) error {
	return r.s.dropListed(ctx, `SELECT schemaname, tablename FROM pg_tables WHERE schemaname = $1
		AND tablename <> ALL ($2::text[])`, r.schema, append(append(ledgerTables(), "found", "evidence_used"), r.scopeKeep()...))
}

// exec runs SQL written with "{w}." for the work schema.
func (r *run) exec(ctx context.Context, sql string, args ...any) error {
	_, err := r.conn.Exec(ctx, r.sql(sql), args...)
	return err
}

// sql puts the work schema's name in place of "{w}".
func (r *run) sql(q string) string {
	return strings.ReplaceAll(q, "{w}", pgx.Identifier{r.schema}.Sanitize())
}

// dropWork removes the run's work schema, best effort: a failure is
// logged, and the next analysis drops what is left (cleanStaleRuns).
func (r *run) dropWork() {
	_, err := r.s.db.Pool.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+pgx.Identifier{r.schema}.Sanitize()+" CASCADE")
	if err != nil {
		slog.Warn("analysis: dropping the work schema failed", "op", "analysis.Analyze", "schema", r.schema, "err", err)
	}
}

// cleanStaleRuns removes what killed runs left behind: work schemas, and
// unattached partitions of runs still marked running.
func (s *Service) cleanStaleRuns(ctx context.Context) error {
	ids, err := s.runIDs(ctx, `SELECT id FROM analysis_runs WHERE status = 'running'`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		r := &run{s: s, id: id, schema: fmt.Sprintf("gasrisk_run_%d", id)}
		r.dropWork()
		if err := s.dropPartition(ctx, id); err != nil {
			slog.Warn("analysis: dropping an interrupted run's partition failed", "op", "analysis.Analyze", "run", id, "err", err)
		}
		if _, err := s.db.Pool.Exec(ctx, `UPDATE analysis_runs SET status = 'failed', error = 'interrupted' WHERE id = $1`, id); err != nil {
			slog.Warn("analysis: recording the interruption of a stale run failed", "op", "analysis.Analyze", "run", id, "err", err)
		}
	}
	// A run killed after its publish committed is done but kept its work
	// schema; no run is in progress (the caller holds the analysis lock).
	rows, err := s.db.Pool.Query(ctx, `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'gasrisk\_run\_%'`)
	if err != nil {
		return err
	}
	schemas, err := pgx.CollectRows(rows, pgx.RowTo[string])
	for _, name := range schemas {
		if _, err := s.db.Pool.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{name}.Sanitize()+" CASCADE"); err != nil {
			slog.Warn("analysis: dropping a stale work schema failed", "op", "analysis.Analyze", "schema", name, "err", err)
		}
	}
	return err
}

// runIDs runs a query returning run ids.
func (s *Service) runIDs(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := s.db.Pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}
