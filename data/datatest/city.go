package datatest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gasrisk/data"
	"gasrisk/riskmodel"
	"gasrisk/synth"
)

// AsOf is the as-of date of the analyses LoadCity runs.
func AsOf() time.Time { return time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC) }

// LoadCity generates a synthetic city with cfg, imports every layer into s
// and analyses it as of AsOf.
func LoadCity(tb testing.TB, s *data.Store, cfg synth.Config) data.RunSummary {
	tb.Helper()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "gasrisk-city-")
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if _, err := synth.Generate(ctx, cfg, dir, nil); err != nil {
		tb.Fatal(err)
	}
	for _, l := range data.ImportOrder() {
		if _, err := s.Import(ctx, data.ImportOptions{Layer: l, File: filepath.Join(dir, l+".geojson")}); err != nil {
			tb.Fatalf("import %s: %v", l, err)
		}
	}
	sum, err := s.Analyze(ctx, data.AnalysisOptions{Model: riskmodel.DefaultConfig(), AsOf: AsOf()})
	if err != nil {
		tb.Fatal(err)
	}
	return sum
}
