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

// TestCommittedThreatsAreReproducible checks riskmodel/threats.json equals
// what the package derives now; regenerate with
// go run ./cmd/calibrate -data ../shared/data/phmsa -o riskmodel/baserates.json -threats riskmodel/threats.json
func TestCommittedThreatsAreReproducible(t *testing.T) {
	_, c := realData(t)
	var buf bytes.Buffer
	if err := WriteThreatShares(&buf, c.ThreatShares()); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("..", "riskmodel", "threats.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), committed) {
		t.Fatalf("riskmodel/threats.json is stale; derived now:\n%s", buf.Bytes())
	}
	if err := c.ThreatShares().Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestThreatEvidenceMatchesRawFiles recomputes, with plain string
// splitting, the incidents on mains by cause and the leaks repaired on
// mains by cause (rows with mileage) of 2017–2023, and the incidents per
// leak of each threat.
func TestThreatEvidenceMatchesRawFiles(t *testing.T) {
	_, c := realData(t)
	dir := dataDir(t)
	incidents := map[string]int{}
	split := func(l string) []string { return strings.Split(l, "\t") }
	head, rows := rawRows(t, filepath.Join(dir, "incident_gas_distribution_2010_2024.tsv"), split)
	for _, r := range rows {
		y, _ := strconv.Atoi(r[head["IYEAR"]])
		if r[head["SYSTEM_PART_INVOLVED"]] == "MAIN" && y >= 2017 && y <= 2023 {
			incidents[strings.Trim(r[head["CAUSE"]], `"`)]++ // the one cause with commas is quoted
		}
	}
	miles := []string{"MMILES_STEEL_UNP_BARE", "MMILES_STEEL_UNP_COATED", "MMILES_STEEL_CP_BARE", "MMILES_STEEL_CP_COATED",
		"MMILES_PLASTIC", "MMILES_CI", "MMILES_RCI", "MMILES_DI", "MMILES_CU", "MMILES_OTHER"}
	leaks := map[string]float64{}
	for y := 2017; y <= 2023; y++ {
		head, rows := rawRows(t, filepath.Join(dir, "gas_distribution_annual_"+strconv.Itoa(y)+".csv"), splitCSVLine)
		for _, r := range rows {
			if r[head["REPORT_YEAR"]] == "" || rawNumber(r, head, miles...) <= 0 {
				continue
			}
			for _, code := range []string{"COR", "NF", "EX", "OF_DAM", "MAT_WELD", "EQ", "OP", "OT"} {
				leaks[code] += rawNumber(r, head, "TOTAL_LEAKS_"+code+"_MAINS")
			}
		}
	}
	want := map[string]struct {
		incidents int
		leaks     float64
	}{
		riskmodel.ThreatExcavation:         {incidents["EXCAVATION DAMAGE"] + incidents["OTHER OUTSIDE FORCE DAMAGE"], leaks["EX"] + leaks["OF_DAM"]},
		riskmodel.ThreatCorrosion:          {incidents["CORROSION FAILURE"], leaks["COR"]},
		riskmodel.ThreatNaturalForce:       {incidents["NATURAL FORCE DAMAGE"], leaks["NF"]},
		riskmodel.ThreatMaterialJoint:      {incidents["PIPE, WELD, OR JOINT FAILURE"], leaks["MAT_WELD"]},
		riskmodel.ThreatEquipment:          {incidents["EQUIPMENT FAILURE"], leaks["EQ"]},
		riskmodel.ThreatIncorrectOperation: {incidents["INCORRECT OPERATION"], leaks["OP"]},
		riskmodel.ThreatOther:              {incidents["OTHER INCIDENT CAUSE"], leaks["OT"]},
	}
	for _, tt := range c.ThreatTotals {
		w := want[tt.Threat]
		if tt.Incidents != w.incidents || !near(tt.Leaks, w.leaks) || w.leaks <= 0 || !near(tt.IncidentsPerLeak, float64(w.incidents)/w.leaks) {
			t.Errorf("%s: package %d incidents, %.0f leaks; raw %d, %.0f", tt.Threat, tt.Incidents, tt.Leaks, w.incidents, w.leaks)
		}
	}
}

// rawNumber sums the named columns of a raw row (blank = 0).
func rawNumber(r []string, head map[string]int, cols ...string) float64 {
	total := 0.0
	for _, c := range cols {
		if v, err := strconv.ParseFloat(strings.TrimSpace(r[head[c]]), 64); err == nil {
			total += v
		}
	}
	return total
}

// TestThreatShape: the leak record moves the old materials' likelihood
// towards the threats of age (corrosion, material and joints, natural
// force), while excavation dominates modern PE and steel; every share is
// in [0, 1] and each material's add up to 1.
func TestThreatShape(t *testing.T) {
	_, c := realData(t)
	s := c.ThreatShares().Shares
	aging := func(m string) float64 {
		return s[m][riskmodel.ThreatCorrosion] + s[m][riskmodel.ThreatMaterialJoint] + s[m][riskmodel.ThreatNaturalForce]
	}
	if !(aging(riskmodel.MaterialCastIron) > 0.4 && aging(riskmodel.MaterialCastIron) > aging(riskmodel.MaterialSteel) &&
		aging(riskmodel.MaterialCastIron) > aging(riskmodel.MaterialPE)) {
		t.Errorf("age-related shares: cast iron %.3f, steel %.3f, pe %.3f", aging(riskmodel.MaterialCastIron),
			aging(riskmodel.MaterialSteel), aging(riskmodel.MaterialPE))
	}
	if s[riskmodel.MaterialSteel][riskmodel.ThreatCorrosion] <= s[riskmodel.MaterialPE][riskmodel.ThreatCorrosion] {
		t.Errorf("corrosion: steel %.3g ≤ pe %.3g", s[riskmodel.MaterialSteel][riskmodel.ThreatCorrosion], s[riskmodel.MaterialPE][riskmodel.ThreatCorrosion])
	}
	for _, m := range []string{riskmodel.MaterialPE, riskmodel.MaterialSteel} {
		for _, th := range riskmodel.Threats() {
			if th != riskmodel.ThreatExcavation && s[m][th] >= s[m][riskmodel.ThreatExcavation] {
				t.Errorf("%s: %s share %.3f ≥ excavation %.3f", m, th, s[m][th], s[m][riskmodel.ThreatExcavation])
			}
		}
	}
	for _, st := range c.Threats {
		if st.Share < 0 || st.Share > 1 || math.IsNaN(st.Share) {
			t.Errorf("%s/%s share %v", st.Material, st.Threat, st.Share)
		}
	}
}
