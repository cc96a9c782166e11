package phmsa

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"gasrisk/riskmodel"
)

// BaseRates returns the calibrated table in riskmodel's shape, rounded to
// three significant digits. Materials without exposure (unknown) get the
// overall age-adjusted rate.
func (c *Calibration) BaseRates() riskmodel.BaseRates {
	b := riskmodel.BaseRates{
		Source: "US PHMSA gas distribution annual reports and incident reports (mains), " +
			"derived by gasrisk/phmsa (go run ./cmd/calibrate); see docs/calibration.md",
		Period:        fmt.Sprintf("%d-%d", c.FirstYear, c.LastYear),
		Unit:          "per km·yr",
		MaterialRates: map[string]float64{},
		DecadeFactors: map[string]float64{},
	}
	for _, m := range c.Materials {
		r := m.RatePerKmYear
		if m.MileYears <= 0 {
			r = c.OverallPerKmYear
		}
		b.MaterialRates[m.Material] = round3(r)
	}
	for _, d := range c.Decades {
		b.DecadeFactors[d.Decade] = round3(d.Factor)
	}
	return b
}

// round3 rounds to three significant digits.
func round3(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	return r
}

// WriteBaseRates writes b as indented JSON (keys sorted, trailing newline),
// the format of riskmodel/baserates.json.
func WriteBaseRates(w io.Writer, b riskmodel.BaseRates) error {
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// WriteThreatShares writes s as indented JSON (keys sorted, trailing
// newline), the format of riskmodel/threats.json.
func WriteThreatShares(w io.Writer, s riskmodel.ThreatShares) error {
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}
