package network_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"gasrisk/network"
)

// A main fed by a regulator at its west end, with a valve 50 m along it
// and a dead-end branch at its east end: a leak beyond the valve needs
// that valve closed, and the customer beyond loses gas.
func ExampleGraph_Isolate() {
	in := network.Input{
		Pipes: []network.Pipe{
			{GID: 1, ID: "main", Class: "MPB", Length: 100, A: orb.Point{0, 0}, B: orb.Point{100, 0}},
			{GID: 2, ID: "branch", Class: "MPB", Length: 40, A: orb.Point{100, 0}, B: orb.Point{100, 40}},
		},
		Valves:    []network.Valve{{GID: 1, ID: "V1", Point: orb.Point{50, 0}, On: network.Spot{Pipe: 1, At: 0.5}}},
		Stations:  []network.Station{{GID: 1, ID: "R1", Kind: "regulator", Point: orb.Point{-5, 0}}},
		Customers: []network.Customer{{GID: 1, ID: "C1", Meters: 12, On: network.Spot{Pipe: 2, At: 0.5}}},
	}
	g, err := network.Build(in, network.DefaultOptions())
	if err != nil {
		panic(err)
	}
	iso, err := g.Isolate(network.Spot{Pipe: 1, At: 0.8})
	if err != nil {
		panic(err)
	}
	for _, v := range iso.Valves {
		fmt.Println("close", v.ID)
	}
	for _, s := range iso.Isolated {
		fmt.Printf("isolated %s %.0f m\n", s.PipeID, s.Length)
	}
	for _, c := range iso.Customers {
		fmt.Println("loses gas:", c.ID, c.Meters, "meters")
	}
	fmt.Println("sources remaining:", len(iso.Sources))
	// Output:
	// close V1
	// isolated main 50 m
	// isolated branch 40 m
	// loses gas: C1 12 meters
	// sources remaining: 1
}

// The check of a network whose only pipe joins nothing.
func ExampleGraph_Check() {
	g, _ := network.Build(network.Input{Pipes: []network.Pipe{
		{GID: 1, ID: "stub", Class: "LP", Length: 10, A: orb.Point{0, 0}, B: orb.Point{10, 0}},
	}}, network.DefaultOptions())
	r := g.Check()
	fmt.Println(len(r.Dangles), "dangles,", len(r.Islands), "island of", r.Islands[0].Pipes, "pipe")
	// Output: 2 dangles, 1 island of 1 pipe
}
