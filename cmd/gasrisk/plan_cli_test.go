package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCLIPlan: gasrisk plan writes the plan JSON in its exact shape and
// the 更新改造计划表 workbook, stores both plans under their names, and
// refuses bad flags naming them.
func TestCLIPlan(t *testing.T) {
	ledgerCLICity(t)
	dir := t.TempDir()
	js := filepath.Join(dir, "plan.json")
	code, out, errs := cli(t, "plan", "--years", "2027-2030", "--budget", "3000000", "-o", js, "--name", "p-json")
	if code != 0 || !strings.Contains(errs, `plan "p-json"`) {
		t.Fatalf("plan: exit %d\n%s%s", code, out, errs)
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string][]map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) != 2 || len(raw["jobs"]) == 0 || len(raw["years"]) != 4 {
		t.Fatalf("plan JSON keys/lengths: %d keys, %d jobs, %d years", len(raw), len(raw["jobs"]), len(raw["years"]))
	}
	want := map[string][]string{"jobs": {"category", "cost_yuan", "households", "length_m", "pipe_ids", "reason", "risk_reduction", "year"},
		"years": {"budget_yuan", "cost_yuan", "year"}}
	for k, fields := range want {
		for _, item := range raw[k] {
			if len(item) != len(fields) {
				t.Fatalf("%s item %v: want exactly %v", k, item, fields)
			}
			for _, f := range fields {
				if _, ok := item[f]; !ok {
					t.Fatalf("%s item lacks %s: %v", k, f, item)
				}
			}
		}
	}
	for _, y := range raw["years"] {
		if y["cost_yuan"].(float64) > y["budget_yuan"].(float64) {
			t.Errorf("year over budget: %v", y)
		}
	}

	xl := filepath.Join(dir, "plan.xlsx")
	if code, out, errs := cli(t, "plan", "--years", "2027-2028", "--budget", "5e6", "-o", xl, "--name", "p-xlsx"); code != 0 {
		t.Fatalf("plan xlsx: exit %d\n%s%s", code, out, errs)
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("更新改造计划表")
	if err != nil || len(rows) < 3 || rows[1][0] != "序号" || rows[1][3] != "更新改造类别" {
		t.Fatalf("workbook rows %v, err %v", rows, err)
	}
	if code, _, errs := cli(t, "plan", "--years", "2027-2030", "--budget", "1", "--name", "p-json"); code != 1 || !strings.Contains(errs, "exists already") {
		t.Errorf("same name: exit %d %q", code, errs)
	}
	t.Run("scenario", func(t *testing.T) { cliScenario(t) })
	t.Run("progress", func(t *testing.T) {
		if code, out, errs := cli(t, "job", "p-json", "1", "--to", "designed", "--on", "2026-01-10"); code != 0 || !strings.Contains(out, "designed") {
			t.Fatalf("job: exit %d\n%s%s", code, out, errs)
		}
		if code, _, errs := cli(t, "job", "p-json", "1", "--to", "done", "--on", "2026-02-01", "--actual-cost", "1"); code != 1 || !strings.Contains(errs, "moves to under_construction only") {
			t.Errorf("out of order: exit %d %q", code, errs)
		}
		if code, _, errs := cli(t, "job", "p-json", "x", "--to", "designed"); code != 2 || !strings.Contains(errs, "job number") {
			t.Errorf("bad number: exit %d %q", code, errs)
		}
		code, out, errs := cli(t, "progress", "p-json", "--json")
		var r struct {
			All struct {
				Jobs   int
				States map[string]int
			}
		}
		if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.All.States["designed"] != 1 || r.All.Jobs != len(raw["jobs"]) {
			t.Errorf("progress: exit %d\n%.300s%s", code, out, errs)
		}
	})
	for _, tt := range []struct {
		args []string
		flag string
	}{
		{[]string{"--years", "2030-2027", "--budget", "1"}, "--years"},
		{[]string{"--years", "2027", "--budget", "1"}, "--years"},
		{[]string{"--years", "2027-2030"}, "--budget"},
		{[]string{"--years", "2027-2030", "--budget", "1", "--lang", "fr"}, "--lang"},
		{[]string{"--years", "2027-2030", "--budget", "1", "--name", "bad name"}, "--name"},
	} {
		code, _, errs := cli(t, append([]string{"plan"}, tt.args...)...)
		if code != 2 || !strings.Contains(errs, tt.flag) {
			t.Errorf("%v: exit %d %q, want 2 naming %s", tt.args, code, errs, tt.flag)
		}
	}
}

// cliScenario grades the stored plan p-json as a what-if and compares
// it, and refuses bad scenario flags naming them.
func cliScenario(t *testing.T) {
	code, out, errs := cli(t, "analyze", "--scenario", "p-json")
	if code != 0 || !strings.Contains(out, "before") || !strings.Contains(out, "2030") {
		t.Fatalf("analyze --scenario: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = cli(t, "compare", "p-json", "--json")
	var c struct {
		Scenario string
		After    []struct{ Year int }
	}
	if code != 0 || json.Unmarshal([]byte(out), &c) != nil || c.Scenario != "p-json" || len(c.After) != 4 {
		t.Fatalf("compare: exit %d\n%s%s", code, out, errs)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"analyze", "--plan", "p-json"}, "--scenario"},
		{[]string{"analyze", "--scenario", "bad name"}, "--scenario"},
		{[]string{"analyze", "--scenario", "x", "--plan", "p-json", "--pipes", "a"}, "--plan and --pipes"},
	} {
		if code, _, errs := cli(t, tt.args...); code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d %q, want 2 naming %s", tt.args, code, errs, tt.want)
		}
	}
	if code, _, errs := cli(t, "analyze", "--scenario", "no-plan"); code != 1 || !strings.Contains(errs, "no plan named") {
		t.Errorf("scenario without its plan: exit %d %q", code, errs)
	}
}
