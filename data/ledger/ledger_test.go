package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gasrisk"
	"gasrisk/data/datatest"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
)

// moveAll moves an open hazard along the loop up to state to.
func moveAll(t *testing.T, s datatest.Services, id int64, to hazard.State) {
	t.Helper()
	for _, st := range datatest.Loop() {
		if _, err := s.Ledger.MoveHazard(context.Background(), id, datatest.Complete(st)); err != nil {
			t.Fatalf("move to %s: %v", st, err)
		}
		if st == to {
			return
		}
	}
}

func TestEveryTransition(t *testing.T) {
	s := env.CasesCity(t)
	id := datatest.FindHazard(t, s, "aged ci-new").ID
	allowed := map[string]bool{
		"open→planned": true, "planned→rectified": true, "rectified→rechecked": true, "rectified→open": true,
		"rechecked→closed": true, "closed→open": true,
	}
	for _, from := range hazard.States() {
		for _, to := range hazard.States() {
			name := fmt.Sprintf("%s→%s", from, to)
			t.Run(name, func(t *testing.T) {
				datatest.SetState(t, s, id, from)
				d, err := s.Ledger.MoveHazard(context.Background(), id, datatest.Complete(to))
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
				var te *hazard.TransitionError
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
	s := env.CasesCity(t)
	id := datatest.FindHazard(t, s, "aged di-unsafe").ID
	cases := []struct {
		name string
		edit func(*hazard.Transition)
		to   hazard.State
	}{
		{"plan without measures", func(tr *hazard.Transition) { tr.Measures = " " }, hazard.StatePlanned},
		{"plan without unit", func(tr *hazard.Transition) { tr.ResponsibleUnit = "" }, hazard.StatePlanned},
		{"plan without person", func(tr *hazard.Transition) { tr.ResponsiblePerson = "" }, hazard.StatePlanned},
		{"plan without deadline", func(tr *hazard.Transition) { tr.Deadline = "" }, hazard.StatePlanned},
		{"plan with a bad deadline", func(tr *hazard.Transition) { tr.Deadline = "30/09/2026" }, hazard.StatePlanned},
		{"plan with a past deadline", func(tr *hazard.Transition) { tr.Deadline = "2026-06-30" }, hazard.StatePlanned},
		{"plan with a bad measure", func(tr *hazard.Transition) { tr.TemporaryMeasures = []string{"Guard!"} }, hazard.StatePlanned},
		{"plan with evidence", func(tr *hazard.Transition) { tr.Evidence = "x" }, hazard.StatePlanned},
		{"rectify without evidence", func(tr *hazard.Transition) { tr.Evidence = "" }, hazard.StateRectified},
		{"recheck without note", func(tr *hazard.Transition) { tr.Note = "" }, hazard.StateRechecked},
		{"close without note", func(tr *hazard.Transition) { tr.Note = "" }, hazard.StateClosed},
		{"reopen without note", func(tr *hazard.Transition) { tr.Note = "" }, hazard.StateOpen},
		{"close with measures", func(tr *hazard.Transition) { tr.Measures = "x" }, hazard.StateClosed},
		{"nobody", func(tr *hazard.Transition) { tr.Actor = "" }, hazard.StateClosed},
		{"unknown state", func(tr *hazard.Transition) { tr.To = "done" }, hazard.StateClosed},
		{"note too long", func(tr *hazard.Transition) { tr.Note = strings.Repeat("长", 4001) }, hazard.StateClosed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := datatest.Complete(c.to)
			c.edit(&tr)
			_, err := s.Ledger.MoveHazard(context.Background(), id, tr)
			if gasrisk.ErrorCode(err) != gasrisk.EINVALID {
				t.Errorf("err %v, want invalid", err)
			}
		})
	}
	t.Run("no such hazard", func(t *testing.T) {
		_, err := s.Ledger.MoveHazard(context.Background(), 999999, datatest.Complete(hazard.StatePlanned))
		if gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
			t.Errorf("err %v, want not found", err)
		}
	})
	d, _ := s.Ledger.Hazard(context.Background(), id, datatest.Today())
	if d.State != "open" || len(d.History) != 1 {
		t.Errorf("refused moves changed the hazard: %+v", d)
	}
}

func TestHistoryIsAppendOnly(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	h := datatest.FindHazard(t, s, "aged ci-new")
	moveAll(t, s, h.ID, hazard.StateRectified)
	for _, q := range []string{
		`UPDATE hazard_events SET reason = 'rewritten'`,
		`DELETE FROM hazard_events`,
		`TRUNCATE hazard_events CASCADE`,
		`DELETE FROM hazards`,
	} {
		// The service has no such privilege; the owner's triggers refuse.
		if _, err := s.DB.Pool.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s as the service: err %v, want permission denied", q, err)
		}
		if _, err := datatest.Owner(t, s.DB).Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "refused") {
			t.Errorf("%s as the owner: err %v, want refused", q, err)
		}
	}
	d, _ := s.Ledger.Hazard(ctx, h.ID, datatest.Today())
	if len(d.History) != 3 {
		t.Errorf("history %+v", d.History)
	}
}

func TestOverdue(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	h := datatest.FindHazard(t, s, "aged steel-20y-corroded")
	tr := datatest.Complete(hazard.StatePlanned)
	tr.Deadline = "2026-07-10"
	if _, err := s.Ledger.MoveHazard(ctx, h.ID, tr); err != nil {
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
			d, err := s.Ledger.Hazard(ctx, h.ID, day)
			if err != nil || d.Overdue != c.want {
				t.Errorf("overdue %v (err %v), want %v", d.Overdue, err, c.want)
			}
			page, err := s.Ledger.Hazards(ctx, ledger.Filter{Overdue: &yes, Today: day})
			if err != nil || (page.Total == 1) != c.want {
				t.Errorf("overdue filter: %d hazards (err %v)", page.Total, err)
			}
		})
	}
	late, _ := time.Parse(time.DateOnly, "2026-08-01")
	rect := datatest.Complete(hazard.StateRectified)
	rect.Today = late
	if d, err := s.Ledger.MoveHazard(ctx, h.ID, rect); err != nil || d.Overdue {
		t.Errorf("rectified hazard overdue=%v (err %v)", d.Overdue, err)
	}
}
