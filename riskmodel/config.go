package riskmodel

import (
	"fmt"
	"time"
)

// Config is the whole risk model and detection configuration. It is
// JSON-serialisable (snake_case keys); an analysis run records the Config it
// used. DefaultConfig documents every default; LoadConfig overrides them
// from a file.
type Config struct {
	// AsOf is the as-of date (YYYY-MM-DD) ages are computed at; empty means
	// the caller decides (normally today) and sets Facts.AsOfYear.
	AsOf string `json:"as_of"`
	// ScoreScale converts LoF × CoF to the score: Score = ScoreScale × LoF
	// (per km·yr) × CoF (receptor equivalents). With 1e5, a score of 1 is a
	// failure rate of 1e-5 per km·yr threatening one building.
	ScoreScale float64 `json:"score_scale"`
	// Thresholds grade the score.
	Thresholds Thresholds `json:"thresholds"`
	// Floors are the policy minimum grades.
	Floors Floors `json:"floors"`
	// BaseRates is the LoF base-rate table (PHMSA-calibrated by default).
	BaseRates BaseRates `json:"base_rates"`
	// ThreatShares splits the base rate into the ASME B31.8S threats
	// (PHMSA-calibrated by default).
	ThreatShares ThreatShares `json:"threat_shares"`
	// Likelihood holds the threat modifiers.
	Likelihood Likelihood `json:"likelihood"`
	// Evidence holds how field evidence modifies each threat.
	Evidence Evidence `json:"evidence"`
	// Consequence holds the consequence weights and the impact radius.
	Consequence Consequence `json:"consequence"`
	// AgedRule is the ageing definition.
	AgedRule AgedRule `json:"aged"`
	// Detection holds the distances the spatial detection uses.
	Detection Detection `json:"detection"`
	// Renewal is the renewal programme's cost model and rules (§11).
	Renewal RenewalPlan `json:"renewal"`
	// Sensors holds the thresholds of the live detectors (sensors.go).
	Sensors Sensors `json:"sensors"`
}

// DefaultConfig returns the documented defaults (docs/risk-model.md): GB
// 50028-2006 and GB 55009-2021 distances, the 2022 State Council ageing
// rule, the ASME B31.8S impact radius and the PHMSA-calibrated base rates.
// Every call returns a fresh value that the caller may modify.
func DefaultConfig() Config {
	return Config{
		ScoreScale:   1e5,
		Thresholds:   Thresholds{Yellow: 10, Orange: 150, Red: 600},
		Floors:       defaultFloors(),
		BaseRates:    DefaultBaseRates(),
		Likelihood:   defaultLikelihood(),
		ThreatShares: DefaultThreatShares(),
		Evidence:     defaultEvidence(),
		Consequence:  defaultConsequence(),
		AgedRule:     defaultAgedRule(),
		Detection:    defaultDetection(),
		Renewal:      defaultRenewalPlan(),
		Sensors:      defaultSensors(),
	}
}

// AsOfYear returns the year of AsOf, or false when AsOf is empty or
// malformed.
func (c Config) AsOfYear() (int, bool) {
	t, err := parseAsOf(c.AsOf)
	if err != nil || t.IsZero() {
		return 0, false
	}
	return t.Year(), true
}

// parseAsOf parses a YYYY-MM-DD date; "" gives the zero time.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("as_of %q: want YYYY-MM-DD", s)
	}
	return t, nil
}
