package riskmodel

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// baseRatesJSON is the calibrated table written by
// `go run ./cmd/calibrate` (see docs/calibration.md).
//
//go:embed baserates.json
var baseRatesJSON string

// BaseRates is the likelihood base-rate table: reportable failures per km·yr
// of main, by material and install decade, combined multiplicatively:
//
//	rate(material, decade) = MaterialRates[material] × DecadeFactors[decade]
//
// MaterialRates are age-adjusted (the rate at the fleet's average age mix,
// where the exposure-weighted mean of DecadeFactors is 1); the "unknown"
// material and the "unknown" decade have their own entries.
type BaseRates struct {
	// Source names the data and the program that derived the table.
	Source string `json:"source"`
	// Period is the span of report years the rates were derived from.
	Period string `json:"period"`
	// Unit is always "per km·yr".
	Unit string `json:"unit"`
	// MaterialRates maps every canonical material (Materials) to its
	// age-adjusted rate per km·yr.
	MaterialRates map[string]float64 `json:"material_rates"`
	// DecadeFactors maps every install-decade key (DecadeKeys) to a
	// dimensionless multiplier.
	DecadeFactors map[string]float64 `json:"decade_factors"`
}

// Rate returns the base rate per km·yr for a material and install year
// (0 = unknown), and the table keys it used. Unrecognised materials use the
// "unknown" row.
func (b BaseRates) Rate(material string, installYear int) (rate float64, materialKeyUsed, decadeKeyUsed string) {
	m, d := materialKey(material), Decade(installYear)
	return b.MaterialRates[m] * b.DecadeFactors[d], m, d
}

// Validate checks that every material and decade has a positive, finite
// entry and that no unknown key is present.
func (b BaseRates) Validate() error {
	if err := checkTable("base_rates.material_rates", b.MaterialRates, Materials()); err != nil {
		return err
	}
	return checkTable("base_rates.decade_factors", b.DecadeFactors, DecadeKeys())
}

func checkTable(name string, t map[string]float64, keys []string) error {
	for _, k := range keys {
		v, ok := t[k]
		if !ok {
			return fmt.Errorf("%s: missing entry %q", name, k)
		}
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%s[%q] = %v: must be a positive finite number", name, k, v)
		}
	}
	for k := range t {
		if !contains(keys, k) {
			return fmt.Errorf("%s: unknown key %q (known: %s)", name, k, strings.Join(keys, ", "))
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// DefaultBaseRates returns the embedded, PHMSA-calibrated table. It panics if
// the embedded file is corrupt, which the package tests rule out.
func DefaultBaseRates() BaseRates {
	var b BaseRates
	if err := json.Unmarshal([]byte(baseRatesJSON), &b); err != nil {
		panic("riskmodel: embedded baserates.json: " + err.Error())
	}
	if err := b.Validate(); err != nil {
		panic("riskmodel: embedded baserates.json: " + err.Error())
	}
	return b
}
