package results_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"gasrisk/riskmodel"
)

// TestSegmentGradeRule: the segment API says which rule set each grade —
// the score band when the score alone gives it, else the policy floor of
// the grade among the factors — in both languages, and every factor has
// its unit and Chinese detail.
func TestSegmentGradeRule(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	rows, err := s.DB.Pool.Query(ctx, `SELECT segment_id, pipe_id FROM segments ORDER BY segment_id`)
	if err != nil {
		t.Fatal(err)
	}
	type seg struct {
		id   int64
		pipe string
	}
	var segs []seg
	for rows.Next() {
		var x seg
		if err := rows.Scan(&x.id, &x.pipe); err != nil {
			t.Fatal(err)
		}
		segs = append(segs, x)
	}
	if err := rows.Err(); err != nil || len(segs) == 0 {
		t.Fatalf("%d segments: %v", len(segs), err)
	}
	th := riskmodel.DefaultConfig().Thresholds
	by := map[string]int{}
	rules := map[string]string{} // pipe → the rules of its segments
	for _, x := range segs {
		d, err := s.Results.Segment(ctx, x.id)
		if err != nil {
			t.Fatal(err)
		}
		r := d.GradeRule
		by[r.By]++
		rules[x.pipe] += r.Code + " "
		if sg := th.Grade(d.Score); r.ScoreGrade != sg || r.Band == "" || !han(r.BandZH) {
			t.Errorf("segment %d (score %v, %s): rule %+v", x.id, d.Score, sg, r)
		}
		if r.Text == "" || !han(r.TextZH) || r.Basis == "" || !han(r.BasisZH) {
			t.Errorf("segment %d: rule texts %+v", x.id, r)
		}
		var fs []riskmodel.Factor
		if err := json.Unmarshal(d.Factors, &fs); err != nil {
			t.Fatal(err)
		}
		switch r.By {
		case riskmodel.RuleScore:
			if r.Code != "score_"+d.Grade || string(r.ScoreGrade) != d.Grade {
				t.Errorf("segment %d graded %s by the score: %+v", x.id, d.Grade, r)
			}
		case riskmodel.RuleFloor:
			floor := false
			for _, f := range fs {
				floor = floor || f.Code == r.Code && f.Side == riskmodel.SidePolicy &&
					f.Value == float64(riskmodel.Grade(d.Grade).Rank())
			}
			if !floor || r.ScoreGrade.Rank() >= riskmodel.Grade(d.Grade).Rank() {
				t.Errorf("segment %d graded %s by floor %s, score grade %s: factors %s", x.id, d.Grade, r.Code, r.ScoreGrade, d.Factors)
			}
		default:
			t.Errorf("segment %d: rule by %q", x.id, r.By)
		}
		for _, f := range fs {
			if !han(f.DetailZH) || (f.Side == riskmodel.SidePolicy) != (f.Unit == "") {
				t.Errorf("segment %d factor %s: detail_zh %q, unit %q", x.id, f.Code, f.DetailZH, f.Unit)
			}
		}
	}
	if by[riskmodel.RuleScore] == 0 || by[riskmodel.RuleFloor] == 0 {
		t.Errorf("rules: %v (want segments graded by the score and by a floor)", by)
	}
	// A school on an MPB pipe is red by a floor where it stands; the empty
	// young PE pipe is blue by its score.
	if !strings.Contains(rules["school"], "floor_") || rules["empty"] != "score_blue " {
		t.Errorf("school: %q, empty: %q", rules["school"], rules["empty"])
	}
}

// han reports whether s holds a Chinese character.
func han(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
