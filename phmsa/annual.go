package phmsa

import (
	"fmt"
	"strconv"
)

// AnnualReport is one row of a gas distribution annual report: one operator,
// state and commodity in one calendar year. Mileages are miles of main.
type AnnualReport struct {
	Year       int    // REPORT_YEAR
	OperatorID string // OPERATOR_ID
	State      string // STOP (state of operation)
	Commodity  string // COMMODITY
	// MainMiles is miles of main by riskmodel material (Part B1).
	MainMiles map[string]float64
	// MainMilesByDecade is miles of main by riskmodel decade key (Part B4).
	MainMilesByDecade map[string]float64
	// MainMilesTotal is MMILES_TOTAL as reported.
	MainMilesTotal float64
	// MainLeaks is leaks on mains repaired in the year, all causes (Part C).
	MainLeaks float64
	// MainHazardousLeaks is the hazardous subset of MainLeaks.
	MainHazardousLeaks float64
	// MainLeaksByThreat is MainLeaks by riskmodel threat (Part C causes,
	// leakCauseThreat).
	MainLeaksByThreat map[string]float64
}

// readAnnual reads one gas_distribution_annual_YYYY.csv. Rows without a
// REPORT_YEAR (blank padding rows in the published files) are skipped.
func readAnnual(path string) ([]AnnualReport, error) {
	t, err := readTable(path, ',', true)
	if err != nil {
		return nil, err
	}
	if err := t.require(annualColumns()...); err != nil {
		return nil, err
	}
	var out []AnnualReport
	for i := range t.rows {
		if t.field(i, "REPORT_YEAR") == "" {
			continue
		}
		r, err := annualRow(t, i)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// annualColumns lists every column readAnnual needs.
func annualColumns() []string {
	cols := []string{"REPORT_YEAR", "OPERATOR_ID", "STOP", "COMMODITY", "MMILES_TOTAL"}
	for _, cs := range materialColumns() {
		cols = append(cols, cs...)
	}
	for _, c := range decadeColumns() {
		cols = append(cols, c)
	}
	cols = append(cols, leakColumns(false)...)
	return append(cols, leakColumns(true)...)
}

func annualRow(t *table, i int) (AnnualReport, error) {
	year, err := strconv.Atoi(t.field(i, "REPORT_YEAR"))
	if err != nil {
		return AnnualReport{}, fmt.Errorf("%s: record %d: bad REPORT_YEAR %q", t.path, i+2, t.field(i, "REPORT_YEAR"))
	}
	r := AnnualReport{
		Year: year, OperatorID: t.field(i, "OPERATOR_ID"), State: t.field(i, "STOP"),
		Commodity: t.field(i, "COMMODITY"),
		MainMiles: map[string]float64{}, MainMilesByDecade: map[string]float64{},
	}
	for m, cols := range materialColumns() {
		if r.MainMiles[m], err = t.sum(i, cols); err != nil {
			return r, err
		}
	}
	for d, col := range decadeColumns() {
		if r.MainMilesByDecade[d], err = t.number(i, col); err != nil {
			return r, err
		}
	}
	if r.MainMilesTotal, err = t.number(i, "MMILES_TOTAL"); err != nil {
		return r, err
	}
	if r.MainLeaks, err = t.sum(i, leakColumns(false)); err != nil {
		return r, err
	}
	if r.MainHazardousLeaks, err = t.sum(i, leakColumns(true)); err != nil {
		return r, err
	}
	r.MainLeaksByThreat = map[string]float64{}
	for _, c := range leakCauses() {
		v, err := t.number(i, "TOTAL_LEAKS_"+c+"_MAINS")
		if err != nil {
			return r, err
		}
		r.MainLeaksByThreat[leakCauseThreat(c)] += v
	}
	return r, nil
}
