package phmsa

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gasrisk/riskmodel"
)

// TestThreatRatesMatchRawFiles recomputes, with plain string splitting,
// what the per-threat rates of every material rest on:
//
//   - the incidents on mains of 2017–2023 by material and cause;
//   - the leaks repaired on mains by cause, with each operator row's
//     mileage per material. The fitted leak rates (per threat, leaks per
//     mile-year of each material, rates ≥ 0) must be the maximum of the
//     Poisson likelihood of those rows: the likelihood is concave, so the
//     Karush–Kuhn–Tucker conditions prove it — the gradient
//     Σ_rows miles_m·(leaks/expected − 1) is zero for every material with
//     a positive rate and not positive for one at zero. At the maximum
//     the fit also puts exactly the reported leaks of each cause on the
//     mileage.
//
// The rates the model uses (ThreatStat.LeaksPerKmYear) are those fitted
// rates per km, or 0 for a material with under minLeakMileYears of
// mileage or less than one fitted leak of the cause.
func TestThreatRatesMatchRawFiles(t *testing.T) {
	d, c := realData(t)
	dir := dataDir(t)
	rawIncidents := rawIncidentsByMaterialCause(t, dir)
	for _, s := range c.Threats {
		name, ok := reportedMaterial()[s.Material]
		if !ok {
			continue
		}
		want := 0
		for _, cause := range incidentCauses()[s.Threat] {
			want += rawIncidents[[2]string{name, cause}]
		}
		if s.Incidents != want {
			t.Errorf("%s/%s: package %d incidents, raw %d", s.Material, s.Threat, s.Incidents, want)
		}
	}

	ms, ts := riskmodel.Materials(), riskmodel.Threats()
	x, y := rawLeakRows(t, dir)
	lam, _, _ := d.leaksByThreat(2017, 2023)
	for j, th := range ts {
		grad, exposure := make([]float64, len(ms)), make([]float64, len(ms))
		fitted, reported := 0.0, 0.0
		for i := range x {
			mu := 0.0
			for m := range ms {
				mu += lam[j][m] * x[i][m]
				exposure[m] += x[i][m]
			}
			fitted += mu
			reported += y[i][j]
			if mu <= 0 {
				if y[i][j] > 0 {
					t.Errorf("%s: a row with %.0f leaks gets a rate of 0", th, y[i][j])
				}
				continue
			}
			for m := range ms {
				grad[m] += x[i][m] * (y[i][j]/mu - 1)
			}
		}
		if math.Abs(fitted-reported) > 1e-4*reported || reported <= 0 {
			t.Errorf("%s: the fit puts %.1f leaks on the rows, the raw files report %.0f", th, fitted, reported)
		}
		for m, mat := range ms {
			if exposure[m] == 0 {
				continue
			}
			// the gradient per mile-year, against the material's mean rate
			g := grad[m] / exposure[m]
			positive := lam[j][m]*exposure[m] >= 1e-6
			if positive && math.Abs(g) > 1e-3 || !positive && g > 1e-3 {
				t.Errorf("%s/%s: rate %.4g per mile-year, likelihood gradient %.3g per mile-year: not the maximum", th, mat, lam[j][m], g)
			}
			want := 0.0
			if exposure[m] >= minLeakMileYears && lam[j][m]*exposure[m] >= 1 {
				want = lam[j][m] / milesPerKm
			}
			for _, s := range c.Threats {
				if s.Material == mat && s.Threat == th && !near(s.LeaksPerKmYear, want) {
					t.Errorf("%s/%s: %.4g leaks per km·yr, want %.4g", th, mat, s.LeaksPerKmYear, want)
				}
			}
		}
	}
}

// rawIncidentsByMaterialCause counts the incidents on mains of 2017–2023
// by MATERIAL_INVOLVED and CAUSE as reported.
func rawIncidentsByMaterialCause(t *testing.T, dir string) map[[2]string]int {
	split := func(l string) []string { return strings.Split(l, "\t") }
	head, rows := rawRows(t, filepath.Join(dir, "incident_gas_distribution_2010_2024.tsv"), split)
	out := map[[2]string]int{}
	for _, r := range rows {
		y, _ := strconv.Atoi(r[head["IYEAR"]])
		if r[head["SYSTEM_PART_INVOLVED"]] == "MAIN" && y >= 2017 && y <= 2023 {
			out[[2]string{r[head["MATERIAL_INVOLVED"]], strings.Trim(r[head["CAUSE"]], `"`)}]++
		}
	}
	return out
}

// incidentCauses are the incident form's causes of each threat.
func incidentCauses() map[string][]string {
	return map[string][]string{
		riskmodel.ThreatExcavation: {"EXCAVATION DAMAGE", "OTHER OUTSIDE FORCE DAMAGE"}, riskmodel.ThreatCorrosion: {"CORROSION FAILURE"},
		riskmodel.ThreatNaturalForce: {"NATURAL FORCE DAMAGE"}, riskmodel.ThreatMaterialJoint: {"PIPE, WELD, OR JOINT FAILURE"},
		riskmodel.ThreatEquipment: {"EQUIPMENT FAILURE"}, riskmodel.ThreatIncorrectOperation: {"INCORRECT OPERATION"},
		riskmodel.ThreatOther: {"OTHER INCIDENT CAUSE"},
	}
}

// reportedMaterial is the incident form's MATERIAL_INVOLVED of the
// materials checked.
func reportedMaterial() map[string]string {
	return map[string]string{riskmodel.MaterialCastIron: "CAST/WROUGHT IRON", riskmodel.MaterialSteel: "STEEL",
		riskmodel.MaterialPE: "PLASTIC", riskmodel.MaterialDuctileIron: "DUCTILE IRON"}
}

// rawLeakRows reads the annual reports of 2017–2023: per operator row with
// mileage, the miles of each material (riskmodel.Materials order) and the
// leaks repaired on mains of each threat (riskmodel.Threats order).
func rawLeakRows(t *testing.T, dir string) (x, y [][]float64) {
	miles := map[string][]string{
		riskmodel.MaterialSteel:       {"MMILES_STEEL_UNP_BARE", "MMILES_STEEL_UNP_COATED", "MMILES_STEEL_CP_BARE", "MMILES_STEEL_CP_COATED"},
		riskmodel.MaterialPE:          {"MMILES_PLASTIC"},
		riskmodel.MaterialCastIron:    {"MMILES_CI", "MMILES_RCI"},
		riskmodel.MaterialDuctileIron: {"MMILES_DI"},
		riskmodel.MaterialCopper:      {"MMILES_CU"},
		riskmodel.MaterialOther:       {"MMILES_OTHER"},
	}
	codes := map[string][]string{riskmodel.ThreatExcavation: {"EX", "OF_DAM"}, riskmodel.ThreatCorrosion: {"COR"},
		riskmodel.ThreatNaturalForce: {"NF"}, riskmodel.ThreatMaterialJoint: {"MAT_WELD"}, riskmodel.ThreatEquipment: {"EQ"},
		riskmodel.ThreatIncorrectOperation: {"OP"}, riskmodel.ThreatOther: {"OT"}}
	for year := 2017; year <= 2023; year++ {
		head, rows := rawRows(t, filepath.Join(dir, "gas_distribution_annual_"+strconv.Itoa(year)+".csv"), splitCSVLine)
		for _, r := range rows {
			var xi, yi []float64
			total := 0.0
			for _, m := range riskmodel.Materials() {
				v := rawNumber(r, head, miles[m]...)
				xi, total = append(xi, v), total+v
			}
			if r[head["REPORT_YEAR"]] == "" || total <= 0 {
				continue
			}
			for _, th := range riskmodel.Threats() {
				v := 0.0
				for _, code := range codes[th] {
					v += rawNumber(r, head, "TOTAL_LEAKS_"+code+"_MAINS")
				}
				yi = append(yi, v)
			}
			x, y = append(x, xi), append(y, yi)
		}
	}
	return x, y
}
