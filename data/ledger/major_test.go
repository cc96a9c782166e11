package ledger_test

import (
	"strings"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// TestMajorHazards: an occupied pipe of medium pressure or higher is a
// major hazard (重大隐患, 建城规〔2023〕4号): red, listed for supervision,
// with the clause recorded; an occupied low-pressure pipe is a serious
// hazard graded by the model, not listed by that rule.
func TestMajorHazards(t *testing.T) {
	s := env.CasesCity(t)
	for _, tc := range []struct {
		key      string
		major    bool
		grade    string
		listed   bool
		describe string
	}{
		{"occupied school B-school", true, "red", true, "重大隐患（" + riskmodel.MajorHazardClause + "）"},
		{"occupied shpb-occ B-shpb-1.0", true, "red", true, "重大隐患"},
		{"occupied main-2km B-main", true, "red", true, "重大隐患"},
		{"occupied lp-0.4 B-lp-0.4", false, "orange", false, ""},
		{"clearance_building lp-0.6 B-lp-0.6", false, "", false, ""},
		{"no_overpressure_protection T-op-false", true, "red", true, "重大隐患（" + hazard.OverpressureClause + "）"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			h := datatest.FindHazard(t, s, tc.key)
			if h.Info.MajorHazard != tc.major || (tc.major && h.Info.Clause == "") {
				t.Errorf("major hazard %v clause %q, want %v", h.Info.MajorHazard, h.Info.Clause, tc.major)
			}
			if tc.grade != "" && h.Grade != tc.grade {
				t.Errorf("grade %s, want %s", h.Grade, tc.grade)
			}
			if h.Listed != tc.listed {
				t.Errorf("listed %v, want %v", h.Listed, tc.listed)
			}
			if tc.describe != "" && !strings.Contains(h.DescriptionZH, tc.describe) {
				t.Errorf("description %q lacks %q", h.DescriptionZH, tc.describe)
			}
		})
	}
}
