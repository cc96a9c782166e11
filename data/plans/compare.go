package plans

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/riskmodel"
)

// Km is km per grade; every grade is present.
type Km map[string]float64

// Grades are km per grade in all and per district ("" outside every
// district).
type Grades struct {
	All       Km            `json:"all"`
	Districts map[string]Km `json:"districts"`
}

// YearGrades are the grades after the renewals up to a year.
type YearGrades struct {
	Year int `json:"year"`
	Grades
}

// Comparison sets a scenario's grades against the current run's: before
// (the current run) and after — per plan year, with the pipes of the
// plan's jobs up to that year renewed, or, for a scenario of listed
// pipes, once (year: the scenario run's as-of year).
type Comparison struct {
	Scenario  string       `json:"scenario"`
	Plan      string       `json:"plan,omitempty"`
	RunID     int64        `json:"run_id"`
	BaseRunID int64        `json:"base_run_id"`
	Before    Grades       `json:"before"`
	After     []YearGrades `json:"after"`
}

// ScenarioSummary is a scenario in the list of scenarios.
type ScenarioSummary struct {
	Name    string `json:"name"`
	Plan    string `json:"plan,omitempty"`
	RunID   int64  `json:"run_id"`
	BaseRun int64  `json:"base_run_id"`
	AsOf    string `json:"as_of"`
}

// sqlGrades is km per district and grade of the current run ($1) with
// the pipes in $3 taken from the scenario's run ($2) instead.
const sqlGrades = `
SELECT coalesce(district, ''), grade, sum(length_m) / 1000 FROM (
    SELECT district, grade, length_m FROM segments WHERE run_id = $1 AND pipe_id <> ALL ($3::text[])
    UNION ALL
    SELECT district, grade, length_m FROM segments WHERE run_id = $2 AND pipe_id = ANY ($3::text[])
) s GROUP BY 1, 2`

// Scenarios lists the scenarios, newest first.
func (s *Service) Scenarios(ctx context.Context) (_ []ScenarioSummary, err error) {
	defer data.Annotate(&err, "plans.Scenarios")
	rows, err := s.db.Pool.Query(ctx, `SELECT DISTINCT ON (scenario) scenario, coalesce(scenario_plan, ''), id, coalesce(base_run, 0), as_of::text
		FROM analysis_runs WHERE scenario IS NOT NULL AND status = 'done' ORDER BY scenario, id DESC`)
	if err != nil {
		return nil, err
	}
	out := []ScenarioSummary{}
	var x ScenarioSummary
	_, err = pgx.ForEachRow(rows, []any{&x.Name, &x.Plan, &x.RunID, &x.BaseRun, &x.AsOf}, func() error {
		out = append(out, x)
		return nil
	})
	return out, err
}

// Compare compares the scenario of that name with the current run.
func (s *Service) Compare(ctx context.Context, name string) (_ Comparison, err error) {
	defer data.Annotate(&err, "plans.Compare")
	if err := ValidName(name); err != nil {
		return Comparison{}, gasrisk.Errorf(gasrisk.EINVALID, "scenario: %s", gasrisk.ErrorMessage(err))
	}
	c := Comparison{Scenario: name}
	var asOf int
	var pipes []string
	err = s.db.Pool.QueryRow(ctx, `SELECT id, coalesce(scenario_plan, ''), coalesce(scenario_pipes, '{}'), extract(year FROM as_of)::int
		FROM analysis_runs WHERE scenario = $1 AND status = 'done' ORDER BY id DESC LIMIT 1`, name).Scan(&c.RunID, &c.Plan, &pipes, &asOf)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, gasrisk.Errorf(gasrisk.ENOTFOUND, "no scenario named %q: run gasrisk analyze --scenario %s first", name, name)
	}
	if err != nil {
		return c, err
	}
	if c.BaseRunID, err = s.db.CurrentRun(ctx); err != nil {
		return c, err
	}
	if c.Before, err = s.grades(ctx, c.BaseRunID, c.RunID, nil); err != nil {
		return c, err
	}
	steps, err := s.renewedByYear(ctx, c.Plan, asOf, pipes)
	for _, st := range steps {
		g, err := s.grades(ctx, c.BaseRunID, c.RunID, st.pipes)
		if err != nil {
			return c, err
		}
		c.After = append(c.After, YearGrades{Year: st.year, Grades: g})
	}
	return c, err
}

// renewedStep is the pipes renewed up to a year.
type renewedStep struct {
	year  int
	pipes []string
}

// renewedByYear lists, per plan year, the pipes renewed up to it; for a
// scenario of listed pipes one step at the as-of year.
func (s *Service) renewedByYear(ctx context.Context, plan string, asOf int, pipes []string) ([]renewedStep, error) {
	if plan == "" {
		return []renewedStep{{asOf, pipes}}, nil
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT y.year, coalesce((SELECT array_agg(DISTINCT p) FROM renewal_jobs j, unnest(j.pipe_ids) p
		WHERE j.plan_name = $1 AND j.year <= y.year), '{}')
		FROM renewal_plans rp, jsonb_to_recordset(rp.years) AS y(year int) WHERE rp.name = $1 ORDER BY y.year`, plan)
	if err != nil {
		return nil, err
	}
	var out []renewedStep
	var st renewedStep
	_, err = pgx.ForEachRow(rows, []any{&st.year, &st.pipes}, func() error {
		out = append(out, st)
		return nil
	})
	return out, err
}

// grades sums km per grade of the base run with the pipes listed taken
// from the scenario run.
func (s *Service) grades(ctx context.Context, base, scenario int64, pipes []string) (Grades, error) {
	g := Grades{All: newKm(), Districts: map[string]Km{}}
	if pipes == nil {
		pipes = []string{}
	}
	rows, err := s.db.Pool.Query(ctx, sqlGrades, base, scenario, pipes)
	if err != nil {
		return g, err
	}
	var district, grade string
	var km float64
	_, err = pgx.ForEachRow(rows, []any{&district, &grade, &km}, func() error {
		if g.Districts[district] == nil {
			g.Districts[district] = newKm()
		}
		g.Districts[district][grade] += km
		g.All[grade] += km
		return nil
	})
	return g, err
}

func newKm() Km {
	k := Km{}
	for _, g := range riskmodel.Grades() {
		k[string(g)] = 0
	}
	return k
}
