package analysis

import (
	"context"
	"fmt"

	"gasrisk/riskmodel"
)

// The scope of a revision (revision.go): which pipes it re-grades
// (docs/design.md "Incremental re-analysis", the scope rule) and how the
// steps of a full run narrow what they read to it.
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
