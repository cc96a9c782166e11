package analysis

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// Scenario makes a run a what-if (docs/risk-model.md §11): graded as if
// the listed pipes were renewed — in the model's new material for their
// pressure class (renewal.new_material), installed in the as-of year,
// without an assessed condition, unsafe ductile iron or uncontrollable
// hazard — and published beside the current run without replacing it or
// touching the hazard ledger.
type Scenario struct {
	// Name names the scenario (a plan's name rules); a newer run of the
	// same name replaces the older.
	Name string
	// Plan, if set, is the stored plan whose jobs' pipes are renewed;
	// otherwise Pipes lists them.
	Plan  string
	Pipes []string
}

// sqlScenarioPipes is the work schema's view of pipes with the
// scenario's pipes renewed; sqlParts reads it in place of pipes.
const sqlScenarioPipes = `
CREATE UNLOGGED TABLE {w}.renewed (pipe_id text PRIMARY KEY);
CREATE UNLOGGED TABLE {w}.new_material (pressure_class text PRIMARY KEY, material text NOT NULL);
CREATE VIEW {w}.pipes AS
SELECT p.gid, p.id, p.geom, p.pressure_class, p.pressure_mpa, p.diameter_mm, p.depth_m, p.district, p.casing, p.wall_mm,
       p.protection, p.status,
       CASE WHEN r.pipe_id IS NULL THEN p.material ELSE coalesce(nm.material, 'steel') END AS material,
       CASE WHEN r.pipe_id IS NULL THEN p.install_year ELSE $1::int END AS install_year,
       CASE WHEN r.pipe_id IS NULL THEN p.condition END AS condition,
       CASE WHEN r.pipe_id IS NULL THEN p.ductile_unsafe END AS ductile_unsafe,
       CASE WHEN r.pipe_id IS NULL THEN p.hazard_uncontrollable END AS hazard_uncontrollable
FROM pipes p LEFT JOIN {w}.renewed r ON r.pipe_id = p.id
LEFT JOIN {w}.new_material nm ON nm.pressure_class = p.pressure_class`

// ValidScenarioName reports whether name can name a scenario
// (renewal.ValidName's rule), naming the field if not.
func ValidScenarioName(name string) error {
	if err := renewal.ValidName(name); err != nil {
		return gasrisk.Errorf(gasrisk.EINVALID, "scenario: %s", strings.TrimPrefix(gasrisk.ErrorMessage(err), "name: "))
	}
	return nil
}

// scenarioPipes creates the renewed pipes and the view of pipes for the
// scenario's run.
func (r *run) scenarioPipes(ctx context.Context) error {
	sc := r.opts.Scenario
	// A view's text cannot take parameters: the year is a formatted int.
	if err := r.exec(ctx, replaceYear(sqlScenarioPipes, r.opts.AsOf.Year())); err != nil {
		return err
	}
	var err error
	if sc.Plan != "" {
		err = r.exec(ctx, `INSERT INTO {w}.renewed SELECT DISTINCT unnest(pipe_ids) FROM renewal_jobs WHERE plan_name = $1`, sc.Plan)
	} else {
		err = r.exec(ctx, `INSERT INTO {w}.renewed SELECT DISTINCT unnest($1::text[])`, sc.Pipes)
	}
	if err != nil {
		return err
	}
	var rows [][]any
	for _, c := range riskmodel.PressureClasses() {
		rows = append(rows, []any{c, r.opts.Model.Renewal.NewMaterialFor(c)})
	}
	_, err = r.conn.CopyFrom(ctx, pgx.Identifier{r.schema, "new_material"}, []string{"pressure_class", "material"}, pgx.CopyFromRows(rows))
	if err == nil {
		err = r.exec(ctx, `ANALYZE {w}.renewed`)
	}
	return err
}

// replaceYear puts the year in place of $1::int.
func replaceYear(q string, year int) string {
	return strings.ReplaceAll(q, "$1::int", fmt.Sprintf("%d", year))
}

// partsSQL is sqlParts, reading the scenario's view of pipes in a
// scenario's run, and only the pipes in scope in a revision (revision.go).
func (r *run) partsSQL() string {
	q := sqlParts
	if r.rev != nil {
		q = strings.Replace(q, "WHERE p.status", "WHERE "+scopeParts+"p.status", 1)
	}
	if r.opts.Scenario == nil {
		return q
	}
	return strings.Replace(q, "FROM pipes p,", "FROM {w}.pipes p,", 1)
}

// publishScenario attaches a scenario's partition and marks the run done,
// leaving the current run and the ledger as they are, then drops the
// partitions of older runs of the scenario.
func (r *run) publishScenario(ctx context.Context, phases, counts []byte) error {
	err := pgx.BeginFunc(ctx, r.conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, fmt.Sprintf(`ALTER TABLE segments ATTACH PARTITION %s FOR VALUES IN (%d)`, r.partition(), r.id)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE analysis_runs SET status = 'done', finished_at = now(),
			duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint, phases = $2, counts = $3 WHERE id = $1`, r.id, phases, counts)
		return err
	})
	if err != nil {
		return err
	}
	ids, err := r.s.runIDs(ctx, `SELECT id FROM analysis_runs WHERE scenario = $1 AND id < $2`, r.opts.Scenario.Name, r.id)
	for _, id := range ids {
		if err := r.s.dropPartition(ctx, id); err != nil {
			return err
		}
	}
	return err
}

// name, plan and pipes are the scenario's columns of analysis_runs (NULL
// for an ordinary run).
func (sc *Scenario) name() *string {
	if sc == nil {
		return nil
	}
	return &sc.Name
}

func (sc *Scenario) plan() *string {
	if sc == nil || sc.Plan == "" {
		return nil
	}
	return &sc.Plan
}

func (sc *Scenario) pipes() []string {
	if sc == nil {
		return nil
	}
	return sc.Pipes
}

// checkScenario refuses a scenario without a name, without pipes, naming
// unknown pipes, or with no current run to compare with (nil: none).
func (s *Service) checkScenario(ctx context.Context, sc *Scenario) error {
	if sc == nil {
		return nil
	}
	if err := ValidScenarioName(sc.Name); err != nil {
		return err
	}
	if (sc.Plan == "") == (len(sc.Pipes) == 0) {
		return gasrisk.Errorf(gasrisk.EINVALID, "scenario %q: give either a plan or a list of pipes", sc.Name)
	}
	run, err := s.db.CurrentRun(ctx)
	if err != nil {
		return err
	}
	if run == 0 {
		return gasrisk.Errorf(gasrisk.ECONFLICT, "scenario %q: no current run to compare with: run gasrisk analyze first", sc.Name)
	}
	if sc.Plan != "" {
		var n int
		err := s.db.Pool.QueryRow(ctx, `SELECT count(*) FROM renewal_plans WHERE name = $1`, sc.Plan).Scan(&n)
		if err == nil && n == 0 {
			err = gasrisk.Errorf(gasrisk.ENOTFOUND, "plan: no plan named %q", sc.Plan)
		}
		return err
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT id FROM unnest($1::text[]) id WHERE NOT EXISTS (SELECT 1 FROM pipes p WHERE p.id = id.id) LIMIT 10`, sc.Pipes)
	return refuseUnknownPipes(rows, err)
}

// refuseUnknownPipes reads the ids a query (rows, err) found unknown and
// refuses them by name (EINVALID).
func refuseUnknownPipes(rows pgx.Rows, err error) error {
	if err != nil {
		return err
	}
	unknown, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err == nil && len(unknown) > 0 {
		err = gasrisk.Errorf(gasrisk.EINVALID, "pipes: no such pipe(s): %s", strings.Join(unknown, ", "))
	}
	return err
}
