package geo

import (
	"flag"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// clearanceCases are pipes (a) near sewers (b) within d, in metres.
var clearanceCases = []struct {
	name string
	a, b orb.LineString
	d    float64
	want []Interval
}{
	{"parallel inside", orb.LineString{{0, 0}, {100, 0}}, orb.LineString{{20, 0.5}, {60, 0.5}}, 1,
		// the sewer's ends reach √(1-0.25) ≈ 0.866 m beyond it along the pipe
		[]Interval{{(20 - math.Sqrt(0.75)) / 100, (60 + math.Sqrt(0.75)) / 100}}},
	{"parallel just outside", orb.LineString{{0, 0}, {100, 0}}, orb.LineString{{20, 1.0001}, {60, 1.0001}}, 1, nil},
	{"parallel at exactly d counts, as in ST_DWithin", orb.LineString{{0, 0}, {100, 0}}, orb.LineString{{20, 1}, {60, 1}}, 1,
		[]Interval{{0.2, 0.6}}},
	{"perpendicular crossing", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{5, -3}, {5, 3}}, 1, []Interval{{0.4, 0.6}}},
	{"past a sewer's end, within d only at the cap", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{5, 0.8}, {5, 5}}, 1,
		[]Interval{{(5 - 0.6) / 10, (5 + 0.6) / 10}}},
	{"sewer a point", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{2, 0}}, 1, []Interval{{0.1, 0.3}}},
	{"whole pipe within", orb.LineString{{0, 0}, {1, 0}}, orb.LineString{{-5, 0.2}, {5, 0.2}}, 1, []Interval{{0, 1}}},
	{"bent pipe meets the sewer on its last leg", orb.LineString{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, orb.LineString{{-1, 5}, {0, 5}, {0, 12}}, 2,
		[]Interval{{28.0 / 30, 1}}},
	{"pipe passes both ends of a U-shaped sewer", orb.LineString{{0, 0}, {20, 0}}, orb.LineString{{2, 1}, {2, 5}, {18, 5}, {18, 1}}, 1.5,
		[]Interval{{(2 - math.Sqrt(1.25)) / 20, (2 + math.Sqrt(1.25)) / 20}, {(18 - math.Sqrt(1.25)) / 20, (18 + math.Sqrt(1.25)) / 20}}},
	{"sewer crossing the pipe's vertex", orb.LineString{{0, 0}, {10, 0}, {20, 0}}, orb.LineString{{10, -5}, {10, 5}}, 1,
		[]Interval{{0.45, 0.55}}},
	{"far apart", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{0, 50}, {10, 50}}, 1, nil},
	{"zero distance", orb.LineString{{0, 0}, {10, 0}}, orb.LineString{{5, -3}, {5, 3}}, 0, nil},
	{"degenerate pipe", orb.LineString{{3, 3}, {3, 3}}, orb.LineString{{0, 3}, {9, 3}}, 1, nil},
}

func TestClearance(t *testing.T) {
	for _, c := range clearanceCases {
		t.Run(c.name, func(t *testing.T) {
			got := Clearance(c.a, c.b, c.d)
			if len(got) != len(c.want) {
				t.Fatalf("Clearance = %v, want %v", got, c.want)
			}
			for i := range got {
				if !near(got[i].F0, c.want[i].F0, 1e-12) || !near(got[i].F1, c.want[i].F1, 1e-12) {
					t.Errorf("stretch %d = %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// TestClearanceGolden pins the stretches of the cases, to the last digit.
func TestClearanceGolden(t *testing.T) {
	got := map[string][]Interval{}
	for _, c := range clearanceCases {
		got[c.name] = Clearance(c.a, c.b, c.d)
	}
	golden(t, "clearance.golden.json", got)
}

// TestClearanceSampled checks random pipes and sewers point by point: a
// point of the pipe is inside a returned stretch exactly when its distance
// to the sewer is at most d (away from the stretches' ends).
func TestClearanceSampled(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	line := func(n int) orb.LineString { return randomLine(rng, n) }
	for trial := 0; trial < 300; trial++ {
		a, b, d := line(2+rng.IntN(4)), line(1+rng.IntN(5)), 0.5+rng.Float64()*4
		got := Clearance(a, b, d)
		total := Length(a)
		for k := 0; k <= 1000; k++ {
			f := float64(k) / 1000
			p := pointAt(a, f*total)
			dist := distToLine(p, b)
			if math.Abs(dist-d) < 1e-6 {
				continue
			}
			in := false
			for _, iv := range got {
				if f >= iv.F0-1e-9 && f <= iv.F1+1e-9 {
					in = true
				}
			}
			if in != (dist < d) {
				t.Fatalf("trial %d: point at %.3f is %.6f from the sewer (d %.3f) but inside a stretch: %v; stretches %v\na %v\nb %v",
					trial, f, dist, d, in, got, a, b)
			}
		}
		for i := 1; i < len(got); i++ {
			if got[i].F0 <= got[i-1].F1 {
				t.Fatalf("trial %d: stretches not disjoint and ordered: %v", trial, got)
			}
		}
	}
}

// randomLine is a line of n random points in a 20 m square.
func randomLine(rng *rand.Rand, n int) orb.LineString {
	l := make(orb.LineString, n)
	for i := range l {
		l[i] = orb.Point{rng.Float64() * 20, rng.Float64() * 20}
	}
	return l
}

func pointAt(l orb.LineString, s float64) orb.Point {
	for i := 1; i < len(l); i++ {
		seg := norm(sub(l[i], l[i-1]))
		if s <= seg || i == len(l)-1 {
			t := 0.0
			if seg > 0 {
				t = min(s/seg, 1)
			}
			return orb.Point{l[i-1][0] + t*(l[i][0]-l[i-1][0]), l[i-1][1] + t*(l[i][1]-l[i-1][1])}
		}
		s -= seg
	}
	return l[0]
}

func distToLine(p orb.Point, l orb.LineString) float64 {
	if len(l) == 1 {
		return norm(sub(p, l[0]))
	}
	best := math.Inf(1)
	for i := 1; i < len(l); i++ {
		q0, q1 := l[i-1], l[i]
		u := sub(q1, q0)
		t := 0.0
		if uu := dot(u, u); uu > 0 {
			t = math.Max(0, math.Min(1, dot(sub(p, q0), u)/uu))
		}
		best = math.Min(best, norm(sub(p, orb.Point{q0[0] + t*u[0], q0[1] + t*u[1]})))
	}
	return best
}
