package topology_test

import (
	"context"
	"os"
	"testing"

	"gasrisk/data"
	"gasrisk/data/topology"
)

// BenchmarkCutsOnCity computes the outage cuts of the city in the
// database at $GASRISK_CUTS_URL — what the analysis's step "grade outage
// zones" does when no stored cuts match; skipped without the variable.
// For the step's CPU time, peak RSS and profiles on a generated city
// (docs/benchmarks.md, "Outage cuts at 120,000 pipes"), with the
// collector at the rate the analysis gives the step (GOGC=100):
//
//	go test -c -o /tmp/topology.test ./data/topology
//	GOGC=100 GASRISK_CUTS_URL=$(gasrisk db url) /usr/bin/time -v /tmp/topology.test \
//	    -test.run '^$' -test.bench CutsOnCity -test.benchtime 1x -test.cpuprofile cpu.out
func BenchmarkCutsOnCity(b *testing.B) {
	url := os.Getenv("GASRISK_CUTS_URL")
	if url == "" {
		b.Skip("GASRISK_CUTS_URL names no database with a city")
	}
	ctx := context.Background()
	db, err := data.Open(ctx, data.Config{URL: url})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for range b.N {
		cuts, err := topology.New(db).Cuts(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(cuts)), "stretches")
	}
}
