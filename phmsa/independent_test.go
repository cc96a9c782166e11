package phmsa

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gasrisk/riskmodel"
)

// The helpers below re-read the raw files with deliberately naive code (no
// encoding/csv, no Latin-1 decoding: the columns used are ASCII) so that the
// package's numbers are checked against an independent computation.

// splitCSVLine splits one CSV line, honouring double-quoted fields.
func splitCSVLine(line string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case ch == '"' && quoted && i+1 < len(line) && line[i+1] == '"':
			cur.WriteByte('"')
			i++
		case ch == '"':
			quoted = !quoted
		case ch == ',' && !quoted:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	return append(out, cur.String())
}

// rawRows returns the header and rows of a raw file split by sep.
func rawRows(t *testing.T, path string, split func(string) []string) (map[string]int, [][]string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n")
	head := map[string]int{}
	for i, h := range split(lines[0]) {
		head[h] = i
	}
	var rows [][]string
	for _, l := range lines[1:] {
		rows = append(rows, split(l))
	}
	return head, rows
}

func rawSum(t *testing.T, dir string, year int, cols ...string) float64 {
	head, rows := rawRows(t, filepath.Join(dir, "gas_distribution_annual_"+strconv.Itoa(year)+".csv"), splitCSVLine)
	total := 0.0
	for _, r := range rows {
		for _, c := range cols {
			if v := strings.TrimSpace(r[head[c]]); v != "" {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("%s: %q", c, v)
				}
				total += f
			}
		}
	}
	return total
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func TestMileageMatchesRawFiles(t *testing.T) {
	d, _ := realData(t)
	dir := dataDir(t)
	tests := []struct {
		year     int
		material string
		cols     []string
	}{
		{2020, riskmodel.MaterialCastIron, []string{"MMILES_CI", "MMILES_RCI"}},
		{2017, riskmodel.MaterialPE, []string{"MMILES_PLASTIC"}},
		{2023, riskmodel.MaterialSteel, []string{"MMILES_STEEL_UNP_BARE", "MMILES_STEEL_UNP_COATED", "MMILES_STEEL_CP_BARE", "MMILES_STEEL_CP_COATED"}},
		{2021, riskmodel.MaterialDuctileIron, []string{"MMILES_DI"}},
	}
	for _, tt := range tests {
		t.Run(tt.material+"/"+strconv.Itoa(tt.year), func(t *testing.T) {
			want := rawSum(t, dir, tt.year, tt.cols...)
			if got := d.MainMiles(tt.year)[tt.material]; !near(got, want) || want <= 0 {
				t.Fatalf("package %v, raw %v", got, want)
			}
		})
	}
	t.Run("1960s/2019", func(t *testing.T) {
		want := rawSum(t, dir, 2019, "MMILES_BY_DCD_1960_TO_1969")
		if got := d.MainMilesByDecade(2019)["1960s"]; !near(got, want) || want <= 0 {
			t.Fatalf("package %v, raw %v", got, want)
		}
	})
}

// rawMainIncidents counts incidents on mains in 2017–2023 by
// MATERIAL_INVOLVED using plain tab splitting.
func rawMainIncidents(t *testing.T, dir string) map[string]int {
	split := func(l string) []string { return strings.Split(l, "\t") }
	head, rows := rawRows(t, filepath.Join(dir, "incident_gas_distribution_2010_2024.tsv"), split)
	out := map[string]int{}
	for _, r := range rows {
		y, _ := strconv.Atoi(r[head["IYEAR"]])
		if r[head["SYSTEM_PART_INVOLVED"]] == "MAIN" && y >= 2017 && y <= 2023 {
			out[r[head["MATERIAL_INVOLVED"]]]++
			out["ALL"]++
		}
	}
	return out
}

func TestIncidentCountsMatchRawFile(t *testing.T) {
	d, c := realData(t)
	raw := rawMainIncidents(t, dataDir(t))
	if c.FirstYear != 2017 || c.LastYear != 2023 {
		t.Fatalf("period %d–%d", c.FirstYear, c.LastYear)
	}
	if c.Events != raw["ALL"] || len(d.MainIncidents(2017, 2023)) != raw["ALL"] {
		t.Fatalf("events %d, raw %d", c.Events, raw["ALL"])
	}
	events := map[string]int{}
	for _, m := range c.Materials {
		events[m.Material] = m.Events
	}
	for name, m := range map[string]string{"CAST/WROUGHT IRON": riskmodel.MaterialCastIron, "STEEL": riskmodel.MaterialSteel, "PLASTIC": riskmodel.MaterialPE} {
		if events[m] != raw[name] || events[m] == 0 {
			t.Errorf("%s: package %d, raw %d", m, events[m], raw[name])
		}
	}
}

func TestMileYearsMatchRawTotals(t *testing.T) {
	_, c := realData(t)
	want := 0.0
	for y := 2017; y <= 2023; y++ {
		want += rawSum(t, dataDir(t), y, "MMILES_STEEL_UNP_BARE", "MMILES_STEEL_UNP_COATED", "MMILES_STEEL_CP_BARE",
			"MMILES_STEEL_CP_COATED", "MMILES_PLASTIC", "MMILES_CI", "MMILES_DI", "MMILES_CU", "MMILES_OTHER", "MMILES_RCI")
	}
	if math.Abs(c.MileYears-want) > 1e-6*want {
		t.Fatalf("mile-years %v, raw %v", c.MileYears, want)
	}
}

// TestCommittedTableIsReproducible checks riskmodel/baserates.json equals what
// the package derives now; regenerate with
// go run ./cmd/calibrate -data ../shared/data/phmsa -o riskmodel/baserates.json
func TestCommittedTableIsReproducible(t *testing.T) {
	_, c := realData(t)
	var buf bytes.Buffer
	if err := WriteBaseRates(&buf, c.BaseRates()); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("..", "riskmodel", "baserates.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), committed) {
		t.Fatalf("riskmodel/baserates.json is stale; derived now:\n%s", buf.Bytes())
	}
	if got := riskmodel.DefaultBaseRates(); got.MaterialRates[riskmodel.MaterialCastIron] != c.BaseRates().MaterialRates[riskmodel.MaterialCastIron] {
		t.Fatal("embedded table differs from the derived one")
	}
}

func TestCalibrationShape(t *testing.T) {
	_, c := realData(t)
	b := c.BaseRates()
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	r := b.MaterialRates
	if !(r[riskmodel.MaterialCastIron] > r[riskmodel.MaterialSteel] && r[riskmodel.MaterialSteel] > r[riskmodel.MaterialPE]) {
		t.Fatalf("material ordering: %v", r)
	}
	// Leaks, the denser signal, order the main materials the same way.
	l := c.Leaks.ByMaterial
	if !(l[riskmodel.MaterialCastIron] > l[riskmodel.MaterialSteel] && l[riskmodel.MaterialSteel] > l[riskmodel.MaterialPE]) {
		t.Fatalf("leak ordering: %v", l)
	}
	var md bytes.Buffer
	if err := c.WriteMarkdown(&md); err != nil || !strings.Contains(md.String(), "| cast_iron | 19 |") {
		t.Fatalf("report: %v\n%s", err, md.String())
	}
}
