package export

import (
	"strconv"
	"strings"
	"sync"

	"gasrisk/riskmodel"
)

// gradeRuleExpr is the code of the rule that set a segment's grade of run
// (riskmodel.Config.RuleOf in SQL): score_<grade> when the run's
// thresholds give the score that grade, else the code of the first policy
// factor of the grade ("floor" if none). The thresholds are one-off
// subqueries of the query; the factors are parsed only for the segments a
// floor raised.
func gradeRuleExpr(run int64) string {
	r := strconv.FormatInt(run, 10)
	th := func(g riskmodel.Grade) string {
		return "(SELECT (config #>> '{thresholds," + string(g) + "}')::float8 FROM analysis_runs WHERE id = " + r + ")"
	}
	var grades []string
	for _, g := range riskmodel.Grades() {
		grades = append(grades, "'"+string(g)+"'")
	}
	scoreGrade := "CASE WHEN x.score >= " + th(riskmodel.GradeRed) + " THEN 'red' WHEN x.score >= " + th(riskmodel.GradeOrange) +
		" THEN 'orange' WHEN x.score >= " + th(riskmodel.GradeYellow) + " THEN 'yellow' ELSE 'blue' END"
	return `CASE WHEN x.grade = ` + scoreGrade + ` THEN '` + riskmodel.ScoreRuleCode("") + `' || x.grade
		ELSE coalesce((SELECT e.f ->> 'code' FROM json_array_elements(x.factors) WITH ORDINALITY AS e(f, i)
			WHERE e.f ->> 'side' = '` + riskmodel.SidePolicy + `'
			AND (e.f ->> 'value')::float8 = array_position(ARRAY[` + strings.Join(grades, ",") + `], x.grade)
			ORDER BY e.i LIMIT 1), '` + riskmodel.RuleFloor + `') END`
}

// ruleTexts writes grade rule codes as their text, in English or Chinese,
// under one run's config; safe for the concurrent chunk readers.
type ruleTexts struct {
	c  riskmodel.Config
	mu sync.Mutex
	m  map[string][2][]byte // code → English, Chinese text
}

func newRuleTexts(c riskmodel.Config) *ruleTexts {
	return &ruleTexts{c: c, m: map[string][2][]byte{}}
}

// text is the text of a rule code in lang: Chinese for zh, else English
// (GeoJSON and OGC API features without a language, canonical-key
// headers). The result is shared: callers copy it.
func (r *ruleTexts) text(code []byte, lang string) []byte {
	if r == nil || code == nil {
		return code
	}
	r.mu.Lock()
	t, ok := r.m[string(code)]
	if !ok {
		g := r.c.GradeRule(string(code), "")
		t = [2][]byte{[]byte(g.Text), []byte(g.TextZH)}
		r.m[string(code)] = t
	}
	r.mu.Unlock()
	if lang == langZH {
		return t[1]
	}
	return t[0]
}
