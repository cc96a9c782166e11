package analysis

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// sqlNetworkChanged tells whether any of the named pipes ($1) changed the
// gas network's shape since run $2: a pipe gone, new, out of service, or
// whose geometry is no longer the one its segments in the run cover (a
// length or a Hausdorff distance over 1 cm). Ids neither in the pipes nor
// in the run are left to the revision, which refuses them by name.
const sqlNetworkChanged = `
SELECT EXISTS (
    SELECT FROM unnest($1::text[]) AS n(id)
    LEFT JOIN pipes p ON p.id = n.id
    LEFT JOIN LATERAL (SELECT ST_Collect(s.geom) AS g, sum(ST_Length(s.geom)) AS l
                       FROM segments s WHERE s.run_id = $2 AND s.pipe_id = n.id) s ON true
    WHERE (p.id IS NOT NULL OR s.g IS NOT NULL) -- an unknown id is the revision's to refuse
      AND (p.id IS NULL OR s.g IS NULL OR p.status IS DISTINCT FROM 'in_service'
           OR abs(ST_Length(p.geom) - s.l) > 0.01 OR ST_HausdorffDistance(p.geom, s.g) > 0.01))`

// outageNeedsFullRun tells whether a revision of run id over sc could
// not give a full run's result: the outage consequence (outage.go) makes
// a segment's grade depend on the whole network, so when it is on, the
// city has valves and customers, and a named pipe changed the network's
// shape, every pipe's isolation may cut off other customers — the scope
// rule (docs/design.md, "Incremental re-analysis") does not reach that far.
func (s *Service) outageNeedsFullRun(ctx context.Context, o Options, id int64, sc Scope) (bool, error) {
	if len(sc.Pipes) == 0 || o.Model.Consequence.Outage.Off() {
		return false, nil
	}
	both, err := s.outageData(ctx)
	if err != nil || !both {
		return false, err
	}
	var changed bool
	err = s.db.Pool.QueryRow(ctx, sqlNetworkChanged, sc.Pipes, id).Scan(&changed)
	return changed, err
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
