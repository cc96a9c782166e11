package renewal

import (
	"strings"
	"testing"
	"time"

	"gasrisk"
)

// TestProgress: a job moves planned → designed → under construction →
// done, one step at a time, each step with its facts; out-of-order moves
// are conflicts and missing facts name their field.
func TestProgress(t *testing.T) {
	cost := 1.5e6
	neg := -1.0
	p := Progress{State: StatePlanned}
	steps := []struct {
		name  string
		t     Transition
		code  string
		field string
	}{
		{"skip to done", Transition{To: StateDone, On: "2027-01-01", ActualCostYuan: &cost}, gasrisk.ECONFLICT, "to"},
		{"unknown state", Transition{To: "abandoned", On: "2027-01-01"}, gasrisk.EINVALID, "to"},
		{"designed without a date", Transition{To: StateDesigned}, gasrisk.EINVALID, "on"},
		{"designed", Transition{To: StateDesigned, On: "2027-02-01"}, "", ""},
		{"again designed", Transition{To: StateDesigned, On: "2027-02-02"}, gasrisk.ECONFLICT, "to"},
		{"started without a contractor", Transition{To: StateUnderConstruction, On: "2027-03-01"}, gasrisk.EINVALID, "contractor"},
		{"started before the design", Transition{To: StateUnderConstruction, On: "2027-01-01", Contractor: "X"}, gasrisk.EINVALID, "on"},
		{"started", Transition{To: StateUnderConstruction, On: "2027-03-01", Contractor: "某燃气工程公司"}, "", ""},
		{"done without a cost", Transition{To: StateDone, On: "2027-09-01"}, gasrisk.EINVALID, "actual_cost_yuan"},
		{"done with a negative cost", Transition{To: StateDone, On: "2027-09-01", ActualCostYuan: &neg}, gasrisk.EINVALID, "actual_cost_yuan"},
		{"done", Transition{To: StateDone, On: "2027-09-01", ActualCostYuan: &cost}, "", ""},
		{"after done", Transition{To: StateDone, On: "2027-10-01", ActualCostYuan: &cost}, gasrisk.ECONFLICT, "to"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			q, err := p.Apply(st.t)
			if gasrisk.ErrorCode(err) != st.code && !(st.code == "" && err == nil) {
				t.Fatalf("err %v, want %s", err, st.code)
			}
			if err != nil {
				if !strings.HasPrefix(gasrisk.ErrorMessage(err), st.field) {
					t.Errorf("error %q does not name %s", gasrisk.ErrorMessage(err), st.field)
				}
				return
			}
			if q.State != st.t.To {
				t.Errorf("state %s", q.State)
			}
			p = q
		})
	}
	if p.Contractor != "某燃气工程公司" || *p.ActualCostYuan != cost || p.FinishedOn.Format(time.DateOnly) != "2027-09-01" {
		t.Errorf("progress %+v", p)
	}
}

// TestOverdue: a job not done after its year has ended is overdue.
func TestOverdue(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tt := range []struct {
		state string
		today string
		want  bool
	}{
		{StatePlanned, "2027-12-31", false}, {StatePlanned, "2028-01-01", true},
		{StateUnderConstruction, "2029-05-01", true}, {StateDone, "2030-01-01", false},
	} {
		if got := (Progress{State: tt.state}).Overdue(2027, day(tt.today)); got != tt.want {
			t.Errorf("%s on %s: overdue %v", tt.state, tt.today, got)
		}
	}
}
