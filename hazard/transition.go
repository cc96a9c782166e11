package hazard

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"gasrisk"
)

// Transition moves a hazard to another state. Every move records who
// (Actor), when and why (Note, or the plan or the evidence) in the
// hazard's history. What a move needs:
//
//   - to planned (一隐患一方案): Measures, ResponsibleUnit,
//     ResponsiblePerson and a Deadline not before today; optionally the
//     TemporaryMeasures in place until the work is done (e.g. "guard",
//     "leak_detector"), which lower the likelihood of the hazard's stretch
//     at the next analysis as the model config's
//     likelihood.temporary_measures say;
//   - to rectified: Evidence (what was done, with document references);
//   - to rechecked, closed, or back to open: a Note.
type Transition struct {
	To                State    `json:"to"`
	Note              string   `json:"note,omitempty"`
	Measures          string   `json:"measures,omitempty"`
	ResponsibleUnit   string   `json:"responsible_unit,omitempty"`
	ResponsiblePerson string   `json:"responsible_person,omitempty"`
	Deadline          string   `json:"deadline,omitempty"` // YYYY-MM-DD
	TemporaryMeasures []string `json:"temporary_measures,omitempty"`
	Evidence          string   `json:"evidence,omitempty"`
	// Actor is who moves it (set by the caller from the login or API key).
	Actor string `json:"-"`
	// Today is the date deadlines are checked against (zero: today).
	Today time.Time `json:"-"`
}

// TransitionError refuses a move the state machine does not allow; it
// carries the moves that are allowed. Its code is gasrisk.ECONFLICT.
type TransitionError struct {
	ID      int64
	Code    string // the hazard's code (YH-000042), named instead of ID when set
	From    State
	To      State
	Allowed []State
}

func (e *TransitionError) Error() string {
	ref := e.Code
	if ref == "" {
		ref = fmt.Sprint(e.ID)
	}
	return fmt.Sprintf("hazard %s is %s and cannot move to %s; allowed: %s", ref, e.From, e.To,
		strings.Join(Strings(e.Allowed), ", "))
}

// Unwrap gives the error its code: a conflict with the hazard's state.
func (e *TransitionError) Unwrap() error { return gasrisk.Errorf(gasrisk.ECONFLICT, "%s", e.Error()) }

// Field limits of a transition.
const (
	maxTextLen     = 4000
	maxNameLen     = 200
	maxTempMeasure = 10
)

var measureToken = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Normalize trims the fields and checks that the move's required fields
// are there, and only those that belong to it.
func (t *Transition) Normalize() error {
	for _, p := range []*string{&t.Note, &t.Measures, &t.ResponsibleUnit, &t.ResponsiblePerson, &t.Deadline, &t.Evidence, &t.Actor} {
		*p = strings.TrimSpace(*p)
	}
	if !t.To.Valid() {
		return gasrisk.Errorf(gasrisk.EINVALID, "unknown target state %q (want %s)", t.To, strings.Join(Strings(States()), ", "))
	}
	if t.Actor == "" {
		return gasrisk.Errorf(gasrisk.EINVALID, "who moves the hazard is missing")
	}
	if err := t.checkLengths(); err != nil {
		return err
	}
	var missing, extra []string
	need := func(name string, set, wanted bool) {
		switch {
		case wanted && !set:
			missing = append(missing, name)
		case !wanted && set:
			extra = append(extra, name)
		}
	}
	plan, rectify := t.To == StatePlanned, t.To == StateRectified
	need("measures", t.Measures != "", plan)
	need("responsible_unit", t.ResponsibleUnit != "", plan)
	need("responsible_person", t.ResponsiblePerson != "", plan)
	need("deadline", t.Deadline != "", plan)
	need("evidence", t.Evidence != "", rectify)
	if !plan && len(t.TemporaryMeasures) > 0 {
		extra = append(extra, "temporary_measures")
	}
	if !plan && !rectify && t.Note == "" {
		missing = append(missing, "note")
	}
	if len(missing) > 0 {
		return &FieldError{To: t.To, Missing: missing}
	}
	if len(extra) > 0 {
		return &FieldError{To: t.To, Extra: extra}
	}
	if plan {
		return t.checkPlan()
	}
	return nil
}

// checkLengths bounds the free-text fields.
func (t *Transition) checkLengths() error {
	fields := []struct {
		name, v string
		max     int
	}{{"note", t.Note, maxTextLen}, {"measures", t.Measures, maxTextLen}, {"evidence", t.Evidence, maxTextLen},
		{"responsible_unit", t.ResponsibleUnit, maxNameLen}, {"responsible_person", t.ResponsiblePerson, maxNameLen},
		{"actor", t.Actor, maxNameLen}}
	for _, f := range fields {
		if n := utf8.RuneCountInString(f.v); n > f.max {
			return &FieldError{To: t.To, Field: f.name, Problem: fmt.Sprintf("is %d characters long (at most %d)", n, f.max)}
		}
	}
	return nil
}

// checkPlan checks the deadline and the temporary measures.
func (t *Transition) checkPlan() error {
	d, err := time.Parse(time.DateOnly, t.Deadline)
	if err != nil {
		return &FieldError{To: t.To, Field: "deadline", Problem: fmt.Sprintf("%q: want YYYY-MM-DD", t.Deadline)}
	}
	if today := DateOf(t.Today); d.Format(time.DateOnly) < today {
		return &FieldError{To: t.To, Field: "deadline", Problem: fmt.Sprintf("%s is in the past (today is %s)", t.Deadline, today)}
	}
	if len(t.TemporaryMeasures) > maxTempMeasure {
		return gasrisk.Errorf(gasrisk.EINVALID, "at most %d temporary measures", maxTempMeasure)
	}
	seen := map[string]bool{}
	var ms []string
	for _, m := range t.TemporaryMeasures {
		m = strings.TrimSpace(m)
		if !measureToken.MatchString(m) {
			return gasrisk.Errorf(gasrisk.EINVALID, "temporary measure %q: want a lower-case code such as guard or leak_detector", m)
		}
		if !seen[m] {
			seen[m] = true
			ms = append(ms, m)
		}
	}
	t.TemporaryMeasures = ms
	return nil
}

// Reason is the why of the move for the history.
func (t *Transition) Reason() string {
	switch {
	case t.Note != "":
		return t.Note
	case t.To == StatePlanned:
		return "plan: " + t.Measures
	}
	return "evidence: " + t.Evidence
}
