package data_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gasrisk"
	"gasrisk/data"
)

// today is the date the ledger tests run at (deadlines are checked
// against it).
var today = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

// complete returns a transition to state to with every field it needs.
func complete(to data.HazardState) data.Transition {
	t := data.Transition{To: to, Actor: "tester", Today: today}
	switch to {
	case data.StatePlanned:
		t.Measures, t.ResponsibleUnit, t.ResponsiblePerson, t.Deadline = "remove the shed", "Pipe dept.", "Wang Wei", "2026-09-30"
	case data.StateRectified:
		t.Evidence = "shed removed, photos in work order 17"
	default:
		t.Note = "checked on site"
	}
	return t
}

// loop is the path of the closed loop from open.
var loop = []data.HazardState{data.StatePlanned, data.StateRectified, data.StateRechecked, data.StateClosed}

// moveAll moves an open hazard along the loop up to state to.
func moveAll(t *testing.T, s *data.Store, id int64, to data.HazardState) {
	t.Helper()
	for _, st := range loop {
		if _, err := s.MoveHazard(context.Background(), id, complete(st)); err != nil {
			t.Fatalf("move to %s: %v", st, err)
		}
		if st == to {
			return
		}
	}
}

// setState puts a hazard into a state directly (test set-up only).
func setState(t *testing.T, s *data.Store, id int64, st data.HazardState) {
	t.Helper()
	_, err := s.Pool.Exec(context.Background(), `UPDATE hazards SET state = $2, measures = 'm', responsible_unit = 'u',
		responsible_person = 'p', deadline = '2026-09-30' WHERE id = $1`, id, st)
	if err != nil {
		t.Fatal(err)
	}
}

func TestEveryTransition(t *testing.T) {
	s := ledgerCity(t)
	id := findHazard(t, s, "aged ci-new").ID
	allowed := map[string]bool{
		"open→planned": true, "planned→rectified": true, "rectified→rechecked": true, "rectified→open": true,
		"rechecked→closed": true, "closed→open": true,
	}
	for _, from := range data.HazardStates() {
		for _, to := range data.HazardStates() {
			name := fmt.Sprintf("%s→%s", from, to)
			t.Run(name, func(t *testing.T) {
				setState(t, s, id, from)
				d, err := s.MoveHazard(context.Background(), id, complete(to))
				if allowed[name] {
					if err != nil || d.State != string(to) {
						t.Fatalf("allowed move: state %q, err %v", d.State, err)
					}
					last := d.History[len(d.History)-1]
					if last.Actor != "tester" || last.FromState != string(from) || last.ToState != string(to) ||
						last.Action != to.Action() || last.Reason == "" {
						t.Errorf("history entry %+v", last)
					}
					return
				}
				var te *data.TransitionError
				if !errors.As(err, &te) || gasrisk.ErrorCode(err) != gasrisk.ECONFLICT {
					t.Fatalf("refused move: err %v, want a conflict", err)
				}
				if fmt.Sprint(te.Allowed) != fmt.Sprint(from.Allowed()) || !strings.Contains(err.Error(), "allowed") {
					t.Errorf("allowed %v, want %v (%v)", te.Allowed, from.Allowed(), err)
				}
			})
		}
	}
}

func TestTransitionFields(t *testing.T) {
	s := ledgerCity(t)
	id := findHazard(t, s, "aged di-30y").ID
	cases := []struct {
		name string
		edit func(*data.Transition)
		to   data.HazardState
	}{
		{"plan without measures", func(tr *data.Transition) { tr.Measures = " " }, data.StatePlanned},
		{"plan without unit", func(tr *data.Transition) { tr.ResponsibleUnit = "" }, data.StatePlanned},
		{"plan without person", func(tr *data.Transition) { tr.ResponsiblePerson = "" }, data.StatePlanned},
		{"plan without deadline", func(tr *data.Transition) { tr.Deadline = "" }, data.StatePlanned},
		{"plan with a bad deadline", func(tr *data.Transition) { tr.Deadline = "30/09/2026" }, data.StatePlanned},
		{"plan with a past deadline", func(tr *data.Transition) { tr.Deadline = "2026-06-30" }, data.StatePlanned},
		{"plan with a bad measure", func(tr *data.Transition) { tr.TemporaryMeasures = []string{"Guard!"} }, data.StatePlanned},
		{"plan with evidence", func(tr *data.Transition) { tr.Evidence = "x" }, data.StatePlanned},
		{"rectify without evidence", func(tr *data.Transition) { tr.Evidence = "" }, data.StateRectified},
		{"recheck without note", func(tr *data.Transition) { tr.Note = "" }, data.StateRechecked},
		{"close without note", func(tr *data.Transition) { tr.Note = "" }, data.StateClosed},
		{"reopen without note", func(tr *data.Transition) { tr.Note = "" }, data.StateOpen},
		{"close with measures", func(tr *data.Transition) { tr.Measures = "x" }, data.StateClosed},
		{"nobody", func(tr *data.Transition) { tr.Actor = "" }, data.StateClosed},
		{"unknown state", func(tr *data.Transition) { tr.To = "done" }, data.StateClosed},
		{"note too long", func(tr *data.Transition) { tr.Note = strings.Repeat("长", 4001) }, data.StateClosed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := complete(c.to)
			c.edit(&tr)
			_, err := s.MoveHazard(context.Background(), id, tr)
			if gasrisk.ErrorCode(err) != gasrisk.EINVALID {
				t.Errorf("err %v, want invalid", err)
			}
		})
	}
	t.Run("no such hazard", func(t *testing.T) {
		_, err := s.MoveHazard(context.Background(), 999999, complete(data.StatePlanned))
		if gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
			t.Errorf("err %v, want not found", err)
		}
	})
	d, _ := s.Hazard(context.Background(), id, today)
	if d.State != "open" || len(d.History) != 1 {
		t.Errorf("refused moves changed the hazard: %+v", d)
	}
}

func TestHistoryIsAppendOnly(t *testing.T) {
	s := ledgerCity(t)
	ctx := context.Background()
	h := findHazard(t, s, "aged ci-new")
	moveAll(t, s, h.ID, data.StateRectified)
	for _, q := range []string{
		`UPDATE hazard_events SET reason = 'rewritten'`,
		`DELETE FROM hazard_events`,
		`TRUNCATE hazard_events CASCADE`,
		`DELETE FROM hazards`,
	} {
		if _, err := s.Pool.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "refused") {
			t.Errorf("%s: err %v, want refused", q, err)
		}
	}
	d, _ := s.Hazard(ctx, h.ID, today)
	if len(d.History) != 3 {
		t.Errorf("history %+v", d.History)
	}
}

func TestOverdue(t *testing.T) {
	s := ledgerCity(t)
	ctx := context.Background()
	h := findHazard(t, s, "aged steel-30y")
	tr := complete(data.StatePlanned)
	tr.Deadline = "2026-07-10"
	if _, err := s.MoveHazard(ctx, h.ID, tr); err != nil {
		t.Fatal(err)
	}
	yes := true
	cases := []struct {
		today string
		want  bool
	}{{"2026-07-01", false}, {"2026-07-10", false}, {"2026-07-11", true}, {"2027-01-01", true}}
	for _, c := range cases {
		t.Run(c.today, func(t *testing.T) {
			day, _ := time.Parse(time.DateOnly, c.today)
			d, err := s.Hazard(ctx, h.ID, day)
			if err != nil || d.Overdue != c.want {
				t.Errorf("overdue %v (err %v), want %v", d.Overdue, err, c.want)
			}
			page, err := s.Hazards(ctx, data.HazardFilter{Overdue: &yes, Today: day})
			if err != nil || (page.Total == 1) != c.want {
				t.Errorf("overdue filter: %d hazards (err %v)", page.Total, err)
			}
		})
	}
	late, _ := time.Parse(time.DateOnly, "2026-08-01")
	rect := complete(data.StateRectified)
	rect.Today = late
	if d, err := s.MoveHazard(ctx, h.ID, rect); err != nil || d.Overdue {
		t.Errorf("rectified hazard overdue=%v (err %v)", d.Overdue, err)
	}
}
