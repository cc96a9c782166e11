package datatest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gasrisk/data"
	"gasrisk/data/analysis"
	"gasrisk/data/importer"
	"gasrisk/riskmodel"
	"gasrisk/synth"
)

// AsOf is the as-of date of the analyses LoadCity runs.
func AsOf() time.Time { return time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC) }

// LoadCity generates a synthetic city with cfg, imports every layer into db
// and analyses it as of AsOf.
func LoadCity(tb testing.TB, db *data.DB, cfg synth.Config) analysis.RunSummary {
	tb.Helper()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "gasrisk-city-")
	if err != nil {
		tb.Fatal(err)
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			slog.Warn("datatest: removing the generated city failed", "op", "datatest.LoadCity", "dir", dir, "err", err)
		}
	}()
	if _, err := synth.Generate(ctx, cfg, dir, nil); err != nil {
		tb.Fatal(err)
	}
	imp := importer.New(db)
	for _, l := range importer.Order() {
		if _, err := imp.Import(ctx, importer.Options{Layer: l, File: filepath.Join(dir, l+".geojson")}); err != nil {
			tb.Fatalf("import %s: %v", l, err)
		}
	}
	return Analyze(tb, db)
}

// Analyze analyses db's city as of AsOf with the default model.
func Analyze(tb testing.TB, db *data.DB) analysis.RunSummary {
	tb.Helper()
	sum, err := analysis.New(db).Analyze(context.Background(), analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: AsOf()})
	if err != nil {
		tb.Fatal(err)
	}
	return sum
}
