package phmsa

import (
	"fmt"

	"gasrisk/riskmodel"
)

// LeakPriorEvents is the weight, in pseudo-incidents, of a material's leak
// record in its per-threat incident rates: the leak-predicted rate of a
// threat is a gamma prior worth this many incidents, which the material's
// own incidents of that threat update (docs/calibration.md, "Threats").
const LeakPriorEvents = 5.0

// leakCauseThreat maps a Part C cause code to a riskmodel threat: other
// outside-force damage goes with excavation (ASME B31.8S's third-party
// damage group).
func leakCauseThreat(code string) string {
	switch code {
	case "COR":
		return riskmodel.ThreatCorrosion
	case "NF":
		return riskmodel.ThreatNaturalForce
	case "EX", "OF_DAM":
		return riskmodel.ThreatExcavation
	case "MAT_WELD":
		return riskmodel.ThreatMaterialJoint
	case "EQ":
		return riskmodel.ThreatEquipment
	case "OP":
		return riskmodel.ThreatIncorrectOperation
	}
	return riskmodel.ThreatOther
}

// incidentThreat maps the incident form's CAUSE to a riskmodel threat.
func incidentThreat(cause string) string {
	switch cause {
	case "CORROSION FAILURE":
		return riskmodel.ThreatCorrosion
	case "NATURAL FORCE DAMAGE":
		return riskmodel.ThreatNaturalForce
	case "EXCAVATION DAMAGE", "OTHER OUTSIDE FORCE DAMAGE":
		return riskmodel.ThreatExcavation
	case "PIPE, WELD, OR JOINT FAILURE":
		return riskmodel.ThreatMaterialJoint
	case "EQUIPMENT FAILURE":
		return riskmodel.ThreatEquipment
	case "INCORRECT OPERATION":
		return riskmodel.ThreatIncorrectOperation
	}
	return riskmodel.ThreatOther
}

// ThreatStat is the evidence and result for one threat of one material.
type ThreatStat struct {
	Material, Threat string
	// Incidents on mains of this material and threat in the period.
	Incidents int
	// LeaksPerKmYear is the material's leaks repaired of this cause per
	// km·yr (Poisson fit over the operator rows; 0 below
	// minLeakMileYears of exposure).
	LeaksPerKmYear float64
	// PriorPerKmYear is the leak-predicted incident rate: LeaksPerKmYear
	// × the threat's national incidents per leak (or the threat's national
	// incident rate for a material without leak data, or whose fit puts
	// less than one leak of the cause on it in the whole period).
	PriorPerKmYear float64
	// RatePerKmYear is the posterior incident rate (age-adjusted).
	RatePerKmYear float64
	// Share is RatePerKmYear's share of the material's threats.
	Share float64
}

// ThreatTotal is the national evidence of one threat.
type ThreatTotal struct {
	Threat    string
	Incidents int
	Leaks     float64
	// IncidentsPerLeak is Incidents / Leaks: how often a leak of this
	// cause is (or comes with) a reportable incident.
	IncidentsPerLeak float64
}

// threatRates derives the per-threat rates of every material over the
// report years first…last, with x the materials' age-adjusted exposure
// in mile-years (indexed like riskmodel.Materials).
func (d *Dataset) threatRates(first, last int, x []float64) ([]ThreatStat, []ThreatTotal) {
	ms, ts := riskmodel.Materials(), riskmodel.Threats()
	n := make([][]float64, len(ms))
	for i := range n {
		n[i] = make([]float64, len(ts))
	}
	nt := make([]float64, len(ts))
	for _, in := range d.MainIncidents(first, last) {
		j := index(ts, incidentThreat(in.Cause))
		n[index(ms, in.Material)][j]++
		nt[j]++
	}
	lam, leaks, exposure := d.leaksByThreat(first, last)
	var totals []ThreatTotal
	for j, t := range ts {
		totals = append(totals, ThreatTotal{Threat: t, Incidents: int(nt[j]), Leaks: leaks[j], IncidentsPerLeak: ratio(nt[j], leaks[j])})
	}
	allX := sum(x)
	var out []ThreatStat
	for i, m := range ms {
		row := make([]ThreatStat, len(ts))
		total := 0.0
		for j, t := range ts {
			s := ThreatStat{Material: m, Threat: t, Incidents: int(n[i][j])}
			prior := ratio(nt[j]+PriorEvents/float64(len(ts)), allX) // per mile-year, national
			// A fit that puts (next to) no leaks of this cause on the
			// material says nothing: the national rate stays the prior.
			if exposure[i] >= minLeakMileYears && lam[j][i]*exposure[i] >= 1 {
				s.LeaksPerKmYear = lam[j][i] / milesPerKm
				prior = lam[j][i] * totals[j].IncidentsPerLeak
			}
			s.PriorPerKmYear = prior / milesPerKm
			if prior > 0 {
				s.RatePerKmYear = (n[i][j] + LeakPriorEvents) / (x[i] + LeakPriorEvents/prior) / milesPerKm
			}
			total += s.RatePerKmYear
			row[j] = s
		}
		for j := range row {
			row[j].Share = ratio(row[j].RatePerKmYear, total)
		}
		out = append(out, row...)
	}
	return out, totals
}

// leaksByThreat fits, per threat, the leaks repaired on mains per
// mile-year of each material (lam[threat][material]) over the operator
// rows, and returns the leak totals per threat and the exposure per
// material of the rows with mileage.
func (d *Dataset) leaksByThreat(first, last int) (lam [][]float64, leaks, exposure []float64) {
	ms, ts := riskmodel.Materials(), riskmodel.Threats()
	y := make([][]float64, len(ts))
	var x [][]float64
	leaks, exposure = make([]float64, len(ts)), make([]float64, len(ms))
	for _, r := range d.Annual {
		if r.Year < first || r.Year > last {
			continue
		}
		mv := values(r.MainMiles, ms)
		if sum(mv) <= 0 {
			continue
		}
		x = append(x, mv)
		for i, v := range mv {
			exposure[i] += v
		}
		for j, t := range ts {
			y[j] = append(y[j], r.MainLeaksByThreat[t])
			leaks[j] += r.MainLeaksByThreat[t]
		}
	}
	for j := range ts {
		lam = append(lam, poissonLinear(y[j], x))
	}
	return lam, leaks, exposure
}

// ThreatShares returns the calibrated threat shares in riskmodel's shape:
// per material, each threat's share of the base rate, rounded to three
// significant digits.
func (c *Calibration) ThreatShares() riskmodel.ThreatShares {
	out := riskmodel.ThreatShares{
		Source: "US PHMSA gas distribution incidents by cause and leaks repaired on mains by cause (annual reports Part C), " +
			"derived by gasrisk/phmsa (go run ./cmd/calibrate); see docs/calibration.md",
		Period: fmt.Sprintf("%d-%d", c.FirstYear, c.LastYear),
		Shares: map[string]map[string]float64{},
	}
	for _, s := range c.Threats {
		if out.Shares[s.Material] == nil {
			out.Shares[s.Material] = map[string]float64{}
		}
		out.Shares[s.Material][s.Threat] = round3(s.Share)
	}
	return out
}
