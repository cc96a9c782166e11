package network

import (
	"testing"

	"github.com/paulmach/orb"
)

// gridInput is a street grid of n × n blocks of 100 m: a pipe on every
// block edge, a valve near the start of four pipes in five (fewer, and
// the valves no longer bound small areas of a meshed grid: with half of
// the pipes unvalved an isolation spreads over the whole grid), a
// regulator at every tenth node of the diagonal and a customer on every
// pipe.
func gridInput(n int) Input {
	var in Input
	id := int64(0)
	node := func(i, j int) orb.Point { return orb.Point{float64(i) * 100, float64(j) * 100} }
	addPipe := func(a, b orb.Point) {
		id++
		in.Pipes = append(in.Pipes, Pipe{GID: id, ID: "P", Class: "MPB", Length: 100, A: a, B: b})
		if id%5 != 0 {
			in.Valves = append(in.Valves, Valve{GID: id, ID: "V", Point: a, On: Spot{Pipe: id, At: 0.05}})
		}
		in.Customers = append(in.Customers, Customer{GID: id, ID: "C", Meters: 4, On: Spot{Pipe: id, At: 0.5}})
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= n; j++ {
			if i < n {
				addPipe(node(i, j), node(i+1, j))
			}
			if j < n {
				addPipe(node(i, j), node(i, j+1))
			}
		}
	}
	for k := 0; k <= n; k += 10 {
		in.Stations = append(in.Stations, Station{GID: int64(k + 1), ID: "R", Kind: "regulator", Point: orb.Point{float64(k)*100 + 5, float64(k) * 100}})
	}
	return in
}

// BenchmarkBuild builds the graph of a 300 × 300 grid (180,600 pipes).
func BenchmarkBuild(b *testing.B) {
	in := gridInput(300)
	b.ResetTimer()
	for range b.N {
		if _, err := Build(in, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIsolate traces isolations at pipes spread over the grid: the
// Go part of an isolation request (no SQL).
func BenchmarkIsolate(b *testing.B) {
	g, err := Build(gridInput(300), DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for k := range b.N {
		if _, err := g.Isolate(Spot{Pipe: int64(1 + (k*7919)%len(g.pipes)), At: 0.5}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCuts finds what isolating each piece of a 300 × 300 grid cuts
// off: the outage consequence of an analysis (no SQL).
func BenchmarkCuts(b *testing.B) {
	g, err := Build(gridInput(300), DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if len(g.Cuts()) == 0 {
			b.Fatal("no cuts")
		}
	}
}
