package network

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// randomGrid is a street grid of n × n blocks with, on each pipe and as
// drawn with seed, a valve (some inoperable, some normally closed) near
// one end or in the middle, a customer (some critical), and a few
// sources and non-source stations; some pipes are dead-end services off
// the grid, and one island has no source.
func randomGrid(n int, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, 17))
	var in Input
	id := int64(0)
	node := func(i, j int) orb.Point { return orb.Point{float64(i) * 100, float64(j) * 100} }
	addPipe := func(a, b orb.Point) {
		id++
		length := a.X() - b.X() + a.Y() - b.Y()
		in.Pipes = append(in.Pipes, Pipe{GID: id, ID: fmt.Sprint("P", id), Class: "MPB", Length: max(length, -length), A: a, B: b})
		if r := rng.Float64(); r < 0.6 {
			at := []float64{0.05, 0.5, 0.95}[rng.IntN(3)]
			pt := orb.Point{a.X() + at*(b.X()-a.X()), a.Y() + at*(b.Y()-a.Y())}
			in.Valves = append(in.Valves, Valve{GID: id, ID: fmt.Sprint("V", id), Point: pt, On: Spot{Pipe: id, At: at},
				Inoperable: rng.IntN(8) == 0, Closed: rng.IntN(25) == 0})
		}
		for range rng.IntN(3) {
			kind := "residential"
			if rng.IntN(10) == 0 {
				kind = "critical"
			}
			in.Customers = append(in.Customers, Customer{GID: int64(len(in.Customers) + 1), Kind: kind, Meters: 1 + rng.IntN(9),
				On: Spot{Pipe: id, At: rng.Float64()}})
		}
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= n; j++ {
			if i < n && rng.IntN(6) > 0 {
				addPipe(node(i, j), node(i+1, j))
			}
			if j < n && rng.IntN(6) > 0 {
				addPipe(node(i, j), node(i, j+1))
			}
			if rng.IntN(5) == 0 { // a service off the grid
				p := node(i, j)
				addPipe(p, orb.Point{p.X() + 30, p.Y() + 40})
			}
		}
	}
	addPipe(orb.Point{-1000, -1000}, orb.Point{-900, -1000}) // an island
	for k := range 3 {
		i, j := rng.IntN(n+1), rng.IntN(n+1)
		kind := []string{"regulator", "city_gate", "valve_chamber"}[k]
		in.Stations = append(in.Stations, Station{GID: int64(k + 1), ID: kind, Kind: kind, Point: orb.Point{float64(i)*100 + 3, float64(j) * 100}})
	}
	return in
}

// TestCutsEqualTraces: on every piece of randomised networks, inside it
// and at its end (at a valve), the customers, critical customers and
// meters Cuts gives are those the isolation trace there finds.
func TestCutsEqualTraces(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			g, err := Build(randomGrid(8, seed), DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			cuts := g.Cuts()
			nonzero := 0
			for k, pc := range g.pieces {
				gid := g.pipes[pc.pipe].GID
				for _, f := range []float64{(pc.f0 + pc.f1) / 2, pc.f1} { // inside, and at its valve
					iso, err := g.Isolate(Spot{Pipe: gid, At: f})
					if err != nil {
						t.Fatal(err)
					}
					var want Cut
					for i := range iso.Customers {
						want.add(customerCut(&iso.Customers[i]))
					}
					if got := lookup(cuts, gid, f); got != want {
						t.Fatalf("piece %d (pipe %d at %.2f): cuts %+v, trace %+v", k, gid, f, got, want)
					}
					if want.Customers > 0 {
						nonzero++
					}
				}
			}
			if nonzero == 0 {
				t.Fatal("no piece cut off a customer: the network tests nothing")
			}
		})
	}
}

// lookup is the cut at fraction f of pipe gid (zero: none listed).
func lookup(cuts []StretchCut, gid int64, f float64) Cut {
	i, _ := slices.BinarySearchFunc(cuts, gid, func(s StretchCut, g int64) int { return int(s.PipeGID - g) })
	for ; i < len(cuts) && cuts[i].PipeGID == gid; i++ {
		if cuts[i].Holds(f) {
			return cuts[i].Cut
		}
	}
	return Cut{}
}

// TestCutsMainAndService: on a main fed from one end, closing the main
// (on either side of its valve: the stretch at the regulator feeds all
// the rest) cuts off the service's customers too; closing the service
// cuts off its own only.
func TestCutsMainAndService(t *testing.T) {
	in := Input{
		Pipes: []Pipe{
			{GID: 1, ID: "main", Class: "MPB", Length: 100, A: orb.Point{0, 0}, B: orb.Point{100, 0}},
			{GID: 2, ID: "service", Class: "MPB", Length: 40, A: orb.Point{100, 0}, B: orb.Point{100, 40}},
		},
		Valves: []Valve{{GID: 1, ID: "V1", Point: orb.Point{10, 0}, On: Spot{Pipe: 1, At: 0.1}},
			{GID: 2, ID: "V2", Point: orb.Point{100, 2}, On: Spot{Pipe: 2, At: 0.05}}},
		Stations: []Station{{GID: 1, ID: "R1", Kind: "regulator", Point: orb.Point{-5, 0}}},
		Customers: []Customer{{GID: 1, ID: "H", Kind: "critical", Meters: 1, On: Spot{Pipe: 2, At: 0.9}},
			{GID: 2, ID: "C", Kind: "residential", Meters: 3, On: Spot{Pipe: 1, At: 0.5}}},
	}
	g, err := Build(in, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	cuts := g.Cuts()
	tests := []struct {
		name string
		pipe int64
		at   float64
		want Cut
	}{
		{"the main beyond its valve", 1, 0.5, Cut{Customers: 2, Critical: 1, Meters: 4}},
		{"the main before its valve, at the regulator", 1, 0.05, Cut{Customers: 2, Critical: 1, Meters: 4}},
		{"the service", 2, 0.5, Cut{Customers: 1, Critical: 1, Meters: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lookup(cuts, tt.pipe, tt.at); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
