package network

import (
	"testing"

	"github.com/paulmach/orb"
)

// TestReach: 80 m from the middle of a 40 m sewer reaches 60 m into the
// sewer joined at its east manhole and none of one that stops 2 m short.
func TestReach(t *testing.T) {
	in := Input{Pipes: []Pipe{
		{GID: 1, ID: "crossed", Length: 40, A: orb.Point{0, 0}, B: orb.Point{40, 0}},
		{GID: 2, ID: "joined", Length: 100, A: orb.Point{40, 0}, B: orb.Point{140, 0}},
		{GID: 3, ID: "apart", Length: 100, A: orb.Point{-2, 0}, B: orb.Point{-102, 0}},
	}}
	g, err := Build(in, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	got, err := g.Reach(Spot{Pipe: 1, At: 0.5}, 80)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"crossed": 40, "joined": 60}
	seen := map[string]float64{}
	for _, s := range got {
		seen[s.PipeID] += s.Length
	}
	for id, l := range want {
		if d := seen[id] - l; d < -1e-9 || d > 1e-9 {
			t.Errorf("%s: %.3f m reached, want %.3f", id, seen[id], l)
		}
	}
	if seen["apart"] != 0 {
		t.Errorf("the sewer 2 m apart was reached: %v", seen)
	}
	if _, err := g.Reach(Spot{Pipe: 9}, 10); err == nil {
		t.Error("a line not in the network was reached")
	}
}
