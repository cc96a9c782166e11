package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gasrisk/data/importer"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
	"gasrisk/synth"
)

// ledgerCLICity imports and analyses a small synthetic city through the
// CLI.
func ledgerCLICity(t *testing.T) string {
	t.Helper()
	t.Setenv("DATABASE_URL", env.URL(t))
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Config{Segments: 300, Seed: 11}, dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, l := range importer.Order() {
		if code, out, errs := cli(t, "import", l, filepath.Join(dir, l+".geojson")); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", l, code, out, errs)
		}
	}
	if code, out, errs := cli(t, "analyze", "--as-of", "2026-06-30"); code != 0 {
		t.Fatalf("analyze: exit %d\n%s%s", code, out, errs)
	}
	return dir
}

func TestCLIHazards(t *testing.T) {
	dir := ledgerCLICity(t)
	code, out, errs := cli(t, "hazards", "list", "--json", "--limit", "1000")
	var page ledger.Page
	if code != 0 || json.Unmarshal([]byte(out), &page) != nil || page.Total == 0 {
		t.Fatalf("list: exit %d, %d hazards\n%s", code, page.Total, errs)
	}
	h := page.Items[0]
	t.Run("list filters after the subcommand", func(t *testing.T) {
		code, out, _ := cli(t, "hazards", "list", "--kind", h.Kind, "--lang", "en")
		if code != 0 || !strings.Contains(out, h.Code) || !strings.Contains(out, "DESCRIPTION") {
			t.Errorf("exit %d\n%s", code, out)
		}
	})
	t.Run("show", func(t *testing.T) {
		code, out, _ := cli(t, "hazards", "show", h.Code, "--lang", "en")
		if code != 0 || !strings.Contains(out, "history:") || !strings.Contains(out, "found by analysis run") {
			t.Errorf("exit %d\n%s", code, out)
		}
	})
	t.Run("show and list in Chinese", func(t *testing.T) {
		code, out, _ := cli(t, "hazards", "show", h.Code)
		if code != 0 || !strings.Contains(out, "处理记录：") || !strings.Contains(out, "次分析发现，风险等级") ||
			!strings.Contains(out, hazard.KindName(h.Kind, hazard.LangZH)) {
			t.Errorf("exit %d\n%s", code, out)
		}
		code, list, _ := cli(t, "hazards", "list", "--limit", "50")
		if code != 0 || !strings.Contains(list, "隐患编号") {
			t.Errorf("exit %d\n%s", code, list)
		}
		// no key of the vocabularies reaches a Chinese listing
		for _, key := range append(append([]string{"red", "orange", "yellow", "blue", "open", "planned", "listed", "overdue"},
			hazard.Kinds()...), hazard.Actions()...) {
			for _, text := range []string{out, list} {
				if strings.Contains(text, " "+key+" ") || strings.Contains(text, "\t"+key+"\t") {
					t.Errorf("%q in the Chinese output:\n%s", key, text)
				}
			}
		}
	})
	id := strings.TrimLeft(strings.TrimPrefix(h.Code, "YH-"), "0")
	moves := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"closed", "--note", "x"}, 1, "hazard " + h.Code + " is open and cannot move to closed; allowed: planned"},
		{[]string{"planned", "--measures", "fence off", "--unit", "Ops"}, 1, "moving to planned needs --person, --deadline"},
		{[]string{"planned", "--measures", "fence off", "--unit", "Ops", "--person", "Zhao", "--deadline", "31.01.2099"}, 1,
			`--deadline "31.01.2099": want YYYY-MM-DD`},
		{[]string{"planned", "--measures", "fence off", "--unit", "Ops", "--person", "Zhao", "--deadline", "2099-01-31",
			"--temporary", "guard,patrol", "--by", "tester"}, 0, "临时管控措施：guard, patrol"},
		{[]string{"rectified", "--note", "done", "--lang", "en"}, 1, "needs --evidence"},
		{[]string{"rectified", "--evidence", "fence built", "--lang", "en"}, 0, "evidence: fence built"},
		{[]string{"done"}, 1, "unknown target state"},
	}
	for _, m := range moves {
		t.Run("move "+strings.Join(m.args, " "), func(t *testing.T) {
			code, out, errs := cli(t, append([]string{"hazards", "move", id}, m.args...)...)
			if code != m.code || !strings.Contains(out+errs, m.want) {
				t.Errorf("exit %d, want %d with %q\n%s%s", code, m.code, m.want, out, errs)
			}
		})
	}
	t.Run("history names who", func(t *testing.T) {
		_, out, _ := cli(t, "hazards", "show", id, "--json")
		var d hazard.Detail
		json.Unmarshal([]byte(out), &d)
		if d.State != "rectified" || d.History[1].Actor != "tester" {
			t.Errorf("state %s, history %+v", d.State, d.History)
		}
	})
	t.Run("exports", func(t *testing.T) { cliExports(t, dir, page.Total) })
	t.Run("stats", func(t *testing.T) {
		code, out, _ := cli(t, "hazards", "stats", "--json")
		var st ledger.Stats
		if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st.Hazards.Total != page.Total {
			t.Errorf("exit %d, %+v", code, st.Hazards)
		}
	})
	t.Run("print", func(t *testing.T) {
		file := filepath.Join(dir, "map.png")
		code, _, errs := cli(t, "hazards", "print", "--size", "A3", "--dpi", "72", "--portrait", "-o", file)
		b, _ := os.ReadFile(file)
		img, err := png.Decode(bytes.NewReader(b))
		if code != 0 || err != nil || img.Bounds().Dx() != 842 || img.Bounds().Dy() != 1191 {
			t.Errorf("exit %d (%s), png %v", code, errs, err)
		}
	})
	t.Run("print pdf", func(t *testing.T) {
		file := filepath.Join(dir, "map.pdf")
		code, _, errs := cli(t, "hazards", "print", "--dpi", "72", "--lang", "en", "-o", file)
		b, _ := os.ReadFile(file)
		if code != 0 || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/FontFile2")) || !strings.Contains(errs, "vector") {
			t.Errorf("exit %d (%s), %d bytes: %.20q", code, errs, len(b), b)
		}
	})
	for _, bad := range [][]string{
		{"hazards"}, {"hazards", "frob"}, {"hazards", "list", "--deadline", "2099-01-01"}, {"hazards", "show"},
		{"hazards", "export", "ledger", "--format", "pdf", "-o", "x"}, {"hazards", "export", "ledger"},
		{"hazards", "print", "--size", "A0"}, {"hazards", "list", "--lang", "fr"}, {"hazards", "print", "--format", "xlsx"},
	} {
		if code, _, _ := cli(t, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// cliExports writes and reads back the ledger and the control list.
func cliExports(t *testing.T, dir string, total int) {
	csvFile := filepath.Join(dir, "ledger.csv")
	if code, _, errs := cli(t, "hazards", "export", "ledger", "--format", "csv", "--lang", "en", "-o", csvFile); code != 0 {
		t.Fatalf("export ledger: %s", errs)
	}
	b, _ := os.ReadFile(csvFile)
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(recs) != total+1 || recs[0][1] != "Hazard ID" {
		t.Errorf("ledger csv: %v, %d records", err, len(recs))
	}
	for _, tt := range []struct {
		flags  []string
		sheets string
	}{{nil, "隐患台账 应急处置卡"}, {[]string{"--no-cards"}, "隐患台账"}} {
		ledgerXLSX := filepath.Join(dir, "ledger.xlsx")
		if code, _, errs := cli(t, append([]string{"hazards", "export", "ledger", "-o", ledgerXLSX}, tt.flags...)...); code != 0 {
			t.Fatalf("export ledger %v: %s", tt.flags, errs)
		}
		f, err := excelize.OpenFile(ledgerXLSX)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		rows, _ := f.GetRows(sheets[len(sheets)-1])
		if strings.Join(sheets, " ") != tt.sheets || len(rows) != total+2 {
			t.Errorf("ledger xlsx %v: sheets %v, %d rows of the last, want %s and %d", tt.flags, sheets, len(rows), tt.sheets, total+2)
		}
		f.Close()
	}
	xlsx := filepath.Join(dir, "control.xlsx")
	if code, _, errs := cli(t, "hazards", "export", "control", "-o", xlsx); code != 0 {
		t.Fatalf("export control: %s", errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	rows, _ := f.GetRows(sheets[len(sheets)-1])
	if sheets[0] != "汇总" || len(sheets) < 2 || len(rows) < 3 || rows[1][0] != "序号" {
		t.Errorf("control list sheets %v, rows %d", sheets, len(rows))
	}
}
