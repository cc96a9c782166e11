package geo

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

var crossingCases = []struct {
	name string
	a, b orb.LineString
	want []float64 // fractions along a
}{
	{"perpendicular", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{4, -1}, {4, 1}}, []float64{0.4}},
	{"twice, in order along the pipe", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{8, -1}, {8, 1}, {2, 1}, {2, -1}}, []float64{0.2, 0.8}},
	{"at the pipe's vertex, once", orb.LineString{{0, 0}, {5, 0}, {10, 0}}, orb.LineString{{5, -1}, {5, 1}}, []float64{0.5}},
	{"at the sewer's vertex, once", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{3, -1}, {3, 0}, {4, 1}}, []float64{0.3}},
	{"sewer ends on the pipe", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{6, 0}, {6, 5}}, []float64{0.6}},
	{"touching end to end", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{10, 0}, {12, 3}}, []float64{1}},
	{"shared stretch counts at its start", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{7, 0}, {3, 0}}, []float64{0.3}},
	{"parallel apart", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{0, 1}, {10, 1}}, nil},
	{"missing each other", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{11, -1}, {11, 1}}, nil},
	{"bent pipe", orb.LineString{{0, 0}, {10, 0}, {10, 10}}, orb.LineString{{5, 5}, {15, 5}}, []float64{0.75}},
}

func TestCrossings(t *testing.T) {
	for _, c := range crossingCases {
		t.Run(c.name, func(t *testing.T) {
			got := Crossings(c.a, c.b)
			if len(got) != len(c.want) {
				t.Fatalf("Crossings = %v, want fractions %v", got, c.want)
			}
			for i, f := range c.want {
				if !near(got[i].F, f, 1e-12) {
					t.Errorf("crossing %d at %v, want %v", i, got[i].F, f)
				}
				if d := distToLine(got[i].At, c.b); d > 1e-9 {
					t.Errorf("crossing %d at %v is %v from the sewer", i, got[i].At, d)
				}
			}
		})
	}
}

func TestCrossingsGolden(t *testing.T) {
	got := map[string][]Crossing{}
	for _, c := range crossingCases {
		got[c.name] = Crossings(c.a, c.b)
	}
	golden(t, "crossings.golden.json", got)
}

// TestCrossingsSampled: on random lines, every crossing lies on both lines
// at its fraction, and Nearest finds the crossing when there is one.
func TestCrossingsSampled(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	line := func(n int) orb.LineString { return randomLine(rng, n) }
	for trial := 0; trial < 500; trial++ {
		a, b := line(2+rng.IntN(4)), line(2+rng.IntN(4))
		got := Crossings(a, b)
		for _, c := range got {
			if p := pointAt(a, c.F*Length(a)); !near(p[0], c.At[0], 1e-9) || !near(p[1], c.At[1], 1e-9) {
				t.Fatalf("trial %d: crossing %v is not at its fraction (%v)", trial, c, p)
			}
			if d := distToLine(c.At, b); d > 1e-9 {
				t.Fatalf("trial %d: crossing %v is %v from b", trial, c, d)
			}
		}
		if len(got) > 0 {
			if n := Nearest(a, b); distToLine(n.At, b) > 1e-9 {
				t.Fatalf("trial %d: Nearest %v is %v from b although they cross", trial, n, distToLine(n.At, b))
			}
		}
	}
}

func TestNearest(t *testing.T) {
	a := orb.LineString{{0, 0}, {10, 0}, {10, 10}}
	got := Nearest(a, orb.LineString{{4, 3}, {6, 2}})
	if !near(got.F, 0.3, 1e-12) || !near(got.At[0], 6, 1e-12) || got.At[1] != 0 {
		t.Errorf("Nearest = %v, want (6, 0) at 0.3", got)
	}
	got = Nearest(a, orb.LineString{{13, 5}, {13, 8}})
	if !near(got.F, 0.75, 1e-12) {
		t.Errorf("Nearest = %v, want 0.75", got)
	}
}

func TestPointIndex(t *testing.T) {
	x := NewPointIndex([]orb.Point{{0, 0}, {100, 100}, {-35, 12}}, 10)
	for _, c := range []struct {
		p    orb.Point
		r    float64
		want bool
	}{
		{orb.Point{6, 8}, 10, true},       // exactly 10 away: within, as ST_DWithin
		{orb.Point{6, 8.001}, 10, false},  // just beyond
		{orb.Point{-30, 12}, 5, true},     // another cell
		{orb.Point{100, 125}, 30, true},   // r beyond the cell size
		{orb.Point{50, 50}, 10, false},    // empty cells
		{orb.Point{-45.5, 12}, 10, false}, // negative coordinates
	} {
		if got := x.Within(c.p, c.r); got != c.want {
			t.Errorf("Within(%v, %v) = %v, want %v", c.p, c.r, got, c.want)
		}
	}
}

// golden compares v, as indented JSON, with testdata/name (rewritten with -update).
func golden(t *testing.T, name string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./geo -update to create it)", err)
	}
	if string(want) != string(data) {
		t.Errorf("differs from %s:\n%s", path, data)
	}
}
