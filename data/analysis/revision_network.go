package analysis

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// outageNeedsFullRun tells whether a revision of run id could not give a
// full run's result, and returns the network's fingerprint (outage_store.go)
// it checked: the outage consequence (outage.go) makes a segment's grade
// depend on the whole network, so when it is on and the network's shape
// — what the outage cuts depend on: in-service pipes' geometry, valves,
// sources, customers — is no longer the one the run was graded with (a
// pipe gone, new, moved or out of service, a valve made inoperable, a
// customer added …), every pipe's isolation may cut off other customers:
// the scope rule (docs/design.md, "Incremental re-analysis") does not
// reach that far. A pipe's material or year, a building or a sewer leaves
// the fingerprint as it was, and the revision reuses the run's cuts.
func (s *Service) outageNeedsFullRun(ctx context.Context, o Options, id int64) (bool, string, error) {
	if o.Model.Consequence.Outage.Off() {
		return false, "", nil
	}
	fp, err := s.networkPrint(ctx)
	if err != nil {
		return false, "", err
	}
	var graded string // "" when the run had no cuts
	if err := s.db.Pool.QueryRow(ctx, `SELECT coalesce(outage_fingerprint, '') FROM analysis_runs WHERE id = $1`, id).Scan(&graded); err != nil {
		return false, "", err
	}
	return fp != graded, fp, nil
}

// fullRunInstead runs the full analysis a revision gives way to, with the
// current run's model and as-of date, and reports it as a revision of
// nothing: FullRun set, the new run's counts.
func (s *Service) fullRunInstead(ctx context.Context, o Options, sc Scope, start time.Time) (RevisionSummary, error) {
	sum, err := s.Analyze(ctx, o)
	if err != nil {
		return RevisionSummary{}, err
	}
	return RevisionSummary{RunID: sum.RunID, Changed: sc, Run: sum, FullRun: true,
		Phases: sum.Phases, Duration: time.Since(start)}, nil
}

// currentOptions is the current run's id and the options that repeat it
// (its model and as-of date); ok is false when there is no current run.
func (s *Service) currentOptions(ctx context.Context, progress func(string, int)) (o Options, id int64, ok bool, err error) {
	err = s.db.Pool.QueryRow(ctx, `SELECT r.id, r.as_of FROM current_run c JOIN analysis_runs r ON r.id = c.run_id`).Scan(&id, &o.AsOf)
	if errors.Is(err, pgx.ErrNoRows) {
		return o, 0, false, nil
	}
	if err != nil {
		return o, 0, false, err
	}
	o.Model, err = s.db.RunConfig(ctx, id)
	o.Progress = progress
	return o, id, err == nil, err
}
