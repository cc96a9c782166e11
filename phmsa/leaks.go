package phmsa

import (
	"math"

	"gasrisk/riskmodel"
)

// minLeakMileYears is the exposure below which a material's leak rate is not
// reported: with less, the per-operator apportioning is dominated by a few
// operators and says nothing about the material.
const minLeakMileYears = 100000

// LeakRates is the denser second signal: leaks on mains repaired per km·yr,
// apportioned to materials by a Poisson fit over the operator rows (leaks of
// a row ~ Poisson(Σ rate·miles)). It cross-checks the incident-based ordering
// of materials; it is not used in the table.
type LeakRates struct {
	// Leaks and MileYears are the totals over the period (rows with miles).
	Leaks     float64
	MileYears float64
	// Hazardous counts the hazardous leaks among Leaks.
	Hazardous float64
	// ByMaterial is per km·yr, keyed like riskmodel, for materials with at
	// least minLeakMileYears of exposure.
	ByMaterial map[string]float64
}

// leakRates derives LeakRates over the report years first…last.
func (d *Dataset) leakRates(first, last int) LeakRates {
	var leaks []float64
	var byMat [][]float64
	lr := LeakRates{ByMaterial: map[string]float64{}}
	exposure := make([]float64, len(riskmodel.Materials()))
	for _, r := range d.Annual {
		if r.Year < first || r.Year > last {
			continue
		}
		mv := values(r.MainMiles, riskmodel.Materials())
		if sum(mv) <= 0 {
			continue
		}
		leaks = append(leaks, r.MainLeaks)
		byMat = append(byMat, mv)
		for i, v := range mv {
			exposure[i] += v
		}
		lr.Leaks += r.MainLeaks
		lr.Hazardous += r.MainHazardousLeaks
		lr.MileYears += sum(mv)
	}
	for i, v := range poissonLinear(leaks, byMat) {
		if exposure[i] >= minLeakMileYears {
			lr.ByMaterial[riskmodel.Materials()[i]] = v / milesPerKm
		}
	}
	return lr
}

// poissonLinear fits y[r] ~ Poisson(Σ_k λ[k]·x[r][k]), λ >= 0, by the
// multiplicative EM (ML-EM) iteration. Components with no exposure stay 0.
func poissonLinear(y []float64, x [][]float64) []float64 {
	k := len(x[0])
	exp := make([]float64, k)
	for _, row := range x {
		for j, v := range row {
			exp[j] += v
		}
	}
	lam := make([]float64, k)
	for j := range lam {
		if exp[j] > 0 {
			lam[j] = sum(y) / sum(exp)
		}
	}
	for iter := 0; iter < 20000; iter++ {
		acc := make([]float64, k)
		for r, row := range x {
			mu := dot(lam, row)
			if mu <= 0 {
				continue
			}
			for j, v := range row {
				acc[j] += v * y[r] / mu
			}
		}
		change := 0.0
		for j := range lam {
			if exp[j] > 0 {
				next := lam[j] * acc[j] / exp[j]
				if lam[j] > 0 {
					change = math.Max(change, math.Abs(next-lam[j])/lam[j])
				}
				lam[j] = next
			}
		}
		if change < 1e-9 {
			break
		}
	}
	return lam
}

func values(m map[string]float64, keys []string) []float64 {
	out := make([]float64, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func sum(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}

func dot(a, b []float64) float64 {
	t := 0.0
	for i := range a {
		t += a[i] * b[i]
	}
	return t
}
