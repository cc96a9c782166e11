package synth

import (
	"testing"
)

// TestConnectedCity: in a connected city most pipe ends meet another
// pipe's end; in the default city almost none do, and its pipes are the
// ones it always had (TestGolden).
func TestConnectedCity(t *testing.T) {
	for _, tt := range []struct {
		connected bool
		lo, hi    float64
	}{{false, 0, 0.05}, {true, 0.5, 1}} {
		dir, _ := generate(t, Config{Segments: 500, Seed: 2, Connected: tt.connected})
		city := readCity(t, dir, "geojson")
		ends := map[pt]int{}
		for _, p := range city["pipes"] {
			ends[p.pts[0]]++
			ends[p.pts[len(p.pts)-1]]++
		}
		shared := 0
		for _, n := range ends {
			if n > 1 {
				shared += n
			}
		}
		share := float64(shared) / float64(2*len(city["pipes"]))
		if share < tt.lo || share > tt.hi {
			t.Errorf("connected %v: %.2f of the pipe ends meet another, want %.2f–%.2f", tt.connected, share, tt.lo, tt.hi)
		}
		if len(city["valves"]) < len(city["pipes"])/2 {
			t.Errorf("connected %v: %d valves for %d pipes", tt.connected, len(city["valves"]), len(city["pipes"]))
		}
	}
}
