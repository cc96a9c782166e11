// Package riskmodel is the domain core of gasrisk: it turns what spatial
// detection knows about one pipe segment (Facts) into a likelihood of failure
// (LoF, per km·yr), a consequence of failure (CoF), a score, a four-colour
// grade (red 重大, orange 较大, yellow 一般, blue 低) and the factors that
// explain it (Assessment).
//
// The package is pure: it does no I/O beyond decoding a model configuration
// from an io.Reader and reading its own embedded base-rate table. Every number
// it uses lives in Config, whose defaults (DefaultConfig) are documented with
// their sources in docs/risk-model.md; the detection distances the PostGIS
// side needs (protection and control ranges, clearances, …) live in
// Config.Detection so that one file configures a whole analysis run.
package riskmodel
