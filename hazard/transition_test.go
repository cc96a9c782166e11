package hazard

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gasrisk"
)

// today is the date every deadline below is checked against.
var today = time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)

// validMove returns a transition to state to with exactly the fields the
// move needs, untrimmed where trimming must not matter.
func validMove(to State) Transition {
	t := Transition{To: to, Actor: "alice", Today: today}
	switch to {
	case StatePlanned:
		t.Measures = "fence off the stretch and re-route the pipe"
		t.ResponsibleUnit = "Network Dept."
		t.ResponsiblePerson = "Li Wei"
		t.Deadline = "2025-04-30"
	case StateRectified:
		t.Evidence = "re-routed, see work order WO-17"
	default:
		t.Note = "checked on site"
	}
	return t
}

// with returns validMove(to) changed by f.
func with(to State, f func(*Transition)) Transition {
	t := validMove(to)
	f(&t)
	return t
}

// checkNormalize runs Normalize and checks its error: "" for none, else a
// text its message must contain; every failure is EINVALID.
func checkNormalize(t *testing.T, tr *Transition, wantErr string) {
	t.Helper()
	err := tr.Normalize()
	switch {
	case wantErr == "" && err != nil:
		t.Fatalf("Normalize() = %v, want no error", err)
	case wantErr == "":
		return
	case err == nil:
		t.Fatalf("Normalize() = nil, want an error containing %q", wantErr)
	}
	if code := gasrisk.ErrorCode(err); code != gasrisk.EINVALID {
		t.Errorf("ErrorCode(%v) = %q, want %q", err, code, gasrisk.EINVALID)
	}
	if !strings.Contains(err.Error(), wantErr) {
		t.Errorf("Normalize() = %q, want it to contain %q", err, wantErr)
	}
	if msg := gasrisk.ErrorMessage(err); msg != err.Error() {
		t.Errorf("ErrorMessage = %q, want the whole message %q (it is safe to show)", msg, err.Error())
	}
}

func TestNormalizeFields(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tr      Transition
		wantErr string
	}{
		// Each move with what it needs.
		{"planned_complete", validMove(StatePlanned), ""},
		{"planned_with_optional_note", with(StatePlanned, func(t *Transition) { t.Note = "urgent" }), ""},
		{"planned_with_temporary_measures", with(StatePlanned, func(t *Transition) { t.TemporaryMeasures = []string{"guard"} }), ""},
		{"rectified_complete", validMove(StateRectified), ""},
		{"rectified_with_optional_note", with(StateRectified, func(t *Transition) { t.Note = "done early" }), ""},
		{"rechecked_complete", validMove(StateRechecked), ""},
		{"closed_complete", validMove(StateClosed), ""},
		{"open_reopen_complete", validMove(StateOpen), ""},

		// planned: each required field missing.
		{"planned_missing_measures", with(StatePlanned, func(t *Transition) { t.Measures = "" }), "moving to planned needs measures"},
		{"planned_missing_responsible_unit", with(StatePlanned, func(t *Transition) { t.ResponsibleUnit = "" }), "needs responsible_unit"},
		{"planned_missing_responsible_person", with(StatePlanned, func(t *Transition) { t.ResponsiblePerson = "" }), "needs responsible_person"},
		{"planned_missing_deadline", with(StatePlanned, func(t *Transition) { t.Deadline = "" }), "needs deadline"},
		{"planned_missing_all", Transition{To: StatePlanned, Actor: "alice", Today: today},
			"needs measures, responsible_unit, responsible_person, deadline"},
		{"planned_blank_measures_is_missing", with(StatePlanned, func(t *Transition) { t.Measures = " \t\n " }), "needs measures"},
		{"planned_blank_person_is_missing", with(StatePlanned, func(t *Transition) { t.ResponsiblePerson = "\u3000" }), "needs responsible_person"},

		// planned: fields of other moves.
		{"planned_with_evidence", with(StatePlanned, func(t *Transition) { t.Evidence = "photos" }), "evidence do(es) not belong to a move to planned"},

		// rectified.
		{"rectified_missing_evidence", with(StateRectified, func(t *Transition) { t.Evidence = "" }), "moving to rectified needs evidence"},
		{"rectified_blank_evidence", with(StateRectified, func(t *Transition) { t.Evidence = "   " }), "needs evidence"},
		{"rectified_with_measures", with(StateRectified, func(t *Transition) { t.Measures = "fence" }), "measures do(es) not belong to a move to rectified"},
		{"rectified_with_deadline", with(StateRectified, func(t *Transition) { t.Deadline = "2025-04-30" }), "deadline do(es) not belong"},
		{"rectified_with_responsible_unit", with(StateRectified, func(t *Transition) { t.ResponsibleUnit = "X" }), "responsible_unit do(es) not belong"},
		{"rectified_with_responsible_person", with(StateRectified, func(t *Transition) { t.ResponsiblePerson = "X" }), "responsible_person do(es) not belong"},
		{"rectified_with_temporary_measures", with(StateRectified, func(t *Transition) { t.TemporaryMeasures = []string{"guard"} }),
			"temporary_measures do(es) not belong to a move to rectified"},

		// rechecked, closed, open: a note, nothing else.
		{"rechecked_missing_note", with(StateRechecked, func(t *Transition) { t.Note = "" }), "moving to rechecked needs note"},
		{"rechecked_blank_note", with(StateRechecked, func(t *Transition) { t.Note = " \n" }), "moving to rechecked needs note"},
		{"closed_missing_note", with(StateClosed, func(t *Transition) { t.Note = "" }), "moving to closed needs note"},
		{"open_missing_note", with(StateOpen, func(t *Transition) { t.Note = "" }), "moving to open needs note"},
		{"rechecked_with_evidence", with(StateRechecked, func(t *Transition) { t.Evidence = "photos" }), "evidence do(es) not belong to a move to rechecked"},
		{"closed_with_evidence", with(StateClosed, func(t *Transition) { t.Evidence = "photos" }), "evidence do(es) not belong to a move to closed"},
		{"closed_with_deadline", with(StateClosed, func(t *Transition) { t.Deadline = "2025-04-30" }), "deadline do(es) not belong to a move to closed"},
		{"open_with_responsible_unit", with(StateOpen, func(t *Transition) { t.ResponsibleUnit = "X" }), "responsible_unit do(es) not belong to a move to open"},
		{"open_with_measures", with(StateOpen, func(t *Transition) { t.Measures = "fence" }), "measures do(es) not belong to a move to open"},
		{"rechecked_with_temporary_measures", with(StateRechecked, func(t *Transition) { t.TemporaryMeasures = []string{"guard"} }),
			"temporary_measures do(es) not belong"},
		{"closed_with_empty_temporary_measure", with(StateClosed, func(t *Transition) { t.TemporaryMeasures = []string{""} }),
			"temporary_measures do(es) not belong"},
		{"closed_with_empty_temporary_list", with(StateClosed, func(t *Transition) { t.TemporaryMeasures = []string{} }), ""},
		{"rechecked_with_all_plan_fields", with(StateRechecked, func(t *Transition) {
			p := validMove(StatePlanned)
			t.Measures, t.ResponsibleUnit, t.ResponsiblePerson, t.Deadline = p.Measures, p.ResponsibleUnit, p.ResponsiblePerson, p.Deadline
		}), "measures, responsible_unit, responsible_person, deadline do(es) not belong"},
		// Missing fields are reported before misplaced ones.
		{"missing_before_extra", with(StateClosed, func(t *Transition) { t.Note, t.Evidence = "", "photos" }), "moving to closed needs note"},

		// Target state.
		{"unknown_target", with(StateOpen, func(t *Transition) { t.To = "archived" }), `unknown target state "archived"`},
		{"empty_target", with(StateOpen, func(t *Transition) { t.To = "" }), `unknown target state ""`},
		{"upper_case_target", with(StateOpen, func(t *Transition) { t.To = "CLOSED" }), "unknown target state"},
		{"action_as_target", with(StateOpen, func(t *Transition) { t.To = "reopen" }), "want open, planned, rectified, rechecked, closed"},
		{"target_with_space", with(StateOpen, func(t *Transition) { t.To = " closed" }), "unknown target state"},
		// The target is checked before anything else.
		{"unknown_target_before_actor", Transition{To: "x"}, "unknown target state"},

		// Actor.
		{"missing_actor", with(StateClosed, func(t *Transition) { t.Actor = "" }), "who moves the hazard is missing"},
		{"blank_actor", with(StatePlanned, func(t *Transition) { t.Actor = " \t " }), "who moves the hazard is missing"},
		{"actor_before_fields", Transition{To: StatePlanned}, "who moves the hazard is missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkNormalize(t, &tc.tr, tc.wantErr)
		})
	}
}

func TestNormalizeTrims(t *testing.T) {
	tr := Transition{
		To:                StatePlanned,
		Note:              "  urgent\n",
		Measures:          "\tfence ",
		ResponsibleUnit:   " Network Dept. ",
		ResponsiblePerson: "\u3000李伟\u3000", // ideographic spaces
		Deadline:          " 2025-03-10 ",
		TemporaryMeasures: []string{" guard ", "leak_detector\t"},
		Actor:             "  alice ",
		Today:             today,
	}
	checkNormalize(t, &tr, "")
	for _, tc := range []struct{ name, got, want string }{
		{"note", tr.Note, "urgent"},
		{"measures", tr.Measures, "fence"},
		{"responsible_unit", tr.ResponsibleUnit, "Network Dept."},
		{"responsible_person", tr.ResponsiblePerson, "李伟"},
		{"deadline", tr.Deadline, "2025-03-10"},
		{"actor", tr.Actor, "alice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
			}
		})
	}
	t.Run("temporary_measures", func(t *testing.T) {
		if want := []string{"guard", "leak_detector"}; !slices.Equal(tr.TemporaryMeasures, want) {
			t.Errorf("TemporaryMeasures = %q, want %q", tr.TemporaryMeasures, want)
		}
	})
	t.Run("evidence", func(t *testing.T) {
		tr := with(StateRectified, func(t *Transition) { t.Evidence = "\n WO-17 \n" })
		checkNormalize(t, &tr, "")
		if tr.Evidence != "WO-17" {
			t.Errorf("Evidence = %q, want %q", tr.Evidence, "WO-17")
		}
	})
}

func TestNormalizeLengths(t *testing.T) {
	type field struct {
		name string
		to   State
		set  func(*Transition, string)
		max  int
	}
	fields := []field{
		{"note", StateClosed, func(t *Transition, s string) { t.Note = s }, 4000},
		{"note", StatePlanned, func(t *Transition, s string) { t.Note = s }, 4000},
		{"note", StateRectified, func(t *Transition, s string) { t.Note = s }, 4000},
		{"measures", StatePlanned, func(t *Transition, s string) { t.Measures = s }, 4000},
		{"evidence", StateRectified, func(t *Transition, s string) { t.Evidence = s }, 4000},
		{"responsible_unit", StatePlanned, func(t *Transition, s string) { t.ResponsibleUnit = s }, 200},
		{"responsible_person", StatePlanned, func(t *Transition, s string) { t.ResponsiblePerson = s }, 200},
		{"actor", StateOpen, func(t *Transition, s string) { t.Actor = s }, 200},
	}
	for _, f := range fields {
		for _, tc := range []struct {
			name    string
			value   string
			wantErr string
		}{
			{"one_under", strings.Repeat("a", f.max-1), ""},
			{"at_limit_ascii", strings.Repeat("a", f.max), ""},
			// The limit counts characters, not bytes: 3 bytes each.
			{"at_limit_chinese", strings.Repeat("字", f.max), ""},
			// Spaces around are trimmed before the count.
			{"at_limit_with_spaces_around", "  " + strings.Repeat("a", f.max) + "\n", ""},
			{"one_over_ascii", strings.Repeat("a", f.max+1), fmt.Sprintf("%s is %d characters long (at most %d)", f.name, f.max+1, f.max)},
			{"one_over_chinese", strings.Repeat("字", f.max+1), fmt.Sprintf("%s is %d characters long", f.name, f.max+1)},
			{"far_over", strings.Repeat("a", 10*f.max), fmt.Sprintf("%s is %d characters long", f.name, 10*f.max)},
		} {
			t.Run(fmt.Sprintf("%s_to_%s/%s", f.name, f.to, tc.name), func(t *testing.T) {
				tr := validMove(f.to)
				f.set(&tr, tc.value)
				checkNormalize(t, &tr, tc.wantErr)
			})
		}
	}
	// Lengths are checked before the fields of the move, so an overlong
	// field is refused as overlong even where it does not belong.
	t.Run("overlong_misplaced_field", func(t *testing.T) {
		tr := with(StateClosed, func(t *Transition) { t.Evidence = strings.Repeat("a", 4001) })
		checkNormalize(t, &tr, "evidence is 4001 characters long")
	})
}

func TestNormalizeDeadline(t *testing.T) {
	for _, tc := range []struct {
		name     string
		today    time.Time
		deadline string
		wantErr  string
	}{
		{"today", today, "2025-03-10", ""},
		{"tomorrow", today, "2025-03-11", ""},
		{"next_year", today, "2026-01-01", ""},
		{"yesterday", today, "2025-03-09", "deadline 2025-03-09 is in the past (today is 2025-03-10)"},
		{"last_year", today, "2024-12-31", "is in the past"},
		{"today_at_midnight", time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), "2025-03-10", ""},
		{"today_just_before_midnight", time.Date(2025, 3, 10, 23, 59, 59, 0, time.UTC), "2025-03-10", ""},
		// Today's date is taken in Today's own time zone.
		{"today_in_beijing", time.Date(2025, 3, 11, 1, 0, 0, 0, time.FixedZone("CST", 8*3600)), "2025-03-11", ""},
		{"yesterday_in_beijing", time.Date(2025, 3, 11, 1, 0, 0, 0, time.FixedZone("CST", 8*3600)), "2025-03-10", "is in the past (today is 2025-03-11)"},
		// A zero Today is the real today.
		{"zero_today_far_future", time.Time{}, "9999-12-31", ""},
		{"zero_today_past", time.Time{}, "2000-01-01", "is in the past"},
		{"slashes", today, "2025/04/30", `deadline "2025/04/30": want YYYY-MM-DD`},
		{"no_leading_zeros", today, "2025-4-30", "want YYYY-MM-DD"},
		{"day_first", today, "30-04-2025", "want YYYY-MM-DD"},
		{"no_such_day", today, "2025-02-30", "want YYYY-MM-DD"},
		{"month_13", today, "2025-13-01", "want YYYY-MM-DD"},
		{"with_time", today, "2025-04-30T00:00:00Z", "want YYYY-MM-DD"},
		{"compact", today, "20250430", "want YYYY-MM-DD"},
		{"words", today, "next week", "want YYYY-MM-DD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := with(StatePlanned, func(t *Transition) { t.Deadline, t.Today = tc.deadline, tc.today })
			checkNormalize(t, &tr, tc.wantErr)
		})
	}
}

func TestNormalizeTemporaryMeasures(t *testing.T) {
	ten := make([]string, 10)
	for i := range ten {
		ten[i] = fmt.Sprintf("m%d", i)
	}
	eleven := append(slices.Clone(ten), "m10")
	for _, tc := range []struct {
		name    string
		in      []string
		want    []string
		wantErr string
	}{
		{"none", nil, nil, ""},
		{"empty_list", []string{}, nil, ""},
		{"one", []string{"guard"}, []string{"guard"}, ""},
		{"documented_codes", []string{"guard", "leak_detector", "patrol", "warning_sign"},
			[]string{"guard", "leak_detector", "patrol", "warning_sign"}, ""},
		{"single_letter", []string{"a"}, []string{"a"}, ""},
		{"digits_after_first", []string{"patrol2x"}, []string{"patrol2x"}, ""},
		{"token_40_chars", []string{"a" + strings.Repeat("b", 39)}, []string{"a" + strings.Repeat("b", 39)}, ""},
		{"token_41_chars", []string{"a" + strings.Repeat("b", 40)}, nil, "temporary measure \"a" + strings.Repeat("b", 40) + "\": want a lower-case code"},
		{"trimmed", []string{" guard\t"}, []string{"guard"}, ""},
		{"order_kept", []string{"patrol", "guard"}, []string{"patrol", "guard"}, ""},
		{"duplicates_dropped", []string{"guard", "patrol", "guard"}, []string{"guard", "patrol"}, ""},
		{"duplicates_after_trim", []string{"guard", " guard", "guard "}, []string{"guard"}, ""},
		{"upper_case", []string{"Guard"}, nil, `temporary measure "Guard"`},
		{"leading_digit", []string{"1guard"}, nil, `temporary measure "1guard"`},
		{"leading_underscore", []string{"_guard"}, nil, `temporary measure "_guard"`},
		{"hyphen", []string{"leak-detector"}, nil, `temporary measure "leak-detector"`},
		{"inner_space", []string{"leak detector"}, nil, `temporary measure "leak detector"`},
		{"empty_code", []string{""}, nil, `temporary measure ""`},
		{"blank_code", []string{"  "}, nil, `temporary measure ""`},
		{"chinese", []string{"专人盯守"}, nil, "want a lower-case code such as guard or leak_detector"},
		{"bad_after_good", []string{"guard", "Patrol"}, nil, `temporary measure "Patrol"`},
		{"max_10", ten, ten, ""},
		{"11_over_max", eleven, nil, "at most 10 temporary measures"},
		// The count is of the list as sent, before duplicates are dropped.
		{"11_with_duplicates", slices.Repeat([]string{"guard"}, 11), nil, "at most 10 temporary measures"},
		{"10_with_duplicates", slices.Repeat([]string{"guard"}, 10), []string{"guard"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := with(StatePlanned, func(t *Transition) { t.TemporaryMeasures = slices.Clone(tc.in) })
			checkNormalize(t, &tr, tc.wantErr)
			if tc.wantErr == "" && !slices.Equal(tr.TemporaryMeasures, tc.want) {
				t.Errorf("TemporaryMeasures = %q, want %q", tr.TemporaryMeasures, tc.want)
			}
		})
	}
}

func TestTransitionReason(t *testing.T) {
	for _, tc := range []struct {
		name string
		tr   Transition
		want string
	}{
		{"plan_without_note", validMove(StatePlanned), "plan: fence off the stretch and re-route the pipe"},
		{"plan_with_note", with(StatePlanned, func(t *Transition) { t.Note = "urgent" }), "urgent"},
		{"rectify_without_note", validMove(StateRectified), "evidence: re-routed, see work order WO-17"},
		{"rectify_with_note", with(StateRectified, func(t *Transition) { t.Note = "done early" }), "done early"},
		{"recheck", validMove(StateRechecked), "checked on site"},
		{"close", with(StateClosed, func(t *Transition) { t.Note = "struck off" }), "struck off"},
		{"reopen", with(StateOpen, func(t *Transition) { t.Note = "found again" }), "found again"},
		{"trimmed_note", with(StateClosed, func(t *Transition) { t.Note = "  struck off \n" }), "struck off"},
		{"trimmed_plan", with(StatePlanned, func(t *Transition) { t.Measures = " fence " }), "plan: fence"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkNormalize(t, &tc.tr, "")
			if got := tc.tr.Reason(); got != tc.want {
				t.Errorf("Reason() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTransitionError(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  *TransitionError
		want string
	}{
		{"closed_to_planned", &TransitionError{ID: 42, From: StateClosed, To: StatePlanned, Allowed: StateClosed.Allowed()},
			"hazard 42 is closed and cannot move to planned; allowed: open"},
		{"rectified_to_closed", &TransitionError{ID: 7, From: StateRectified, To: StateClosed, Allowed: StateRectified.Allowed()},
			"hazard 7 is rectified and cannot move to closed; allowed: rechecked, open"},
		{"open_to_open", &TransitionError{ID: 1, From: StateOpen, To: StateOpen, Allowed: StateOpen.Allowed()},
			"hazard 1 is open and cannot move to open; allowed: planned"},
		{"none_allowed", &TransitionError{ID: 3, From: "archived", To: StateOpen},
			"hazard 3 is archived and cannot move to open; allowed: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
			for _, w := range []struct {
				name string
				err  error
			}{
				{"bare", tc.err},
				{"fmt_wrapped", fmt.Errorf("moving: %w", tc.err)},
				{"gasrisk_wrapped", gasrisk.Wrap("ledger.Move", tc.err)},
			} {
				t.Run(w.name, func(t *testing.T) {
					if code := gasrisk.ErrorCode(w.err); code != gasrisk.ECONFLICT {
						t.Errorf("ErrorCode = %q, want %q", code, gasrisk.ECONFLICT)
					}
					if msg := gasrisk.ErrorMessage(w.err); msg != tc.want {
						t.Errorf("ErrorMessage = %q, want %q", msg, tc.want)
					}
					var ge *gasrisk.Error
					if !errors.As(w.err, &ge) {
						t.Fatal("errors.As(*gasrisk.Error) = false")
					}
					// gasrisk.Wrap's own *Error comes first in its chain.
					if gasrisk.ErrorCode(ge) != gasrisk.ECONFLICT {
						t.Errorf("errors.As found %#v, code %q", ge, gasrisk.ErrorCode(ge))
					}
					var te *TransitionError
					if !errors.As(w.err, &te) || te != tc.err {
						t.Errorf("errors.As(*TransitionError) = %v, want the original error", te)
					}
				})
			}
		})
	}
	t.Run("unwrap_code_and_message", func(t *testing.T) {
		te := &TransitionError{ID: 9, From: StateOpen, To: StateClosed, Allowed: []State{StatePlanned}}
		var ge *gasrisk.Error
		if !errors.As(te.Unwrap(), &ge) {
			t.Fatalf("Unwrap() = %#v, want a *gasrisk.Error", te.Unwrap())
		}
		if ge.Code != gasrisk.ECONFLICT || ge.Message != te.Error() {
			t.Errorf("Unwrap() = {Code %q, Message %q}, want {%q, %q}", ge.Code, ge.Message, gasrisk.ECONFLICT, te.Error())
		}
	})
}
