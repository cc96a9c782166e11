package phmsa

import "gasrisk/riskmodel"

// milesPerKm converts per-mile rates to per-km rates (1 mi = 1.609344 km).
const milesPerKm = 1.609344

// grid is a material × decade matrix indexed like riskmodel.Materials() and
// riskmodel.DecadeKeys().
type grid [][]float64

func newGrid() grid {
	g := make(grid, len(riskmodel.Materials()))
	for i := range g {
		g[i] = make([]float64, len(riskmodel.DecadeKeys()))
	}
	return g
}

// rowSums returns the per-material totals; colSums the per-decade totals.
func (g grid) rowSums() []float64 {
	out := make([]float64, len(g))
	for i, row := range g {
		for _, v := range row {
			out[i] += v
		}
	}
	return out
}

func (g grid) colSums() []float64 {
	out := make([]float64, len(g[0]))
	for _, row := range g {
		for j, v := range row {
			out[j] += v
		}
	}
	return out
}

func index(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// exposure returns mile-years of main by material × install decade over the
// report years first…last. The annual report gives the two margins per
// operator row but not their cross-tabulation, so each row's material miles
// are spread over its decades in proportion to its decade miles (independence
// within one operator-state report, not across the country). A row with no
// decade breakdown puts all its miles in the unknown decade, so material
// totals are preserved exactly.
func (d *Dataset) exposure(first, last int) grid {
	ms, ds := riskmodel.Materials(), riskmodel.DecadeKeys()
	unk := index(ds, riskmodel.DecadeUnknown)
	e := newGrid()
	for _, r := range d.Annual {
		if r.Year < first || r.Year > last {
			continue
		}
		total := 0.0
		for _, k := range ds {
			total += r.MainMilesByDecade[k]
		}
		for i, m := range ms {
			miles := r.MainMiles[m]
			if total <= 0 {
				e[i][unk] += miles
				continue
			}
			for j, k := range ds {
				e[i][j] += miles * r.MainMilesByDecade[k] / total
			}
		}
	}
	return e
}

// events counts incidents by material × install decade.
func events(incidents []Incident) grid {
	ms, ds := riskmodel.Materials(), riskmodel.DecadeKeys()
	n := newGrid()
	for _, in := range incidents {
		n[index(ms, in.Material)][index(ds, riskmodel.Decade(in.InstallYear))]++
	}
	return n
}
