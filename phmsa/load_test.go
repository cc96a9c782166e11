package phmsa

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"gasrisk/riskmodel"
)

// writeLatin1 writes s encoded as Latin-1.
func writeLatin1(t *testing.T, path, s string) {
	t.Helper()
	b, err := charmap.ISO8859_1.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b), 0o644); err != nil {
		t.Fatal(err)
	}
}

// annualFixture returns a minimal annual CSV: one operator with a quoted,
// accented name, plus a blank padding row.
func annualFixture(year string) string {
	cols := append([]string{"OPERATOR_NAME"}, annualColumns()...)
	vals := map[string]string{
		"OPERATOR_NAME": `"Société du Gaz, ""Nord"""`, "REPORT_YEAR": year, "OPERATOR_ID": "42", "STOP": "PA",
		"COMMODITY": "Natural Gas", "MMILES_CI": "10.5", "MMILES_RCI": "0.5", "MMILES_PLASTIC": "100",
		"MMILES_STEEL_CP_COATED": "40", "MMILES_BY_DCD_PRE1940": "11", "MMILES_BY_DCD_2000_TO_2009": "140",
		"MMILES_TOTAL": "151", "TOTAL_LEAKS_COR_MAINS": "7", "TOTAL_HAZLEAKS_EX_MAINS": "2", "TOTAL_LEAKS_EX_MAINS": "3",
	}
	var row []string
	for _, c := range cols {
		row = append(row, vals[c])
	}
	blank := strings.Repeat(",", len(cols)-1)
	return strings.Join(cols, ",") + "\r\n" + strings.Join(row, ",") + "\r\n" + blank + "\r\n"
}

func incidentFixture() string {
	head := "REPORT_NUMBER\tIYEAR\tSYSTEM_PART_INVOLVED\tMATERIAL_INVOLVED\tINSTALLATION_YEAR\tCAUSE\tNARRATIVE\r\n"
	return head +
		"1\t2020\tMAIN\tCAST/WROUGHT IRON\t1925\tCORROSION FAILURE\tfuite près de l'école\r\n" +
		"2\t2020\tSERVICE\tPLASTIC\t1999\tEXCAVATION DAMAGE\t\"DAMAGE BY CAR, TRUCK (E.G. 2\" PE)\"\r\n" +
		"3\t2019\tMAIN\tPLASTIC\tUNKNOWN\tEXCAVATION DAMAGE\t\r\n" +
		"4\t2020\tMAIN\tSTEEL\t2031\tOTHER\t2\" PE MAIN INSERTED IN 4\" STEEL\r\n"
}

func fixtureDir(t *testing.T) string {
	dir := t.TempDir()
	writeLatin1(t, filepath.Join(dir, "gas_distribution_annual_2019.csv"), annualFixture("2019"))
	writeLatin1(t, filepath.Join(dir, "gas_distribution_annual_2020.csv"), annualFixture("2020"))
	writeLatin1(t, filepath.Join(dir, "incident_gas_distribution_2010_2024.tsv"), incidentFixture())
	return dir
}

func TestLoadFixture(t *testing.T) {
	d, err := Load(fixtureDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Annual) != 2 || len(d.Incidents) != 4 {
		t.Fatalf("%d annual rows, %d incidents", len(d.Annual), len(d.Incidents))
	}
	r := d.Annual[0]
	if r.MainMiles[riskmodel.MaterialCastIron] != 11 || r.MainMiles[riskmodel.MaterialSteel] != 40 ||
		r.MainMilesByDecade["pre1940"] != 11 || r.MainLeaks != 10 || r.MainHazardousLeaks != 2 {
		t.Fatalf("row: %+v", r)
	}
	in := d.Incidents
	if in[0].Material != riskmodel.MaterialCastIron || in[0].InstallYear != 1925 || !in[0].OnMain() ||
		in[1].OnMain() || in[2].InstallYear != 0 || in[3].InstallYear != 0 {
		t.Fatalf("incidents: %+v", in)
	}
	if got := len(d.MainIncidents(2019, 2020)); got != 3 {
		t.Fatalf("main incidents %d", got)
	}
	c, err := d.Calibrate()
	if err != nil {
		t.Fatal(err)
	}
	if c.Events != 3 || c.FirstYear != 2019 || c.MileYears != 302 {
		t.Fatalf("calibration %+v", c)
	}
	if err := c.BaseRates().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Run("missing directory", func(t *testing.T) {
		if _, err := Load(filepath.Join(t.TempDir(), "nope")); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("no incident file", func(t *testing.T) {
		dir := fixtureDir(t)
		os.Remove(filepath.Join(dir, "incident_gas_distribution_2010_2024.tsv"))
		if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "incident") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("missing column", func(t *testing.T) {
		dir := fixtureDir(t)
		writeLatin1(t, filepath.Join(dir, "gas_distribution_annual_2020.csv"), "REPORT_YEAR,OPERATOR_ID\r\n2020,1\r\n")
		if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "missing column") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("bad number", func(t *testing.T) {
		dir := fixtureDir(t)
		bad := strings.Replace(annualFixture("2020"), "10.5", "ten", 1)
		writeLatin1(t, filepath.Join(dir, "gas_distribution_annual_2020.csv"), bad)
		if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "MMILES_CI") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("stray quote", func(t *testing.T) {
		dir := fixtureDir(t)
		bad := strings.Replace(incidentFixture(), "fuite", "\"fuite\" près", 1)
		writeLatin1(t, filepath.Join(dir, "incident_gas_distribution_2010_2024.tsv"), bad)
		if _, err := Load(dir); err == nil {
			t.Fatal("a quote swallowing records went unnoticed")
		}
	})
	t.Run("gap in years", func(t *testing.T) {
		dir := fixtureDir(t)
		writeLatin1(t, filepath.Join(dir, "gas_distribution_annual_2022.csv"), annualFixture("2022"))
		d, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.Calibrate(); err == nil || !strings.Contains(err.Error(), "contiguous") {
			t.Fatalf("error %v", err)
		}
	})
}

func TestIncidentMaterial(t *testing.T) {
	for raw, want := range map[string]string{
		"STEEL": "steel", "PLASTIC": "pe", "CAST/WROUGHT IRON": "cast_iron", "DUCTILE IRON": "ductile_iron",
		"COPPER": "copper", "OTHER": "other", "UNKNOWN": "unknown", "": "unknown",
	} {
		if got := incidentMaterial(raw); got != want {
			t.Errorf("%q → %s, want %s", raw, got, want)
		}
	}
}
