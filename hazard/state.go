package hazard

// State is a hazard's place in the closed loop of the ledger
// (排查—整改—复核—销号).
type State string

// The states of a hazard, in the order of the loop.
const (
	StateOpen      State = "open"      // found, no plan yet (待整改)
	StatePlanned   State = "planned"   // a rectification plan is set (整改中)
	StateRectified State = "rectified" // the work is reported done (已整改)
	StateRechecked State = "rechecked" // the re-check confirmed it (已复核)
	StateClosed    State = "closed"    // struck off the ledger (已销号)
)

// States lists the states in the order of the loop.
func States() []State {
	return []State{StateOpen, StatePlanned, StateRectified, StateRechecked, StateClosed}
}

// Valid reports whether s is one of the five states.
func (s State) Valid() bool {
	for _, x := range States() {
		if x == s {
			return true
		}
	}
	return false
}

// Allowed lists the states a hazard in state s may move to: open →
// planned → rectified → rechecked → closed, and back to open (reopened)
// from rectified (the re-check failed) and from closed.
func (s State) Allowed() []State {
	switch s {
	case StateOpen:
		return []State{StatePlanned}
	case StatePlanned:
		return []State{StateRectified}
	case StateRectified:
		return []State{StateRechecked, StateOpen}
	case StateRechecked:
		return []State{StateClosed}
	case StateClosed:
		return []State{StateOpen}
	}
	return nil
}

// CanMoveTo reports whether the move from s to t is allowed.
func (s State) CanMoveTo(t State) bool {
	for _, x := range s.Allowed() {
		if x == t {
			return true
		}
	}
	return false
}

// Action names the move into state s in the history: plan, rectify,
// recheck, close or reopen.
func (s State) Action() string {
	switch s {
	case StatePlanned:
		return "plan"
	case StateRectified:
		return "rectify"
	case StateRechecked:
		return "recheck"
	case StateClosed:
		return "close"
	case StateOpen:
		return "reopen"
	}
	return ""
}

// CreditsMeasures reports whether the temporary measures of a hazard in
// state s lower the likelihood of its stretch at the next analysis: from
// the plan until the hazard is closed.
func (s State) CreditsMeasures() bool {
	return s == StatePlanned || s == StateRectified || s == StateRechecked
}

// Strings converts states to strings (for JSON and messages).
func Strings(ss []State) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}
