package analysis

import (
	"context"
	"fmt"
	"strings"

	"gasrisk/hazard"

	"github.com/jackc/pgx/v5"
)

// publishHazards brings the ledger up to date with the run's findings
// ({w}.found), inside the transaction that makes the run current, so the
// ledger never reflects a run that failed. A ledger the run built (the
// first run of a city, ledger_bootstrap.go) is swapped in. Otherwise it
// locks the ledger against concurrent transitions (they wait the few
// seconds this takes), pairs findings with hazards by identity in one
// pass into {w}.diff — keeping only the pairs something happens to, few
// once a network is steady — and then, in order:
//
//  1. closed hazards found again are reopened, with a note;
//  2. hazards marked for re-check that are found again lose the mark;
//  3. grade changes and new listings (挂牌督办) are recorded;
//  4. new hazards are added (state open) and known ones take the run's
//     grade, geometry and district where those changed;
//  5. hazards not closed that the run no longer finds are marked for
//     re-check (recheck_due) — never dropped.
//
// Each change appends to the history with actor "analysis" and the run.
func (r *run) publishHazards(ctx context.Context, tx pgx.Tx) error {
	if r.ledgerBuilt {
		if swapped, err := r.swapLedger(ctx, tx); swapped || err != nil {
			return err
		}
		// Hazards came into the ledger meanwhile: the built ledger's
		// findings are published the ordinary way.
		if _, err := tx.Exec(ctx, r.sql(`CREATE UNLOGGED TABLE {w}.found AS SELECT `+foundColumns+` FROM {w}.hazards`)); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, r.sql(strings.Replace(sqlHazardDiff, "{hz}", r.hazardsInScope(), 1))); err != nil {
		return fmt.Errorf("hazards diff: %w", err)
	}
	listed := string(hazard.DefaultPolicy().ListedGrade)
	steps := []struct {
		name string
		sql  string
		args []any
	}{
		{"reopen", sqlReopenFound, []any{r.id}},
		{"found again", sqlFoundAgain, []any{r.id}},
		{"regrade", sqlRegrade, []any{r.id, listed}},
		{"insert", sqlInsertFound(), []any{r.id, listed}},
		{"update", sqlUpdateFound, []any{listed}},
		{"not found", sqlNotFound, []any{r.id}},
	}
	for _, st := range steps {
		if _, err := tx.Exec(ctx, r.sql(st.sql), st.args...); err != nil {
			return fmt.Errorf("hazards %s: %w", st.name, err)
		}
	}
	return nil
}

// sqlLockHazards keeps transitions out while the run is published (they
// write hazards; reading them is not blocked).
const sqlLockHazards = `LOCK TABLE hazards IN SHARE ROW EXCLUSIVE MODE`

// sqlHazardDiff pairs every finding with its hazard (FULL JOIN on
// identity) and keeps the pairs that change: new findings, hazards found
// again that were closed, marked for re-check, or changed (grade, stretch,
// info, district, length, geometry: compared once, OFFSET 0 keeps the
// planner from copying the comparison into the filter), and open hazards
// not found. Hazards a detector's alarm opened (source detector,
// data/sensors) are not the analysis's to find; {hz} is the part of the
// ledger the run compares with (hazardsInScope: a revision's scope). The statements below read
// only this table and the hazards by id.
const sqlHazardDiff = `
CREATE UNLOGGED TABLE {w}.diff WITH (autovacuum_enabled = off) AS
SELECT * FROM (
    SELECT f.*, h.id AS hazard_id, h.state AS h_state, h.recheck_due AS h_recheck, h.grade AS h_grade,
           h.id IS NOT NULL AND f.identity IS NOT NULL AND
           ((h.part, h.f0, h.f1, h.info, h.grade, h.district, h.length_m) IS DISTINCT FROM
            (f.part, f.f0, f.f1, f.info, f.grade, f.district, f.length_m)
            OR h.geom::bytea IS DISTINCT FROM f.geom::bytea) AS changed
    FROM {w}.found f FULL JOIN {hz} h ON h.identity = f.identity
    OFFSET 0) p
WHERE hazard_id IS NULL
   OR identity IS NULL AND h_state <> 'closed' AND NOT h_recheck
   OR identity IS NOT NULL AND (h_state = 'closed' OR h_recheck OR changed)`

// The statements take $1 the run and, where they list, $2 the listed grade.

const sqlReopenFound = `
WITH re AS (
    UPDATE hazards h SET state = 'open', recheck_due = false, closed_at = NULL, measures = NULL,
        responsible_unit = NULL, responsible_person = NULL, deadline = NULL, temporary_measures = '{}',
        evidence = NULL, updated_at = now()
    FROM {w}.diff d WHERE d.hazard_id = h.id AND d.identity IS NOT NULL AND d.h_state = 'closed'
    RETURNING h.id)
INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason, run_id)
SELECT id, 'analysis', 'reopen', 'closed', 'open',
       format('reopened: found again by analysis run %s after it was closed', $1::bigint), $1::bigint FROM re`

// sqlFoundAgain: the reopened ones (closed until now) lost the mark above.
const sqlFoundAgain = `
WITH back AS (
    UPDATE hazards h SET recheck_due = false, updated_at = now()
    FROM {w}.diff d WHERE d.hazard_id = h.id AND d.identity IS NOT NULL AND d.h_recheck AND d.h_state <> 'closed'
    RETURNING h.id, h.state)
INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason, run_id)
SELECT id, 'analysis', 'found_again', state, state, format('found again by analysis run %s', $1::bigint), $1::bigint
FROM back`

const sqlRegrade = `
INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason, data, run_id)
SELECT h.id, 'analysis', 'regraded', h.state, h.state,
       format('grade %s → %s by analysis run %s', h.grade, d.grade, $1::bigint)
           || CASE WHEN d.grade = $2::text AND NOT h.listed THEN '; listed for supervision (挂牌督办)' ELSE '' END,
       jsonb_build_object('from_grade', h.grade, 'to_grade', d.grade, 'listed', h.listed OR d.grade = $2::text),
       $1::bigint
FROM {w}.diff d JOIN hazards h ON h.id = d.hazard_id
WHERE d.identity IS NOT NULL AND d.h_grade <> d.grade`

// newHazardColumns and newHazardValues make a new hazard of a finding;
// foundEvents records it in the history ($1 the run), from rows (id,
// grade, listed).
const (
	newHazardColumns = `identity, kind, source, pipe_id, part, f0, f1, station_id, ref_layer, ref_id, info,
	grade, district, length_m, geom, geom_3857, listed, first_run`
	foundEvents = `(hazard_id, actor, action, from_state, to_state, reason, data, run_id)
SELECT id, 'analysis', 'found', NULL, 'open',
       format('found by analysis run %s, grade %s', $1::bigint, grade)
           || CASE WHEN listed THEN '; listed for supervision (挂牌督办)' ELSE '' END,
       jsonb_build_object('grade', grade, 'listed', listed), $1::bigint`
)

// newHazardValues are the values of newHazardColumns for a finding, with
// run and listed the SQL of the run's id and of the listed grade.
func newHazardValues(run, listed string) string {
	return `identity, kind, source, pipe_id, part, f0, f1, station_id, ref_layer, ref_id, info,
	grade, district, length_m, geom, ST_Transform(geom, 3857), grade = ` + listed + `, ` + run
}

// sqlInsertFound adds the hazards found for the first time.
func sqlInsertFound() string {
	return `
WITH ins AS (
    INSERT INTO hazards (` + newHazardColumns + `)
    SELECT ` + newHazardValues("$1::bigint", "$2::text") + `
    FROM {w}.diff d
    WHERE d.hazard_id IS NULL
    RETURNING id, grade, listed)
INSERT INTO hazard_events ` + foundEvents + `
FROM ins`
}

// sqlUpdateFound brings known hazards up to date where the run sees them
// differently (grade, stretch, district …); unchanged ones are not
// touched, so a run over a steady network writes little.
const sqlUpdateFound = `
UPDATE hazards h SET part = d.part, f0 = d.f0, f1 = d.f1, info = d.info, grade = d.grade, district = d.district,
    length_m = d.length_m, geom = d.geom, geom_3857 = ST_Transform(d.geom, 3857),
    listed = h.listed OR d.grade = $1::text, updated_at = now()
FROM {w}.diff d
WHERE d.hazard_id = h.id AND d.changed`

const sqlNotFound = `
WITH gone AS (
    UPDATE hazards h SET recheck_due = true, updated_at = now()
    FROM {w}.diff d
    WHERE d.hazard_id = h.id AND d.identity IS NULL
    RETURNING h.id, h.state)
INSERT INTO hazard_events (hazard_id, actor, action, from_state, to_state, reason, run_id)
SELECT id, 'analysis', 'not_found', state, state,
       format('not found by analysis run %s: re-check on site', $1::bigint), $1::bigint FROM gone`
