package network

import "github.com/paulmach/orb"

// Pipe is an in-service gas pipe: its ends and length in the working CRS.
type Pipe struct {
	GID    int64
	ID     string
	Class  string // pressure class: LP, MPB … HPA
	Length float64
	A, B   orb.Point // first and last point
}

// Spot is where a feature sits on a pipe: the pipe's GID (0: on none
// within the tolerance) and the fraction of its length from its start.
type Spot struct {
	Pipe int64
	At   float64
}

// Valve is a valve; a valve on a pipe splits it.
type Valve struct {
	GID        int64
	ID         string
	Kind       string
	Class      string
	Closed     bool // normally closed: a boundary already
	Inoperable bool // cannot be closed: an isolation passes over it
	Point      orb.Point
	On         Spot
}

// Station is a station; the kinds in Sources feed the network.
type Station struct {
	GID   int64
	ID    string
	Kind  string
	Point orb.Point
	// Nearest is the nearest point of a pipe within the station radius,
	// where the station joins when no pipe end is that near.
	Nearest Spot
}

// Customer is a service point, fed by the pipe nearest to it.
type Customer struct {
	GID      int64
	ID       string
	Kind     string
	Meters   int
	Building string
	On       Spot
}

// Input is what a graph is built from.
type Input struct {
	Pipes     []Pipe
	Valves    []Valve
	Stations  []Station
	Customers []Customer
}

// Options are the tolerances of the graph (docs/design.md "Network
// topology").
type Options struct {
	// SnapM joins pipe ends closer than this, metres.
	SnapM float64
	// StationM joins a station to every pipe end within this distance
	// (else to the nearest pipe within it), metres.
	StationM float64
}

// DefaultOptions are the tolerances used unless configured: pipe ends
// within 0.5 m are one junction, and a station joins the pipe ends within
// 15 m (its plot). Both are data-cleaning tolerances chosen for this
// project, not numbers of a standard; ends that miss each other by more
// are reported as dangles for the GIS team to fix.
func DefaultOptions() Options { return Options{SnapM: 0.5, StationM: 15} }

// IsSource reports whether a station of kind feeds the network: city
// gates, storage stations and regulators (stations and boxes).
func IsSource(kind string) bool {
	switch kind {
	case "city_gate", "storage", "regulator", "regulator_box":
		return true
	}
	return false
}
