package renewal

import (
	"time"

	"gasrisk"
)

// Job states, in order: a job moves one step at a time.
const (
	StatePlanned           = "planned"
	StateDesigned          = "designed"
	StateUnderConstruction = "under_construction"
	StateDone              = "done"
)

// States returns the job states in order.
func States() []string {
	return []string{StatePlanned, StateDesigned, StateUnderConstruction, StateDone}
}

// StateLabels returns the English and Chinese names of a job state.
func StateLabels(s string) (string, string) {
	switch s {
	case StatePlanned:
		return "planned", "已列入计划"
	case StateDesigned:
		return "designed", "已完成设计"
	case StateUnderConstruction:
		return "under construction", "施工中"
	case StateDone:
		return "done", "已完工"
	}
	return "", ""
}

// Progress is where a job stands: its state with the dates and facts each
// step recorded.
type Progress struct {
	State          string     `json:"state"`
	DesignedOn     *time.Time `json:"designed_on,omitempty"`
	StartedOn      *time.Time `json:"started_on,omitempty"`
	FinishedOn     *time.Time `json:"finished_on,omitempty"`
	Contractor     string     `json:"contractor,omitempty"`
	ActualCostYuan *float64   `json:"actual_cost_yuan,omitempty"`
	// ReconciledAt is when an import of pipes showed all the job's pipes
	// renewed (done jobs only).
	ReconciledAt *time.Time `json:"reconciled_at,omitempty"`
}

// Transition moves a job to the next state: designed needs On (the
// design's date); under_construction On (the start) and Contractor; done
// On (the finish) and ActualCostYuan.
type Transition struct {
	To             string   `json:"to"`
	On             string   `json:"on"` // YYYY-MM-DD
	Contractor     string   `json:"contractor"`
	ActualCostYuan *float64 `json:"actual_cost_yuan"`
}

// Apply returns p moved by t, or an error naming the field: EINVALID for
// a missing or malformed field, ECONFLICT for a move out of order.
func (p Progress) Apply(t Transition) (Progress, error) {
	next := map[string]string{StatePlanned: StateDesigned, StateDesigned: StateUnderConstruction, StateUnderConstruction: StateDone}
	if !contains(States(), t.To) {
		return p, gasrisk.Errorf(gasrisk.EINVALID, "to: %q must be one of designed, under_construction, done", t.To)
	}
	if next[p.State] != t.To {
		return p, gasrisk.Errorf(gasrisk.ECONFLICT, "to: a %s job moves to %s only", p.State, orNone(next[p.State]))
	}
	on, err := time.Parse(time.DateOnly, t.On)
	if err != nil {
		return p, gasrisk.Errorf(gasrisk.EINVALID, "on: %q: want a date YYYY-MM-DD", t.On)
	}
	if last := p.lastDate(); last != nil && on.Before(*last) {
		return p, gasrisk.Errorf(gasrisk.EINVALID, "on: %s is before the job's previous step (%s)", t.On, last.Format(time.DateOnly))
	}
	switch t.To {
	case StateDesigned:
		p.DesignedOn = &on
	case StateUnderConstruction:
		if t.Contractor == "" {
			return p, gasrisk.Errorf(gasrisk.EINVALID, "contractor: missing (who builds the job)")
		}
		p.StartedOn, p.Contractor = &on, t.Contractor
	case StateDone:
		if t.ActualCostYuan == nil || !(*t.ActualCostYuan >= 0) || *t.ActualCostYuan > 1e13 {
			return p, gasrisk.Errorf(gasrisk.EINVALID, "actual_cost_yuan: missing or not a number 0–1e13")
		}
		p.FinishedOn, p.ActualCostYuan = &on, t.ActualCostYuan
	}
	p.State = t.To
	return p, nil
}

// lastDate is the date of the job's latest step.
func (p Progress) lastDate() *time.Time {
	for _, d := range []*time.Time{p.FinishedOn, p.StartedOn, p.DesignedOn} {
		if d != nil {
			return d
		}
	}
	return nil
}

// Overdue reports whether a job of the plan year is not done after that
// year has ended, as of today.
func (p Progress) Overdue(year int, today time.Time) bool {
	return p.State != StateDone && today.Year() > year
}

func orNone(s string) string {
	if s == "" {
		return "nothing (it is done)"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
