package data

// HazardState is a hazard's place in the closed loop of the ledger
// (排查—整改—复核—销号).
type HazardState string

// The states of a hazard, in the order of the loop.
const (
	StateOpen      HazardState = "open"      // found, no plan yet (待整改)
	StatePlanned   HazardState = "planned"   // a rectification plan is set (整改中)
	StateRectified HazardState = "rectified" // the work is reported done (已整改)
	StateRechecked HazardState = "rechecked" // the re-check confirmed it (已复核)
	StateClosed    HazardState = "closed"    // struck off the ledger (已销号)
)

// HazardStates lists the states in the order of the loop.
func HazardStates() []HazardState {
	return []HazardState{StateOpen, StatePlanned, StateRectified, StateRechecked, StateClosed}
}

// Valid reports whether s is one of the five states.
func (s HazardState) Valid() bool {
	for _, x := range HazardStates() {
		if x == s {
			return true
		}
	}
	return false
}

// Allowed lists the states a hazard in state s may move to: open →
// planned → rectified → rechecked → closed, and back to open (reopened)
// from rectified (the re-check failed) and from closed.
func (s HazardState) Allowed() []HazardState {
	switch s {
	case StateOpen:
		return []HazardState{StatePlanned}
	case StatePlanned:
		return []HazardState{StateRectified}
	case StateRectified:
		return []HazardState{StateRechecked, StateOpen}
	case StateRechecked:
		return []HazardState{StateClosed}
	case StateClosed:
		return []HazardState{StateOpen}
	}
	return nil
}

// CanMoveTo reports whether the move from s to t is allowed.
func (s HazardState) CanMoveTo(t HazardState) bool {
	for _, x := range s.Allowed() {
		if x == t {
			return true
		}
	}
	return false
}

// Action names the move into state s in the history: plan, rectify,
// recheck, close or reopen.
func (s HazardState) Action() string {
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
func (s HazardState) CreditsMeasures() bool {
	return s == StatePlanned || s == StateRectified || s == StateRechecked
}

// creditedStates is CreditsMeasures as a SQL list.
const creditedStates = `('planned', 'rectified', 'rechecked')`

// stateStrings converts states to strings (for JSON and messages).
func stateStrings(ss []HazardState) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}
