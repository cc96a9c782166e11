package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gasrisk/data/datatest"
	"gasrisk/data/export"
	"gasrisk/riskmodel"
)

// TestExportGradeRule: every exported segment names the rule that set its
// grade — the one the segment API gives (worked out in Go) — with its text
// in the export's language: GeoJSON in English (Chinese with lang zh),
// CSV and XLSX in the headers' language, the OGC API in English. The
// analysis stores each segment's rule; for a run analysed before it did
// (grade_rule NULL), the export works the rule out itself.
func TestExportGradeRule(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	var unset int
	if err := s.DB.Pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE grade_rule IS NULL) FROM segments`).Scan(&unset); err != nil {
		t.Fatal(err)
	}
	if unset != 0 {
		t.Fatalf("%d segments analysed without their grade rule", unset)
	}
	t.Run("stored by the analysis", func(t *testing.T) { checkGradeRules(t, s) })
	if _, err := s.DB.Pool.Exec(ctx, `UPDATE segments SET grade_rule = NULL`); err != nil {
		t.Fatal(err)
	}
	t.Run("worked out for a run analysed before 0027", func(t *testing.T) { checkGradeRules(t, s) })
}

// checkGradeRules checks every export format's grade rules of the current
// run against the segment API's.
func checkGradeRules(t *testing.T, s datatest.Services) {
	ctx := context.Background()
	want := map[string]riskmodel.GradeRule{} // segment id → rule
	byFloor := 0
	for _, p := range exportFC(t, s, export.Options{}) {
		id := int64(p["_id"].(float64))
		d, err := s.Results.Segment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		r := d.GradeRule
		want[strconv.FormatInt(id, 10)] = r
		if p["grade_rule"] != r.Code || p["grade_rule_text"] != r.Text {
			t.Errorf("segment %d: GeoJSON %v / %v, API %q / %q", id, p["grade_rule"], p["grade_rule_text"], r.Code, r.Text)
		}
		if r.By == riskmodel.RuleFloor {
			byFloor++
		}
	}
	if len(want) == 0 || byFloor == 0 {
		t.Fatalf("%d segments, %d raised by a floor", len(want), byFloor)
	}
	for _, p := range exportFC(t, s, export.Options{Lang: "zh", Filter: export.SegmentFilter{Grades: []string{"red"}}}) {
		r := want[strconv.FormatInt(int64(p["_id"].(float64)), 10)]
		if p["grade_rule"] != r.Code || p["grade_rule_text"] != r.TextZH {
			t.Errorf("segment %v: GeoJSON zh %v / %v, want %q / %q", p["_id"], p["grade_rule"], p["grade_rule_text"], r.Code, r.TextZH)
		}
	}

	var buf bytes.Buffer
	if _, err := s.Export.Export(ctx, &buf, export.Options{Format: "csv", Lang: "zh"}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	checkSheet(t, "CSV zh", rows, "定级规则", "定级依据", func(r riskmodel.GradeRule) string { return r.TextZH }, want)

	buf.Reset()
	if _, err := s.Export.Export(ctx, &buf, export.Options{Format: "xlsx", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err = f.GetRows("segments")
	if err != nil {
		t.Fatal(err)
	}
	checkSheet(t, "XLSX en", rows, "Grade rule", "Grade rule (text)", func(r riskmodel.GradeRule) string { return r.Text }, want)

	buf.Reset()
	if _, err := s.OGC.Items(ctx, &buf, "segments", export.ItemsQuery{Limit: 10000}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), `"grade_rule_text":"Graded by the score: `) +
		strings.Count(buf.String(), `"grade_rule_text":"Policy: `); n != len(want) {
		t.Errorf("OGC items: %d English grade rule texts for %d segments", n, len(want))
	}
}

// checkSheet finds the rule columns by their headers and checks every row
// against want (by segment id, the first column).
func checkSheet(t *testing.T, name string, rows [][]string, codeCol, textCol string,
	text func(riskmodel.GradeRule) string, want map[string]riskmodel.GradeRule) {
	t.Helper()
	if len(rows) != len(want)+1 {
		t.Fatalf("%s: %d rows for %d segments", name, len(rows), len(want))
	}
	ci, ti := -1, -1
	for i, h := range rows[0] {
		switch h {
		case codeCol:
			ci = i
		case textCol:
			ti = i
		}
	}
	if ci < 0 || ti < 0 {
		t.Fatalf("%s: no %q / %q column in %v", name, codeCol, textCol, rows[0])
	}
	for _, row := range rows[1:] {
		r := want[row[0]]
		if row[ci] != r.Code || row[ti] != text(r) {
			t.Errorf("%s segment %s: %q / %q, want %q / %q", name, row[0], row[ci], row[ti], r.Code, text(r))
		}
	}
}

// Before the first analysis the pipes are exported ungraded, with no rule.
func TestExportGradeRuleBeforeAnalysis(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	for _, p := range exportFC(t, s, export.Options{}) {
		if p["grade"] != nil || p["grade_rule"] != nil || p["grade_rule_text"] != nil {
			t.Fatalf("ungraded pipe %v", p)
		}
	}
}
