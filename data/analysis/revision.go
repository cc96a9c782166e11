package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/riskmodel"
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
}

// revision is the state of a run that revises the current one.
type revision struct {
	start  time.Time
	number int
	scope  Scope
	sum    RevisionSummary
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
	conn, err := s.db.Pool.Acquire(ctx)
	if err != nil {
		return RevisionSummary{}, err
	}
	defer conn.Release()
	var locked bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(4242002)`).Scan(&locked); err != nil {
		return RevisionSummary{}, err
	}
	if !locked {
		return RevisionSummary{}, gasrisk.Errorf(gasrisk.ECONFLICT, "another analysis is running; try again when it has finished")
	}
	defer func() {
		if _, err := conn.Exec(context.Background(), `SELECT pg_advisory_unlock(4242002)`); err != nil {
			slog.Warn("analysis: releasing the analysis lock failed", "op", "analysis.Reanalyze", "err", err)
		}
	}()
	r := &run{s: s, conn: conn, rev: &revision{start: start, scope: sc}}
	var asOf time.Time
	err = conn.QueryRow(ctx, `SELECT r.id, r.as_of, r.revision + 1 FROM current_run c JOIN analysis_runs r ON r.id = c.run_id`).
		Scan(&r.id, &asOf, &r.rev.number)
	if errors.Is(err, pgx.ErrNoRows) {
		return RevisionSummary{}, gasrisk.Errorf(gasrisk.ECONFLICT, "no current run to revise: run gasrisk analyze first")
	}
	if err != nil {
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

// scopeParts is the condition sqlParts adds in a revision: only the
// pipes in scope.
const scopeParts = `p.id IN (SELECT pipe_id FROM {w}.scope_pipes) AND `

// sqlScopeLeaks is the neighbourhood rule's second step ($1 the leak
// radius, $2 the run): the leaks within the leak radius of a changed pipe,
// as it is now or as the run has it. Such a leak's hazard sits on the
// segment nearest to it among all within that radius (sqlFoundLeaks), so
// every pipe within the radius of it is in scope too (sqlScopePipes).
const sqlScopeLeaks = `
CREATE UNLOGGED TABLE {w}.scope_leaks AS
SELECT l.id FROM {w}.changed_pipes c JOIN pipes p ON p.id = c.pipe_id JOIN leaks l ON ST_DWithin(p.geom, l.geom, $1)
UNION
SELECT l.id FROM {w}.changed_pipes c JOIN segments s ON s.run_id = $2 AND s.pipe_id = c.pipe_id
JOIN leaks l ON ST_DWithin(s.geom, l.geom, $1)`

// sqlScopePipes: the pipes in scope are the changed ones and those within
// the leak radius ($1) of a leak in scope.
const sqlScopePipes = `
CREATE UNLOGGED TABLE {w}.scope_pipes AS
SELECT pipe_id FROM {w}.changed_pipes
UNION
SELECT p.id FROM {w}.scope_leaks sl JOIN leaks l ON l.id = sl.id JOIN pipes p ON ST_DWithin(p.geom, l.geom, $1)`

// scope builds the revision's scope (the rule of docs/design.md): into
// {w}.changed_pipes the pipes named, the pipes within a changed building's
// or sewer's reach (buildingReach, sewerReach) and those with a hazard
// involving one; then the leaks and the pipes of the neighbourhood.
func (r *run) scope(ctx context.Context) error {
	sc := r.rev.scope
	err := r.exec(ctx, `CREATE UNLOGGED TABLE {w}.changed_pipes (pipe_id text)`)
	if err == nil {
		err = r.exec(ctx, `INSERT INTO {w}.changed_pipes SELECT unnest($1::text[])`, sc.Pipes)
	}
	if err != nil {
		return err
	}
	if len(sc.Buildings)+len(sc.Sewers) > 0 {
		reach, err := r.reaches(ctx)
		if err != nil {
			return err
		}
		for _, c := range []struct {
			layer string
			ids   []string
			reach float64
		}{{"buildings", sc.Buildings, reach.building}, {"sewers", sc.Sewers, reach.sewer}} {
			if len(c.ids) == 0 {
				continue
			}
			err := r.exec(ctx, fmt.Sprintf(`INSERT INTO {w}.changed_pipes
				SELECT p.id FROM %[1]s f JOIN pipes p ON ST_DWithin(p.geom, f.geom, $2) WHERE f.id = ANY ($1::text[])
				UNION SELECT h.pipe_id FROM hazards h WHERE h.ref_layer = '%[1]s' AND h.ref_id = ANY ($1::text[]) AND h.pipe_id IS NOT NULL`,
				c.layer), c.ids, c.reach)
			if err != nil {
				return fmt.Errorf("%s: %w", c.layer, err)
			}
		}
	}
	// Analysed before they are joined: estimated at a thousand rows,
	// the few changed pipes were joined to all pipes by a parallel scan.
	radius := r.opts.Model.Evidence.LeakRadiusM
	if err := r.exec(ctx, `ANALYZE {w}.changed_pipes`); err != nil {
		return err
	}
	if err := r.exec(ctx, sqlScopeLeaks, radius, r.id); err != nil {
		return err
	}
	if err := r.exec(ctx, `ANALYZE {w}.scope_leaks`); err != nil {
		return err
	}
	if err := r.exec(ctx, sqlScopePipes, radius); err != nil {
		return err
	}
	return r.exec(ctx, `ALTER TABLE {w}.scope_pipes ADD PRIMARY KEY (pipe_id); ANALYZE {w}.scope_pipes`)
}

// reach is how far from a pipe a changed feature can change its grade.
type reach struct{ building, sewer float64 }

// reaches bounds, with the run's model, how far a building or a sewer
// reaches: a building counts for a pipe within its impact radius (the
// largest pipe's at the highest pressure), within the largest clearance or
// protection range from the outer wall, or along a crossing sewer (the
// sewer reach plus its buffer); a sewer for a pipe within the largest
// sewer clearance from both walls or the sewer reach of a crossing.
func (r *run) reaches(ctx context.Context) (reach, error) {
	var dMax, pMax, sewerDMax float64
	err := r.conn.QueryRow(ctx, `SELECT coalesce(max(diameter_mm), 0), coalesce(max(pressure_mpa), 0),
		(SELECT coalesce(max(diameter_mm), 0) FROM sewers) FROM pipes`).Scan(&dMax, &pMax, &sewerDMax)
	if err != nil {
		return reach{}, err
	}
	m := r.opts.Model
	d := m.Detection
	dMax = max(dMax, m.Consequence.DefaultDiameterMM)
	var wall, utility float64
	for _, c := range riskmodel.PressureClasses() {
		wall = max(wall, d.BuildingClearanceM[c], d.ProtectionRangeM[c])
		utility = max(utility, d.SewerClearanceM[c], d.WaterClearanceM[c])
		if p, ok := riskmodel.PressureMPa(c); ok {
			pMax = max(pMax, p)
		}
	}
	const margin = 1 // metres: rounding, the sewer graph's snapping
	return reach{
		building: max(m.ImpactRadius(dMax, pMax), wall+dMax/2000, d.SewerReachM+d.SewerReachBufferM) + margin,
		sewer:    max(utility+dMax/2000+sewerDMax/2000, d.SewerReachM) + margin,
	}, nil
}

// scopeKeep are the work tables of a revision its publish reads.
func (r *run) scopeKeep() []string {
	if r.rev == nil {
		return nil
	}
	return []string{"scope_pipes", "scope_leaks"}
}

// hazardsInScope is the part of the ledger a run's findings are compared
// with: all of it (but the detectors') for a full run; for a revision the
// hazards of the pipes in scope and those of the leaks in scope (a leak's
// hazard is keyed by the leak and sits on the nearest pipe).
func (r *run) hazardsInScope() string {
	if r.rev == nil {
		return `(SELECT * FROM hazards WHERE source <> 'detector')`
	}
	return `(SELECT * FROM hazards WHERE source <> 'detector' AND kind <> 'unrepaired_leak'
		AND pipe_id IN (SELECT pipe_id FROM {w}.scope_pipes)
		UNION ALL
		SELECT * FROM hazards WHERE identity IN (SELECT 'unrepaired_leak|leaks:' || id FROM {w}.scope_leaks))`
}

// foundLeaksSQL is sqlFoundLeaks, in a revision kept to the leaks in scope
// (the others may have nearer segments outside it).
func (r *run) foundLeaksSQL() string {
	if r.rev == nil {
		return sqlFoundLeaks
	}
	return `SELECT * FROM (` + sqlFoundLeaks + `) f (` + foundColumns + `) WHERE f.ref_id IN (SELECT id FROM {w}.scope_leaks)`
}

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

// sewersInScope is the condition sewerWalk adds to the sewers it builds
// the graph of, with its arguments: in a revision only the sewers within
// the sewer reach of a crossing segment (a walk of that length along the
// graph never leaves them; a metre more for the graph's snapping). A full
// run builds the graph of every sewer.
func (r *run) sewersInScope(reach float64) (string, []any) {
	if r.rev == nil {
		return "", nil
	}
	return `AND sw.gid IN (SELECT x.gid FROM {w}.segs s JOIN sewers x ON ST_DWithin(x.geom, s.geom, $1::float8 + 1)
		WHERE s.crossings > 0)`, []any{reach}
}

// detectorsInScope is the condition on the leak detectors sewerEvents
// loads, with its arguments: in a revision those within the search radius
// of a part in scope (a crossing lies on a part), in a full run all.
func (r *run) detectorsInScope(radius float64) (string, []any) {
	if r.rev == nil {
		return "", nil
	}
	return `WHERE detectors.gid IN (SELECT d.gid FROM {w}.parts pt JOIN detectors d ON ST_DWithin(d.geom, pt.geom, $1::float8))`,
		[]any{radius}
}
