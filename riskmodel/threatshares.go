package riskmodel

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// threatSharesJSON is the calibrated table written by `go run
// ./cmd/calibrate` (docs/calibration.md, "Threats").
//
//go:embed threats.json
var threatSharesJSON string

// ThreatShares splits each material's base rate into the threats of ASME
// B31.8S: the base rate of threat t on material m is
//
//	BaseRates.Rate(m, year) × Shares[m][t]
//
// The shares of a material add up to 1 (within rounding).
type ThreatShares struct {
	// Source names the data and the program that derived the table.
	Source string `json:"source"`
	// Period is the span of report years the shares were derived from.
	Period string `json:"period"`
	// Shares maps every canonical material (Materials) to each threat's
	// (Threats) share of its base rate.
	Shares map[string]map[string]float64 `json:"shares"`
}

// Validate checks that every material has a non-negative, finite share
// for every threat, adding up to 1 ± 1 %, and that no unknown key is
// present.
func (s ThreatShares) Validate() error {
	for _, m := range Materials() {
		row, ok := s.Shares[m]
		if !ok {
			return fmt.Errorf("threat_shares.shares: missing material %q", m)
		}
		total := 0.0
		for _, t := range Threats() {
			v, ok := row[t]
			if !ok {
				return fmt.Errorf("threat_shares.shares[%q]: missing threat %q (a material's entry replaces the default whole)", m, t)
			}
			if !(v >= 0) || math.IsInf(v, 0) {
				return fmt.Errorf("threat_shares.shares[%q][%q] = %v: must be a non-negative finite number", m, t, v)
			}
			total += v
		}
		if math.Abs(total-1) > 0.01 {
			return fmt.Errorf("threat_shares.shares[%q] add up to %.4f, want 1", m, total)
		}
		for t := range row {
			if threatIndex(t) < 0 {
				return fmt.Errorf("threat_shares.shares[%q]: unknown threat %q", m, t)
			}
		}
	}
	for m := range s.Shares {
		if !KnownMaterial(m) {
			return fmt.Errorf("threat_shares.shares: unknown material %q", m)
		}
	}
	return nil
}

// of returns material m's shares in the order of Threats, scaled to add
// up to exactly 1.
func (s ThreatShares) of(m string) [numThreats]float64 {
	var out [numThreats]float64
	total := 0.0
	for i, t := range Threats() {
		out[i] = s.Shares[materialKey(m)][t]
		total += out[i]
	}
	for i := range out {
		out[i] /= total
	}
	return out
}

// numThreats is len(Threats()).
const numThreats = 7

// DefaultThreatShares returns the embedded, PHMSA-calibrated table. It
// panics if the embedded file is corrupt, which the package tests rule
// out.
func DefaultThreatShares() ThreatShares {
	var s ThreatShares
	if err := json.Unmarshal([]byte(threatSharesJSON), &s); err != nil {
		panic("riskmodel: embedded threats.json: " + err.Error())
	}
	if err := s.Validate(); err != nil {
		panic("riskmodel: embedded threats.json: " + err.Error())
	}
	return s
}

// shareOrder returns the threat indices by descending share (ties in
// Threats order).
func shareOrder(v [numThreats]float64) [numThreats]int {
	var idx [numThreats]int
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx[:], func(a, b int) bool { return v[idx[a]] > v[idx[b]] })
	return idx
}
