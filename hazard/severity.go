package hazard

import "gasrisk/riskmodel"

// Policy is how severe the ledger takes a hazard: the grade of each kind
// of station hazard (the risk model grades pipe segments only) and the
// grade from which a hazard is listed for supervision (重大隐患挂牌督办).
type Policy struct {
	// StationGrades is the grade of each kind of station hazard; other
	// kinds are StationDefault.
	StationGrades  map[string]riskmodel.Grade
	StationDefault riskmodel.Grade
	// ListedGrade: hazards found at this grade are listed for supervision
	// and stay listed.
	ListedGrade riskmodel.Grade
}

// DefaultPolicy: a station without over-pressure protection is red (a
// 重大隐患), a dense-occupancy place in a station's spacing orange, a
// building in it or equipment past its design life yellow; red hazards are
// listed.
func DefaultPolicy() Policy {
	return Policy{
		StationGrades: map[string]riskmodel.Grade{
			StationDense: riskmodel.GradeOrange, StationBuilding: riskmodel.GradeYellow, StationLife: riskmodel.GradeYellow,
			NoOverpressure: riskmodel.GradeRed,
		},
		StationDefault: riskmodel.GradeYellow,
		ListedGrade:    riskmodel.GradeRed,
	}
}

// StationGrade is the grade of a station hazard of kind.
func (p Policy) StationGrade(kind string) riskmodel.Grade {
	if g, ok := p.StationGrades[kind]; ok {
		return g
	}
	return p.StationDefault
}

// Listed reports whether a hazard found at grade g is listed for
// supervision.
func (p Policy) Listed(g riskmodel.Grade) bool { return g == p.ListedGrade }

// OverpressureKinds are the gas plants and stations (厂站) that must have
// an automatic over-pressure cut-off and relief: without it they are a
// major hazard (建城规〔2023〕4号 第五条（二）).
func OverpressureKinds() []string {
	return []string{"city_gate", "storage", "regulator", "regulator_box"}
}

// OverpressureClause is the clause of that major hazard.
const OverpressureClause = "建城规〔2023〕4号 第五条（二）"
