package synth

import (
	"context"
	"testing"
)

func BenchmarkGenerate(b *testing.B) {
	const segments = 100_000
	dir := b.TempDir()
	for b.Loop() {
		if _, err := Generate(context.Background(), Config{Segments: segments, Seed: 1}, dir, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(segments)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
}
