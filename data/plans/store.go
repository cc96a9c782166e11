package plans

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// Inputs are what a plan was made from: its options and the model's
// renewal settings (costs, mandatory categories, join tolerance).
type Inputs struct {
	renewal.Options
	Renewal riskmodel.RenewalPlan `json:"renewal"`
}

// Plan is a stored, named plan: the plan's jobs and years with its inputs,
// the run it was made from and the jobs that fit no year.
type Plan struct {
	Name        string         `json:"name"`
	CreatedAt   time.Time      `json:"created_at"`
	RunID       int64          `json:"run_id"`
	Inputs      Inputs         `json:"inputs"`
	Jobs        []renewal.Job  `json:"jobs"`
	Years       []renewal.Year `json:"years"`
	Unscheduled []renewal.Job  `json:"unscheduled"`
}

// Summary is a plan in the list of plans.
type Summary struct {
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	RunID     int64     `json:"run_id"`
	FirstYear int       `json:"first_year"`
	LastYear  int       `json:"last_year"`
	Jobs      int       `json:"jobs"`
	CostYuan  float64   `json:"cost_yuan"`
}

// ValidName reports whether name can name a plan (renewal.ValidName).
func ValidName(name string) error { return renewal.ValidName(name) }

// Create plans the current run's candidates with model m and options o
// (renewal.Build) and stores the plan under name; a plan of that name
// already stored is a conflict.
func (s *Service) Create(ctx context.Context, name string, m riskmodel.Config, o renewal.Options) (_ Plan, err error) {
	defer data.Annotate(&err, "plans.Create")
	if err := ValidName(name); err != nil {
		return Plan{}, err
	}
	if err := o.Validate(); err != nil {
		return Plan{}, err
	}
	cands, err := s.Candidates(ctx, m)
	if err != nil {
		return Plan{}, err
	}
	run, err := s.db.CurrentRun(ctx)
	if err != nil {
		return Plan{}, err
	}
	rp, err := renewal.Build(cands, m, o)
	if err != nil {
		return Plan{}, err
	}
	if err := s.countHouseholds(ctx, rp.Jobs); err != nil {
		return Plan{}, err
	}
	p := Plan{Name: name, RunID: run, Inputs: Inputs{Options: o, Renewal: m.Renewal}, Jobs: rp.Jobs, Years: rp.Years,
		Unscheduled: rp.Unscheduled}
	if p.Unscheduled == nil {
		p.Unscheduled = []renewal.Job{}
	}
	return p, s.store(ctx, &p)
}

// store writes the plan and its jobs in one transaction.
func (s *Service) store(ctx context.Context, p *Plan) error {
	inputs, _ := json.Marshal(p.Inputs)
	years, _ := json.Marshal(p.Years)
	unsch, _ := json.Marshal(p.Unscheduled)
	return pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO renewal_plans (name, run_id, inputs, years, unscheduled) VALUES ($1, $2, $3, $4, $5)
			RETURNING created_at`, p.Name, p.RunID, inputs, years, unsch).Scan(&p.CreatedAt)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" {
			return gasrisk.Errorf(gasrisk.ECONFLICT, "name: a plan named %q exists already", p.Name)
		}
		if err != nil {
			return err
		}
		rows := make([][]any, len(p.Jobs))
		for i, j := range p.Jobs {
			rows[i] = []any{p.Name, i + 1, j.Year, j.PipeIDs, j.LengthM, j.CostYuan, j.Category, j.RiskReduction, j.Reason,
				j.District, j.Mandatory, j.Households}
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"renewal_jobs"}, []string{"plan_name", "job_no", "year", "pipe_ids", "length_m",
			"cost_yuan", "category", "risk_reduction", "reason", "district", "mandatory", "households"}, pgx.CopyFromRows(rows))
		return err
	})
}

// List returns the stored plans, newest first.
func (s *Service) List(ctx context.Context) (_ []Summary, err error) {
	defer data.Annotate(&err, "plans.List")
	rows, err := s.db.Pool.Query(ctx, `SELECT p.name, p.created_at, p.run_id, (p.inputs->>'first_year')::int, (p.inputs->>'last_year')::int,
		count(j.job_no)::int, coalesce(sum(j.cost_yuan), 0)
		FROM renewal_plans p LEFT JOIN renewal_jobs j ON j.plan_name = p.name
		GROUP BY p.name ORDER BY p.created_at DESC, p.name`)
	if err != nil {
		return nil, err
	}
	out := []Summary{}
	var x Summary
	_, err = pgx.ForEachRow(rows, []any{&x.Name, &x.CreatedAt, &x.RunID, &x.FirstYear, &x.LastYear, &x.Jobs, &x.CostYuan}, func() error {
		out = append(out, x)
		return nil
	})
	return out, err
}

// Get returns the plan stored under name.
func (s *Service) Get(ctx context.Context, name string) (_ Plan, err error) {
	defer data.Annotate(&err, "plans.Get")
	if err := ValidName(name); err != nil {
		return Plan{}, err
	}
	p := Plan{Name: name}
	var inputs, years, unsch []byte
	err = s.db.Pool.QueryRow(ctx, `SELECT created_at, run_id, inputs, years, unscheduled FROM renewal_plans WHERE name = $1`, name).
		Scan(&p.CreatedAt, &p.RunID, &inputs, &years, &unsch)
	if errors.Is(err, pgx.ErrNoRows) {
		return Plan{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "no plan named %q", name)
	}
	if err != nil {
		return Plan{}, err
	}
	if err := errors.Join(json.Unmarshal(inputs, &p.Inputs), json.Unmarshal(years, &p.Years), json.Unmarshal(unsch, &p.Unscheduled)); err != nil {
		return Plan{}, err
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT year, pipe_ids, length_m, cost_yuan, category, risk_reduction, reason,
		coalesce(district, ''), mandatory, households FROM renewal_jobs WHERE plan_name = $1 ORDER BY job_no`, name)
	if err != nil {
		return Plan{}, err
	}
	p.Jobs = []renewal.Job{}
	var j renewal.Job
	_, err = pgx.ForEachRow(rows, []any{&j.Year, &j.PipeIDs, &j.LengthM, &j.CostYuan, &j.Category, &j.RiskReduction, &j.Reason,
		&j.District, &j.Mandatory, &j.Households}, func() error {
		p.Jobs = append(p.Jobs, j)
		j = renewal.Job{}
		return nil
	})
	return p, err
}
