package network

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestLinesNearest: the nearest line within the distance and the
// fraction along it, against a scan of every segment, on random lines
// (long diagonals among them) and points.
func TestLinesNearest(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var gids []int64
	var lines []orb.LineString
	for i := range 300 {
		ls := orb.LineString{{rng.Float64() * 2000, rng.Float64() * 2000}}
		for range 1 + rng.IntN(4) {
			step := 20 + rng.Float64()*300
			a := rng.Float64() * 2 * math.Pi
			last := ls[len(ls)-1]
			ls = append(ls, orb.Point{last[0] + step*math.Cos(a), last[1] + step*math.Sin(a)})
		}
		gids, lines = append(gids, int64(i+1)), append(lines, ls)
	}
	idx := NewLines(gids, lines, 50)
	for range 3000 {
		p := orb.Point{rng.Float64()*2400 - 200, rng.Float64()*2400 - 200}
		maxM := []float64{1, 30, 100}[rng.IntN(3)]
		want, wantD := Spot{}, math.Inf(1)
		for i, ls := range lines {
			for j := 0; j+1 < len(ls); j++ {
				if d, tt := toSegment(p, ls[j], ls[j+1]); d < wantD && d <= maxM*maxM {
					want, wantD = Spot{Pipe: gids[i], At: fraction(ls, j, tt)}, d
				}
			}
		}
		if got := idx.Nearest(p, maxM); got.Pipe != want.Pipe || math.Abs(got.At-want.At) > 1e-9 {
			t.Fatalf("Nearest(%v, %g) = %+v, want %+v", p, maxM, got, want)
		}
	}
}

// TestLinesFraction: the fraction is of the whole line's length, as
// ST_LineLocatePoint gives it.
func TestLinesFraction(t *testing.T) {
	idx := NewLines([]int64{7}, []orb.LineString{{{0, 0}, {100, 0}, {100, 300}}}, 50)
	tests := []struct {
		p    orb.Point
		want Spot
	}{
		{orb.Point{50, 5}, Spot{Pipe: 7, At: 50.0 / 400}},
		{orb.Point{103, 200}, Spot{Pipe: 7, At: 300.0 / 400}},
		{orb.Point{-20, 0}, Spot{}}, // 20 m off its start: beyond 10 m
	}
	for _, tt := range tests {
		if got := idx.Nearest(tt.p, 10); got.Pipe != tt.want.Pipe || math.Abs(got.At-tt.want.At) > 1e-12 {
			t.Errorf("Nearest(%v) = %+v, want %+v", tt.p, got, tt.want)
		}
	}
}
