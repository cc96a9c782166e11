package hazard

import (
	"slices"
	"testing"
)

// loop is the closed loop of the ledger as state.go documents it, written
// out by hand rather than read from Allowed: open → planned → rectified →
// rechecked → closed, and back to open (reopen) from rectified (the
// re-check failed) and from closed (found again).
var loop = map[State]map[State]bool{
	StateOpen:      {StatePlanned: true},
	StatePlanned:   {StateRectified: true},
	StateRectified: {StateRechecked: true, StateOpen: true},
	StateRechecked: {StateClosed: true},
	StateClosed:    {StateOpen: true},
}

func TestStates(t *testing.T) {
	want := []State{"open", "planned", "rectified", "rechecked", "closed"}
	if got := States(); !slices.Equal(got, want) {
		t.Errorf("States() = %v, want %v", got, want)
	}
}

func TestStateCanMoveTo(t *testing.T) {
	for _, tc := range []struct {
		from, to State
		allowed  bool
	}{
		{StateOpen, StateOpen, false},
		{StateOpen, StatePlanned, true},
		{StateOpen, StateRectified, false},
		{StateOpen, StateRechecked, false},
		{StateOpen, StateClosed, false},

		{StatePlanned, StateOpen, false},
		{StatePlanned, StatePlanned, false},
		{StatePlanned, StateRectified, true},
		{StatePlanned, StateRechecked, false},
		{StatePlanned, StateClosed, false},

		{StateRectified, StateOpen, true},
		{StateRectified, StatePlanned, false},
		{StateRectified, StateRectified, false},
		{StateRectified, StateRechecked, true},
		{StateRectified, StateClosed, false},

		{StateRechecked, StateOpen, false},
		{StateRechecked, StatePlanned, false},
		{StateRechecked, StateRectified, false},
		{StateRechecked, StateRechecked, false},
		{StateRechecked, StateClosed, true},

		{StateClosed, StateOpen, true},
		{StateClosed, StatePlanned, false},
		{StateClosed, StateRectified, false},
		{StateClosed, StateRechecked, false},
		{StateClosed, StateClosed, false},
	} {
		t.Run(string(tc.from)+"_to_"+string(tc.to), func(t *testing.T) {
			if got := tc.from.CanMoveTo(tc.to); got != tc.allowed {
				t.Errorf("%s.CanMoveTo(%s) = %v, want %v", tc.from, tc.to, got, tc.allowed)
			}
			if got := slices.Contains(tc.from.Allowed(), tc.to); got != tc.allowed {
				t.Errorf("%s.Allowed() = %v; contains %s = %v, want %v", tc.from, tc.from.Allowed(), tc.to, got, tc.allowed)
			}
			// The table above and the loop diagram must say the same.
			if loop[tc.from][tc.to] != tc.allowed {
				t.Errorf("table and loop disagree on %s → %s", tc.from, tc.to)
			}
		})
	}
}

// TestStateAllowed checks that Allowed lists exactly the moves of the
// loop, each once, and only valid states.
func TestStateAllowed(t *testing.T) {
	for _, from := range States() {
		t.Run(string(from), func(t *testing.T) {
			got := from.Allowed()
			if len(got) != len(loop[from]) {
				t.Errorf("%s.Allowed() = %v, want %d states", from, got, len(loop[from]))
			}
			seen := map[State]bool{}
			for _, to := range got {
				if !to.Valid() {
					t.Errorf("%s.Allowed() has invalid state %q", from, to)
				}
				if seen[to] {
					t.Errorf("%s.Allowed() lists %s twice", from, to)
				}
				seen[to] = true
				if !loop[from][to] {
					t.Errorf("%s.Allowed() has %s, which the loop does not allow", from, to)
				}
			}
		})
	}
}

func TestStateValid(t *testing.T) {
	for _, tc := range []struct {
		name  string
		s     State
		valid bool
	}{
		{"open", StateOpen, true},
		{"planned", StatePlanned, true},
		{"rectified", StateRectified, true},
		{"rechecked", StateRechecked, true},
		{"closed", StateClosed, true},
		{"empty", "", false},
		{"upper_case", "OPEN", false},
		{"title_case", "Closed", false},
		{"leading_space", " open", false},
		{"trailing_space", "open ", false},
		{"action_not_state", "reopen", false},
		{"action_plan", "plan", false},
		{"chinese_name", "待整改", false},
		{"british_spelling", "re-checked", false},
		{"unknown", "archived", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Valid(); got != tc.valid {
				t.Errorf("State(%q).Valid() = %v, want %v", tc.s, got, tc.valid)
			}
		})
	}
}

// TestUnknownStateMoves: an unknown state may move nowhere, and nothing
// may move to an unknown state.
func TestUnknownStateMoves(t *testing.T) {
	for _, u := range []State{"", "OPEN", "reopen", "archived"} {
		t.Run("from_"+string(u), func(t *testing.T) {
			if got := u.Allowed(); len(got) != 0 {
				t.Errorf("State(%q).Allowed() = %v, want none", u, got)
			}
			for _, to := range append(States(), u) {
				if u.CanMoveTo(to) {
					t.Errorf("State(%q).CanMoveTo(%s) = true", u, to)
				}
			}
		})
		t.Run("to_"+string(u), func(t *testing.T) {
			for _, from := range States() {
				if from.CanMoveTo(u) {
					t.Errorf("%s.CanMoveTo(%q) = true", from, u)
				}
			}
		})
	}
}

func TestStateAction(t *testing.T) {
	for _, tc := range []struct {
		name   string
		s      State
		action string
	}{
		{"into_planned", StatePlanned, "plan"},
		{"into_rectified", StateRectified, "rectify"},
		{"into_rechecked", StateRechecked, "recheck"},
		{"into_closed", StateClosed, "close"},
		{"into_open", StateOpen, "reopen"},
		{"into_empty", "", ""},
		{"into_unknown", "archived", ""},
		{"into_upper_case", "CLOSED", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Action(); got != tc.action {
				t.Errorf("State(%q).Action() = %q, want %q", tc.s, got, tc.action)
			}
		})
	}
}

func TestStateCreditsMeasures(t *testing.T) {
	for _, tc := range []struct {
		name    string
		s       State
		credits bool
	}{
		{"open_no_plan_yet", StateOpen, false},
		{"planned", StatePlanned, true},
		{"rectified", StateRectified, true},
		{"rechecked", StateRechecked, true},
		{"closed_struck_off", StateClosed, false},
		{"empty", "", false},
		{"unknown", "archived", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.CreditsMeasures(); got != tc.credits {
				t.Errorf("State(%q).CreditsMeasures() = %v, want %v", tc.s, got, tc.credits)
			}
		})
	}
}

func TestStrings(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []State
		want []string
	}{
		{"nil", nil, []string{}},
		{"empty", []State{}, []string{}},
		{"one", []State{StateOpen}, []string{"open"}},
		{"order_kept", []State{StateRechecked, StateOpen}, []string{"rechecked", "open"}},
		{"all", States(), []string{"open", "planned", "rectified", "rechecked", "closed"}},
		{"unknown_kept", []State{"x", ""}, []string{"x", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Strings(tc.in)
			if got == nil {
				t.Fatalf("Strings(%v) = nil, want a non-nil slice (JSON [])", tc.in)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Strings(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
