package plans

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/renewal"
)

// JobProgress is one job of a stored plan with where it stands. No is
// the job's number: its 1-based position in the plan's jobs.
type JobProgress struct {
	No       int      `json:"no"`
	Year     int      `json:"year"`
	District string   `json:"district"`
	PipeIDs  []string `json:"pipe_ids"`
	LengthM  float64  `json:"length_m"`
	CostYuan float64  `json:"cost_yuan"`
	// Households the job's pipes feed (renewal.Job.Households; nil: not
	// counted).
	Households *int `json:"households"`
	renewal.Progress
	Overdue bool `json:"overdue"`
}

// Tally is progress over a set of jobs: planned and done km and cost.
// States counts jobs and KmStates their km in each state (every state of
// renewal.States present); Overdue and KmOverdue are the overdue jobs.
// The households (Households, HouseholdsStates, HouseholdsDone,
// HouseholdsOverdue) are those of the jobs whose households were counted.
type Tally struct {
	Jobs              int                `json:"jobs"`
	States            map[string]int     `json:"states"`
	KmStates          map[string]float64 `json:"km_states"`
	HouseholdsStates  map[string]int     `json:"households_states"`
	Overdue           int                `json:"overdue"`
	KmOverdue         float64            `json:"km_overdue"`
	HouseholdsOverdue int                `json:"households_overdue"`
	Km                float64            `json:"km"`
	KmDone            float64            `json:"km_done"`
	Households        int                `json:"households"`
	HouseholdsDone    int                `json:"households_done"`
	CostYuan          float64            `json:"cost_yuan"`
	ActualCostYuan    float64            `json:"actual_cost_yuan"`
	Reconciled        int                `json:"reconciled"`
}

// Report is a plan's progress by year and by district, with every job.
type Report struct {
	Plan      string            `json:"plan"`
	AsOf      string            `json:"as_of"`
	All       Tally             `json:"all"`
	Years     map[int]*Tally    `json:"years"`
	Districts map[string]*Tally `json:"districts"`
	Jobs      []JobProgress     `json:"jobs"`
}

const jobColumns = `job_no, year, coalesce(district, ''), pipe_ids, length_m, cost_yuan, households, state, designed_on, started_on,
	finished_on, coalesce(contractor, ''), actual_cost_yuan, reconciled_at`

func scanJob(row pgx.Row) (JobProgress, error) {
	var j JobProgress
	err := row.Scan(&j.No, &j.Year, &j.District, &j.PipeIDs, &j.LengthM, &j.CostYuan, &j.Households, &j.State, &j.DesignedOn, &j.StartedOn,
		&j.FinishedOn, &j.Contractor, &j.ActualCostYuan, &j.ReconciledAt)
	return j, err
}

// Move moves job no of the plan by t (renewal.Progress.Apply) and
// returns it as of today.
func (s *Service) Move(ctx context.Context, plan string, no int, t renewal.Transition, today time.Time) (_ JobProgress, err error) {
	defer data.Annotate(&err, "plans.Move")
	if err := ValidName(plan); err != nil {
		return JobProgress{}, err
	}
	var j JobProgress
	err = pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		var err error
		j, err = scanJob(tx.QueryRow(ctx, `SELECT `+jobColumns+` FROM renewal_jobs WHERE plan_name = $1 AND job_no = $2 FOR UPDATE`, plan, no))
		if errors.Is(err, pgx.ErrNoRows) {
			return gasrisk.Errorf(gasrisk.ENOTFOUND, "plan %q has no job %d", plan, no)
		}
		if err != nil {
			return err
		}
		if j.Progress, err = j.Progress.Apply(t); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE renewal_jobs SET state = $3, designed_on = $4, started_on = $5, finished_on = $6,
			contractor = nullif($7, ''), actual_cost_yuan = $8 WHERE plan_name = $1 AND job_no = $2`,
			plan, no, j.State, j.DesignedOn, j.StartedOn, j.FinishedOn, j.Contractor, j.ActualCostYuan)
		return err
	})
	j.Overdue = j.Progress.Overdue(j.Year, today)
	return j, err
}

// Reconcile marks done the jobs whose pipes an import shows renewed: every
// pipe of the job is out of service, gone (replaced under new ids) or
// installed in the year the job finished or later. It returns how many
// jobs it reconciled.
func (s *Service) Reconcile(ctx context.Context) (_ int, err error) {
	defer data.Annotate(&err, "plans.Reconcile")
	tag, err := s.db.Pool.Exec(ctx, `UPDATE renewal_jobs j SET reconciled_at = now()
		WHERE j.state = 'done' AND j.reconciled_at IS NULL AND NOT EXISTS (
			SELECT 1 FROM pipes p WHERE p.id = ANY (j.pipe_ids) AND p.status = 'in_service'
			AND coalesce(p.install_year, 0) < extract(year FROM j.finished_on))`)
	return int(tag.RowsAffected()), err
}

// Progress reports the plan's jobs and their progress by year and by
// district as of today.
func (s *Service) Progress(ctx context.Context, plan string, today time.Time) (_ Report, err error) {
	defer data.Annotate(&err, "plans.Progress")
	if _, err := s.Get(ctx, plan); err != nil {
		return Report{}, err
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT `+jobColumns+` FROM renewal_jobs WHERE plan_name = $1 ORDER BY job_no`, plan)
	if err != nil {
		return Report{}, err
	}
	jobs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (JobProgress, error) { return scanJob(row) })
	if err != nil {
		return Report{}, err
	}
	r := Report{Plan: plan, AsOf: today.Format(time.DateOnly), All: newTally(), Years: map[int]*Tally{}, Districts: map[string]*Tally{},
		Jobs: []JobProgress{}}
	for _, j := range jobs {
		j.Overdue = j.Progress.Overdue(j.Year, today)
		r.Jobs = append(r.Jobs, j)
		if r.Years[j.Year] == nil {
			t := newTally()
			r.Years[j.Year] = &t
		}
		if r.Districts[j.District] == nil {
			t := newTally()
			r.Districts[j.District] = &t
		}
		for _, t := range []*Tally{&r.All, r.Years[j.Year], r.Districts[j.District]} {
			t.add(j)
		}
	}
	sort.SliceStable(r.Jobs, func(a, b int) bool { return r.Jobs[a].No < r.Jobs[b].No })
	return r, nil
}

func newTally() Tally {
	t := Tally{States: map[string]int{}, KmStates: map[string]float64{}, HouseholdsStates: map[string]int{}}
	for _, s := range renewal.States() {
		t.States[s] = 0
		t.KmStates[s] = 0
		t.HouseholdsStates[s] = 0
	}
	return t
}

func (t *Tally) add(j JobProgress) {
	h := 0
	if j.Households != nil {
		h = *j.Households
	}
	t.Jobs++
	t.States[j.State]++
	t.KmStates[j.State] += j.LengthM / 1000
	t.HouseholdsStates[j.State] += h
	t.Km += j.LengthM / 1000
	t.Households += h
	t.CostYuan += j.CostYuan
	if j.Overdue {
		t.Overdue++
		t.KmOverdue += j.LengthM / 1000
		t.HouseholdsOverdue += h
	}
	if j.State == renewal.StateDone {
		t.KmDone += j.LengthM / 1000
		t.HouseholdsDone += h
	}
	if j.ActualCostYuan != nil {
		t.ActualCostYuan += *j.ActualCostYuan
	}
	if j.ReconciledAt != nil {
		t.Reconciled++
	}
}
