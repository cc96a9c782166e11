package phmsa

import (
	"fmt"

	"gasrisk/riskmodel"
)

// PriorEvents is the weight, in pseudo-events, of the gamma prior that shrinks
// each material rate towards the overall rate and each decade factor towards
// 1. One pseudo-event leaves well-observed cells (tens of events) nearly
// unchanged and gives cells with no events (ductile iron, copper) a finite,
// plausible rate instead of zero.
const PriorEvents = 1.0

// Calibration is the fitted base-rate model with its evidence.
type Calibration struct {
	FirstYear, LastYear int
	// Events is the number of incidents on mains in the period; Excluded of
	// them fell in a material × decade cell without mileage and were left
	// out of the fit.
	Events, Excluded int
	// MileYears is miles of main summed over the period.
	MileYears float64
	// OverallPerKmYear is the age-adjusted overall rate, used for the
	// unknown material.
	OverallPerKmYear float64
	Materials        []MaterialStat
	Decades          []DecadeStat
	Leaks            LeakRates
	// Threats is the per-threat evidence and result of every material
	// (Materials × Threats, in that order); ThreatTotals the national
	// evidence per threat.
	Threats      []ThreatStat
	ThreatTotals []ThreatTotal
}

// MaterialStat is the evidence and result for one material.
type MaterialStat struct {
	Material  string
	Events    int
	MileYears float64
	// CrudePerKmYear is Events / exposure, before age adjustment and prior.
	CrudePerKmYear float64
	// RatePerKmYear is the age-adjusted, shrunk rate that goes into the table.
	RatePerKmYear float64
}

// DecadeStat is the evidence and result for one install decade.
type DecadeStat struct {
	Decade         string
	Events         int
	MileYears      float64
	CrudePerKmYear float64
	// Factor is the material-adjusted, shrunk relative factor.
	Factor float64
}

// Calibrate fits the base-rate table on all annual-report years of the
// dataset and the incidents on mains in those same years.
func (d *Dataset) Calibrate() (*Calibration, error) {
	years := d.Years()
	if len(years) == 0 {
		return nil, fmt.Errorf("phmsa: no annual reports loaded")
	}
	c := &Calibration{FirstYear: years[0], LastYear: years[len(years)-1]}
	if want := c.LastYear - c.FirstYear + 1; len(years) != want {
		return nil, fmt.Errorf("phmsa: annual report years %v are not contiguous", years)
	}
	e := d.exposure(c.FirstYear, c.LastYear)
	n := events(d.MainIncidents(c.FirstYear, c.LastYear))
	c.Events = int(sum(n.rowSums()))
	if c.Events == 0 {
		return nil, fmt.Errorf("phmsa: no incidents on mains in %d–%d", c.FirstYear, c.LastYear)
	}
	c.Excluded = excludeUnexposed(e, n)
	c.MileYears = sum(e.rowSums())
	a, b := fitMainEffects(e, n, orderedDecades())
	normalise(e, a, b)
	overall := shrink(e, n, a, b)
	c.OverallPerKmYear = overall / milesPerKm
	c.Materials, c.Decades = stats(e, n, a, b)
	c.Leaks = d.leakRates(c.FirstYear, c.LastYear)
	x := make([]float64, len(a))
	for i := range x {
		x[i] = dot(b, e[i])
	}
	c.Threats, c.ThreatTotals = d.threatRates(c.FirstYear, c.LastYear, x)
	if err := c.BaseRates().Validate(); err != nil {
		return nil, fmt.Errorf("phmsa: the data do not determine a table: %w", err)
	}
	return c, nil
}

// excludeUnexposed zeroes the events of cells without exposure — a material
// without mileage (unknown) or a decade no operator reported, such as an
// unknown install year when every row has a decade breakdown — and returns
// how many were dropped: the model cannot attribute them.
func excludeUnexposed(e, n grid) int {
	dropped := 0.0
	for i := range n {
		for j := range n[i] {
			if e[i][j] <= 0 {
				dropped += n[i][j]
				n[i][j] = 0
			}
		}
	}
	return int(dropped)
}

// normalise rescales b so its exposure-weighted mean is 1 and a inversely.
func normalise(e grid, a, b []float64) {
	ed := e.colSums()
	w := dot(b, ed) / sum(ed)
	for j := range b {
		b[j] /= w
	}
	for i := range a {
		a[i] *= w
	}
}

// orderedDecades returns the indices of the known decades, oldest first.
func orderedDecades() []int {
	var out []int
	for j, k := range riskmodel.DecadeKeys() {
		if k != riskmodel.DecadeUnknown {
			out = append(out, j)
		}
	}
	return out
}

// shrink applies the gamma–Poisson prior (PriorEvents pseudo-events) in
// place: material rates a move towards the overall rate, decade factors b
// towards 1, after which the known decades are made non-increasing again
// (the prior can reorder thin neighbours). It returns the overall
// age-adjusted rate per mile-year, which also becomes the rate of materials
// without exposure.
func shrink(e, n grid, a, b []float64) float64 {
	nm, nd := n.rowSums(), n.colSums()
	x := make([]float64, len(a))
	for i := range a {
		x[i] = dot(b, e[i])
	}
	overall := sum(nm) / sum(x)
	for i := range a {
		a[i] = (nm[i] + PriorEvents) / (x[i] + PriorEvents/overall)
	}
	y := make([]float64, len(b))
	for j := range b {
		for i := range a {
			y[j] += a[i] * e[i][j]
		}
		b[j] = (nd[j] + PriorEvents) / (y[j] + PriorEvents)
		y[j] += PriorEvents
	}
	copy(b, decadeStep(mul(b, y), y, orderedDecades()))
	return overall
}

func mul(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] * b[i]
	}
	return out
}

func stats(e, n grid, a, b []float64) ([]MaterialStat, []DecadeStat) {
	var ms []MaterialStat
	em, nm := e.rowSums(), n.rowSums()
	for i, m := range riskmodel.Materials() {
		ms = append(ms, MaterialStat{Material: m, Events: int(nm[i]), MileYears: em[i],
			CrudePerKmYear: ratio(nm[i], em[i]) / milesPerKm, RatePerKmYear: a[i] / milesPerKm})
	}
	var ds []DecadeStat
	ed, nd := e.colSums(), n.colSums()
	for j, k := range riskmodel.DecadeKeys() {
		ds = append(ds, DecadeStat{Decade: k, Events: int(nd[j]), MileYears: ed[j],
			CrudePerKmYear: ratio(nd[j], ed[j]) / milesPerKm, Factor: b[j]})
	}
	return ms, ds
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}
