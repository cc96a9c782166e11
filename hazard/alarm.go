package hazard

import "gasrisk/riskmodel"

// GasAlarm is the hazard a live detector's gas alarm opens near a pipe
// when no open hazard lies near it (data/sensors): the ledger's record of
// a leak found by monitoring rather than by the analysis.
const GasAlarm = "gas_alarm"

// AlarmGrade is the grade of the hazard a gas alarm of level opens: the
// second (high) set point is a major hazard (red, listed for
// supervision), the first (low) set point a larger one (orange). A
// gasrisk policy, not a standard's (docs/risk-model.md "Live detectors").
func AlarmGrade(level string) riskmodel.Grade {
	if level == riskmodel.LevelHigh {
		return riskmodel.GradeRed
	}
	return riskmodel.GradeOrange
}
