package ledger_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
)

// readXLSX opens an XLSX and returns every sheet's rows.
func readXLSX(t *testing.T, b []byte) ([]string, map[string][][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return f.GetSheetList(), out
}

// readCSV reads a CSV export (with its byte-order mark).
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Error("CSV without a UTF-8 byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestLedgerExport(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	hz := datatest.AllHazards(t, s)
	school := hz["occupied school B-school"]
	plan := datatest.Complete(hazard.StatePlanned)
	if _, err := s.Ledger.MoveHazard(ctx, school.ID, plan); err != nil {
		t.Fatal(err)
	}
	zh := []string{"序号", "隐患编号", "所在区域", "隐患类型", "隐患描述", "风险等级", "挂牌督办", "发现日期", "整改措施",
		"临时管控措施", "责任单位", "责任人", "整改期限", "状态"}
	en := []string{"No.", "Hazard ID", "District", "Type", "Description", "Risk level", "Listed supervision", "Found on",
		"Rectification measures", "Temporary measures", "Responsible unit", "Responsible person", "Deadline", "Status"}
	for _, c := range []struct {
		format, lang string
		header       []string
		want         []string // cells of the school's row
	}{
		{"xlsx", "zh", zh, []string{school.Code, "D1", "管道占压", "重大", "是", "remove the shed", "Pipe dept.", "Wang Wei", "2026-09-30", "整改中"}},
		{"csv", "zh", zh, []string{school.Code, "管道占压", "重大", "整改中"}},
		{"xlsx", "en", en, []string{school.Code, "occupied by a building", "Major", "yes", "planned"}},
		{"csv", "en", en, []string{school.Code, "Major", "planned", "Wang Wei"}},
	} {
		t.Run(c.format+" "+c.lang, func(t *testing.T) {
			var b bytes.Buffer
			n, err := s.Ledger.ExportLedger(ctx, &b, ledger.ExportOptions{Format: c.format, Lang: c.lang, Filter: ledger.Filter{Today: datatest.Today()}})
			if err != nil || n != len(hz) {
				t.Fatalf("wrote %d hazards (err %v), want %d", n, err, len(hz))
			}
			var rows [][]string
			if c.format == "xlsx" {
				sheets, all := readXLSX(t, b.Bytes())
				rows = all[sheets[0]][1:] // below the title
			} else {
				rows = readCSV(t, b.Bytes())
			}
			if got := strings.Join(rows[0][:len(c.header)], ","); got != strings.Join(c.header, ",") {
				t.Errorf("header %s", got)
			}
			if len(rows) != len(hz)+1 {
				t.Fatalf("%d data rows, want %d", len(rows)-1, len(hz))
			}
			row := findRow(rows, school.Code)
			for _, w := range c.want {
				if !slices.Contains(row, w) {
					t.Errorf("school row %q lacks %q", row, w)
				}
			}
			if rows[1][0] != "1" || rows[len(rows)-1][0] != fmt.Sprint(len(hz)) {
				t.Errorf("numbering %s … %s", rows[1][0], rows[len(rows)-1][0])
			}
		})
	}
	t.Run("filter", func(t *testing.T) {
		var b bytes.Buffer
		n, err := s.Ledger.ExportLedger(ctx, &b, ledger.ExportOptions{Format: "csv", Filter: ledger.Filter{Kinds: []string{"aged"}}})
		if err != nil || n != 5 || len(readCSV(t, b.Bytes())) != 6 {
			t.Errorf("aged hazards: %d (err %v), want 5", n, err)
		}
	})
	t.Run("bad options", func(t *testing.T) {
		for _, o := range []ledger.ExportOptions{{Format: "pdf"}, {Lang: "fr"}, {Filter: ledger.Filter{States: []string{"done"}}}} {
			if _, err := s.Ledger.ExportLedger(ctx, &bytes.Buffer{}, o); err == nil {
				t.Errorf("%+v accepted", o)
			}
		}
	})
}

// findRow returns the first row with a cell equal to v.
func findRow(rows [][]string, v string) []string {
	for _, r := range rows {
		if slices.Contains(r, v) {
			return r
		}
	}
	return nil
}

func TestControlListExport(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	var pipes map[string]int = map[string]int{}
	rows, _ := s.DB.Pool.Query(ctx, `SELECT district, count(DISTINCT pipe_id) FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) GROUP BY 1`)
	for rows.Next() {
		var d string
		var n int
		rows.Scan(&d, &n)
		pipes[d] = n
	}
	rows.Close()
	pipes[""] = 3 // the three stations with findings have no district layer to fall in
	t.Run("xlsx", func(t *testing.T) {
		var b bytes.Buffer
		n, err := s.Ledger.ExportControlList(ctx, &b, ledger.ControlListOptions{Format: "xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		sheets, all := readXLSX(t, b.Bytes())
		if sheets[0] != "汇总" || len(sheets) != 1+len(pipes) {
			t.Fatalf("sheets %v", sheets)
		}
		total := 0
		for d, want := range pipes {
			name := d
			if d == "" {
				name = "未划分区域"
			}
			got := all[name]
			if len(got) != want+2 || got[1][0] != "序号" || !strings.Contains(strings.Join(got[1], ","), "管控层级") {
				t.Errorf("sheet %s: %d rows, want %d + title + header: %q", name, len(got), want, got[:2])
			}
			total += want
		}
		if n != total {
			t.Errorf("%d risk points, want %d", n, total)
		}
		school := findRow(all["D1"], "school")
		if !slices.Contains(school, "重大") || !slices.Contains(school, "公司级") || !strings.Contains(strings.Join(school, ","), "YH-") {
			t.Errorf("school row %q", school)
		}
	})
	t.Run("csv per district", func(t *testing.T) {
		var b bytes.Buffer
		n, err := s.Ledger.ExportControlList(ctx, &b, ledger.ControlListOptions{Format: "csv", Lang: "en", Districts: []string{"D1"},
			Grades: []string{"red", "orange"}})
		if err != nil {
			t.Fatal(err)
		}
		recs := readCSV(t, b.Bytes())
		if len(recs) != n+1 || recs[0][1] != "District" || n == 0 {
			t.Fatalf("%d records for %d points: %q", len(recs), n, recs[0])
		}
		for _, r := range recs[1:] {
			if r[1] != "D1" || (r[8] != "Major" && r[8] != "Significant") {
				t.Errorf("row %q outside the filter", r)
			}
		}
	})
}

func TestLedgerStatsMatchTheLedger(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	hz := datatest.AllHazards(t, s)
	tr := datatest.Complete(hazard.StatePlanned)
	tr.Deadline = "2026-07-05"
	for _, k := range []string{"aged ci-new", "occupied school B-school"} {
		if _, err := s.Ledger.MoveHazard(ctx, hz[k].ID, tr); err != nil {
			t.Fatal(err)
		}
	}
	later := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	st, err := s.Ledger.LedgerStats(ctx, later)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := s.Ledger.Hazards(ctx, ledger.Filter{Limit: ledger.MaxLimit, Today: later})
	want := map[string]map[string]int{"kind": {}, "state": {}, "grade": {}}
	overdue, listed := 0, 0
	perDistrict := map[string]int{}
	for _, h := range page.Items {
		want["kind"][h.Kind]++
		want["state"][h.State]++
		want["grade"][h.Grade]++
		perDistrict[h.District]++
		if h.Overdue {
			overdue++
		}
		if h.Listed && h.State != "closed" {
			listed++
		}
	}
	got := st.Hazards
	if fmt.Sprint(got.ByKind) != fmt.Sprint(want["kind"]) || fmt.Sprint(got.ByState) != fmt.Sprint(want["state"]) ||
		fmt.Sprint(got.ByGrade) != fmt.Sprint(want["grade"]) || got.Total != len(page.Items) {
		t.Errorf("stats %+v, ledger %v", got, want)
	}
	if got.Overdue != 2 || overdue != 2 || got.Listed != listed || page.Overdue != 2 {
		t.Errorf("overdue %d (ledger %d, page %d), listed %d (ledger %d)", got.Overdue, overdue, page.Overdue, got.Listed, listed)
	}
	var km float64
	for _, d := range st.Districts {
		if d.Hazards.Total != perDistrict[d.ID] {
			t.Errorf("district %q: %d hazards, ledger %d", d.ID, d.Hazards.Total, perDistrict[d.ID])
		}
		for _, g := range d.Grades {
			km += g.Km
		}
	}
	sum := analyzeSummary(t, s)
	if diff := km - sum.Km; diff > 1e-9 || diff < -1e-9 || st.RunID != sum.RunID {
		t.Errorf("districts add up to %.6f km, the run has %.6f", km, sum.Km)
	}
}

// analyzeSummary is the current run's summary.
func analyzeSummary(t *testing.T, s datatest.Services) analysis.RunSummary {
	t.Helper()
	var sum analysis.RunSummary
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT counts FROM analysis_runs WHERE id = (SELECT run_id FROM current_run)`).Scan(&sum)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}
