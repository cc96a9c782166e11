// Package phmsa reads the US PHMSA gas distribution data (annual reports,
// form F 7100.1-1, and incident reports, form F 7100.1; public domain) and
// derives the likelihood base-rate table of the risk model: reportable
// incidents on mains per km·yr by material and install decade.
//
// The raw files are Latin-1; annual reports are comma-separated, incidents
// tab-separated. Load reads a directory holding gas_distribution_annual_YYYY.csv
// files and one incident_gas_distribution_*.tsv; Dataset.Calibrate fits the
// table and Calibration.BaseRates returns it in riskmodel's shape. The method
// is documented in docs/calibration.md; `go run ./cmd/calibrate`
// regenerates riskmodel/baserates.json.
package phmsa
