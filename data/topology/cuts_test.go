package topology_test

import (
	"context"
	"slices"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/topology"
	gasnet "gasrisk/network"
	"gasrisk/synth"
)

// TestCutsEqualGraphCuts: the cuts from the graph built of only what they
// depend on (Cuts, the analysis's outage step) are those of the full
// graph the isolation trace uses (Graph), meters aside (not read: the
// stretches that differ only in them are one), on the
// hand-built network and on a generated connected city.
func TestCutsEqualGraphCuts(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		load func(t *testing.T) *topology.Service
	}{
		{"hand-built network", func(t *testing.T) *topology.Service {
			_, topo := testNetwork().load(t)
			return topo
		}},
		{"generated connected city", func(t *testing.T) *topology.Service {
			s := env.Services(t)
			datatest.LoadCity(t, s.DB, synth.Config{Segments: 600, Seed: 3, Connected: true})
			return s.Topology
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			topo := tt.load(t)
			g, err := topo.Graph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := withoutMeters(g.Cuts())
			got, err := topo.Cuts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			critical := slices.ContainsFunc(want, func(c gasnet.StretchCut) bool { return c.Critical > 0 })
			if len(want) < 3 || !critical {
				t.Fatalf("%d stretches cut off customers, critical ones among them: %v; want a few of both", len(want), critical)
			}
			if !slices.Equal(got, want) {
				t.Errorf("Cuts: %d stretches, the graph's: %d\n%+v\n%+v", len(got), len(want), got, want)
			}
		})
	}
}

// withoutMeters is cuts with the meters zeroed and the stretches of a
// pipe that then have the same cut merged, as Graph.Cuts merges them.
func withoutMeters(cuts []gasnet.StretchCut) []gasnet.StretchCut {
	var out []gasnet.StretchCut
	for _, c := range cuts {
		c.Meters = 0
		if m := len(out) - 1; m >= 0 && out[m].PipeGID == c.PipeGID && out[m].F1 == c.F0 && out[m].Cut == c.Cut {
			out[m].F1 = c.F1
			continue
		}
		out = append(out, c)
	}
	return out
}
