package network

import (
	"testing"

	"github.com/paulmach/orb"
)

// TestSnapTolerance: ends closer than the tolerance are one junction,
// farther ones are two dangles; a station joins classes without a class
// change.
func TestSnapTolerance(t *testing.T) {
	tests := []struct {
		name                 string
		gap                  float64
		classB               string
		station              bool
		junctions, dangles   int
		classChanges, island int
	}{
		{"ends 0.4 m apart meet", 0.4, "MPB", false, 3, 2, 0, 1},
		{"ends 0.6 m apart do not", 0.6, "MPB", false, 4, 4, 0, 2},
		{"classes meeting without a regulator", 0, "LP", false, 3, 2, 1, 1},
		{"classes meeting at a regulator", 0, "LP", true, 3, 2, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Pipes: []Pipe{
				{GID: 1, ID: "a", Class: "MPB", Length: 100, A: orb.Point{0, 0}, B: orb.Point{100, 0}},
				{GID: 2, ID: "b", Class: tt.classB, Length: 100, A: orb.Point{100 + tt.gap, 0}, B: orb.Point{200, 0}},
			}}
			if tt.station {
				in.Stations = []Station{{GID: 1, ID: "R", Kind: "regulator", Point: orb.Point{100, 8}}}
			}
			g, err := Build(in, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			r := g.Check()
			if r.Junctions != tt.junctions || len(r.Dangles) != tt.dangles || len(r.ClassChanges) != tt.classChanges || len(r.Islands) != tt.island {
				t.Errorf("junctions %d dangles %d class changes %d islands %d, want %d %d %d %d", r.Junctions, len(r.Dangles),
					len(r.ClassChanges), len(r.Islands), tt.junctions, tt.dangles, tt.classChanges, tt.island)
			}
		})
	}
	if _, err := Build(Input{}, Options{SnapM: 1, StationM: 0.5}); err == nil {
		t.Error("a station radius below the snap was accepted")
	}
}
