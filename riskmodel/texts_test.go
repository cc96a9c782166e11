package riskmodel

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// textCases are the golden cases, worst(), garbage facts and a grid that
// makes every factor and floor appear: materials × classes × ages, each
// plain, occupied (by a dense use or not) and with every other finding.
func textCases() []Facts {
	var cases []Facts
	for _, f := range goldenCases() {
		cases = append(cases, f)
	}
	cases = append(cases, worst(), Facts{Material: "??", PressureClass: "XX", DiameterMM: -1, InstallYear: 3000,
		Receptors: []ReceptorCount{{"castle", 2, 3}}, TemporaryMeasures: []string{"prayer"}, ClearanceKinds: []string{"gas"}})
	outage := plain()
	outage.OutageCustomers, outage.OutageCritical = 120, 2
	outage.SewerCrossings, outage.SewerReachReceptors, outage.SewerReachPlaces, outage.SewerReachDetectors = 1, 3, 1, 1
	cases = append(cases, outage)
	for _, m := range append(Materials(), "asbestos") {
		for _, cl := range append(PressureClasses(), "") {
			for _, year := range []int{0, 1930, 1990, 2003, 2024} {
				f := plain()
				f.Material, f.PressureClass, f.InstallYear = m, cl, year
				occupied := f
				occupied.Occupied, occupied.OccupiedUses = true, []string{UseResidential}
				dense := occupied
				dense.OccupiedUses = []string{UseHospital, UseOther}
				busy := worst()
				busy.Material, busy.PressureClass, busy.InstallYear = m, cl, year
				busy.TemporaryMeasures = []string{"guard", "patrol", "warning_sign", "leak_detector", "sandbags"}
				busy.Receptors = append(busy.Receptors, ReceptorCount{UseNursingHome, 1, 2}, ReceptorCount{UseMall, 2, 0},
					ReceptorCount{UseMarket, 1, 1}, ReceptorCount{UseCommercial, 3, 9}, ReceptorCount{UseSchool, 1, 4},
					ReceptorCount{UseOther, 4, 4})
				cases = append(cases, f, occupied, dense, busy)
			}
		}
	}
	return cases
}

// hasCJK reports whether s holds a Chinese character.
func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestTextsInBothLanguages: every factor the model writes has an English
// and a Chinese label, a unit fitting its side, and — wherever it has a
// detail — a Chinese detail with Chinese characters in it; every floor
// cites its basis; every grade rule reads in both languages. The golden
// cases (testdata) are among the cases.
func TestTextsInBothLanguages(t *testing.T) {
	c := DefaultConfig()
	seen := map[string]bool{}
	for i, f := range textCases() {
		a := Assess(c, f)
		for _, x := range a.Factors {
			seen[x.Code] = true
			if x.Label == "" || x.Label == x.Code || !hasCJK(x.LabelZH) {
				t.Errorf("case %d: factor %s labels %q / %q", i, x.Code, x.Label, x.LabelZH)
			}
			if x.Detail == "" || !hasCJK(x.DetailZH) || hasCJK(x.Detail) {
				t.Errorf("case %d: factor %s details %q / %q", i, x.Code, x.Detail, x.DetailZH)
			}
			if u, uzh := factorUnit(x.Code, x.Side); x.Unit != u || x.UnitZH != uzh || (x.Side != SidePolicy) != (x.Unit != "") {
				t.Errorf("case %d: factor %s (%s) unit %q / %q", i, x.Code, x.Side, x.Unit, x.UnitZH)
			}
			if x.Side == SidePolicy {
				if _, ok := c.Floors.basis(x.Code); !ok {
					t.Errorf("floor %s cites no basis (Floors.basis)", x.Code)
				}
			}
		}
		r := a.Rule
		if r.Text == "" || r.Basis == "" || r.Band == "" || !hasCJK(r.TextZH) || !hasCJK(r.BasisZH) || !hasCJK(r.BandZH) ||
			hasCJK(r.Text) || hasCJK(r.Basis) {
			t.Errorf("case %d: grade rule %+v", i, r)
		}
	}
	for _, code := range []string{"base_rate", "occupied", "clearance", "vertical_gap", "aged", "third_party",
		"shallow_cover", "leak_history", "temporary_measure", "impact_radius", "receptors", "dense_places",
		"sewer_crossing", "near_parallel_sewer", "sewer_reach", "outage", "floor_occupied", "floor_occupied_aged",
		"floor_major_hazard", "floor_occupied_dense_place"} {
		if !seen[code] {
			t.Errorf("no case makes factor %s", code)
		}
	}
}

// TestChineseNames: every material, class, use, clearance kind, credited
// measure and decade of the model has a Chinese name.
func TestChineseNames(t *testing.T) {
	c := DefaultConfig()
	check := func(what, key, name string) {
		if !hasCJK(name) {
			t.Errorf("%s %q: Chinese name %q", what, key, name)
		}
	}
	for _, m := range Materials() {
		check("material", m, materialNameZH(m))
	}
	for _, cl := range PressureClasses() {
		check("pressure class", cl, pressureClassZH(cl))
	}
	for _, u := range BuildingUses() {
		check("use", u, useZH(u))
	}
	for _, k := range ClearanceKinds() {
		check("clearance kind", k, clearanceZH(k))
	}
	for m := range c.Likelihood.TemporaryMeasures {
		check("measure", m, measureZH(m))
	}
	for _, d := range DecadeKeys() {
		check("decade", d, decadeZH(d))
	}
	for _, g := range Grades() {
		check("grade", string(g), gradeZH(g))
	}
}

// TestRuleOf: the grade rule worked out from what is stored (grade, score,
// factors read back from their JSON) is the one Assess gives, and an
// Assessor remembers the right one.
func TestRuleOf(t *testing.T) {
	c := DefaultConfig()
	as := NewAssessor(c)
	byFloor := 0
	for i, f := range textCases() {
		a := Assess(c, f)
		if b := as.Assess(f); !reflect.DeepEqual(a, b) {
			t.Fatalf("case %d: Assessor gives %+v, Assess %+v", i, b.Rule, a.Rule)
		}
		js, err := AppendFactorsJSON(nil, a.Factors)
		if err != nil {
			t.Fatal(err)
		}
		var stored []Factor
		if err := json.Unmarshal(js, &stored); err != nil {
			t.Fatal(err)
		}
		r := c.RuleOf(a.Grade, a.Score, stored)
		if r != a.Rule {
			t.Fatalf("case %d: RuleOf %+v, Assess %+v", i, r, a.Rule)
		}
		switch {
		case a.Floor == "" && (r.By != RuleScore || r.Code != ScoreRuleCode(a.Grade)):
			t.Fatalf("case %d: graded by the score, rule %+v", i, r)
		case a.Floor != "" && (r.By != RuleFloor || r.Code != a.Floor):
			t.Fatalf("case %d: raised by %s, rule %+v", i, a.Floor, r)
		case r.ScoreGrade != a.ScoreGrade:
			t.Fatalf("case %d: score grade %s, rule %+v", i, a.ScoreGrade, r)
		}
		if a.Floor != "" {
			byFloor++
		}
	}
	if byFloor == 0 {
		t.Fatal("no case raised by a floor")
	}
	if len(as.texts.rules) == 0 {
		t.Error("the Assessor remembered no grade rule")
	}
}

func TestGradeRuleTexts(t *testing.T) {
	c := DefaultConfig() // thresholds 10, 150, 600
	for _, tt := range []struct {
		code         string
		sg           Grade
		text, textZH string
	}{
		{"score_blue", "", "Graded by the score: blue band, score < 10", "按风险值定级：低风险区间，风险值 < 10"},
		{"score_yellow", "", "Graded by the score: yellow band, 10 ≤ score < 150", "按风险值定级：一般风险区间，10 ≤ 风险值 < 150"},
		{"score_orange", "", "Graded by the score: orange band, 150 ≤ score < 600", "按风险值定级：较大风险区间，150 ≤ 风险值 < 600"},
		{"score_red", "", "Graded by the score: red band, score ≥ 600", "按风险值定级：重大风险区间，风险值 ≥ 600"},
		{"floor_occupied_aged", GradeYellow, "Policy: occupied and aged ⇒ red; basis: project policy", "占压且老化为重大风险；依据：项目规定"},
		{"floor_occupied", "", "Policy: occupied ⇒ at least orange; basis: project policy", "占压管道至少较大风险；依据：项目规定"},
		{"floor", GradeBlue, "Policy floor; basis: not recorded", "规则下限；依据：未注明"},
	} {
		r := c.GradeRule(tt.code, tt.sg)
		if r.Text != tt.text || r.TextZH != tt.textZH {
			t.Errorf("%s: %q / %q, want %q / %q", tt.code, r.Text, r.TextZH, tt.text, tt.textZH)
		}
		if strings.HasPrefix(tt.code, "score_") != (r.By == RuleScore) || r.By == RuleFloor && (tt.sg != "") != (r.Band != "") {
			t.Errorf("%s: %+v", tt.code, r)
		}
	}
	if r := c.GradeRule("floor_occupied_aged", GradeYellow); r.Band != "10 ≤ score < 150" || r.ScoreGrade != GradeYellow {
		t.Errorf("floor over a yellow score: %+v", r)
	}
}
