package network

import (
	"fmt"
	"slices"
	"sync"
)

// Stretch is a stretch of a pipe: fractions F0 < F1 of pipe PipeGID.
type Stretch struct {
	PipeGID int64
	PipeID  string
	Class   string
	F0, F1  float64
	Length  float64 // metres
}

// Isolation is the answer of an isolation trace: what to close to stop
// the gas at a point of the network, and what loses gas when it is.
type Isolation struct {
	Start Spot
	// Valves are the operable valves to close; Passed the inoperable ones
	// the trace went past (as Esri's filter barriers do), which is why it
	// reaches farther than they are.
	Valves, Passed []Valve
	// Stations feed the isolated stretch directly: their outlets must be
	// shut as well.
	Stations []Station
	// Isolated lies between the valves; Lost is all that loses gas once
	// they are closed: Isolated and what only it fed.
	Isolated, Lost []Stretch
	// Customers are the customers on Lost.
	Customers []Customer
	// Sources are the sources still feeding the network around: the
	// nearest one found from each side of the closed valves.
	Sources []Station
	// Unfed: no source fed the stretch before (an island of the data).
	Unfed bool
}

// scratch holds a trace's marks, one stamp per search, so that a trace
// needs no allocation proportional to the graph once warmed up: node marks
// of the isolated area (node), of each search for a source (comp) and of
// the sides found cut off (after); piece marks of the isolated area
// (piece) and of each search (pieceComp).
type scratch struct {
	node, comp, after []uint32
	piece, pieceComp  []uint32
	stamp             uint32
	queue             []int32
}

func (g *Graph) scratchPool() *sync.Pool {
	g.poolOnce.Do(func() {
		n, k := len(g.pos), len(g.pieces)
		g.pool = &sync.Pool{New: func() any {
			return &scratch{node: make([]uint32, n), comp: make([]uint32, n), after: make([]uint32, n),
				piece: make([]uint32, k), pieceComp: make([]uint32, k)}
		}}
	})
	return g.pool
}

func (s *scratch) next() uint32 {
	s.stamp++
	return s.stamp
}

// Isolate traces the isolation of the piece of pipe at spot.
func (g *Graph) Isolate(at Spot) (Isolation, error) {
	start, ok := g.pieceAt(at)
	if !ok {
		return Isolation{}, fmt.Errorf("network: pipe %d is not an in-service pipe of the network", at.Pipe)
	}
	pool := g.scratchPool()
	s := pool.Get().(*scratch)
	defer pool.Put(s)
	iso := Isolation{Start: at}

	// 1. The isolated area: everything reached from the start piece
	// without passing an operable or closed valve or a station.
	isoMark := s.next()
	var bound, passed, feeding, area []int32
	s.queue = s.queue[:0]
	visit := func(n int32) {
		if s.node[n] != isoMark {
			s.node[n] = isoMark
			s.queue = append(s.queue, n)
		}
	}
	s.piece[start] = isoMark
	area = append(area, start)
	visit(g.pieces[start].a)
	visit(g.pieces[start].b)
	for len(s.queue) > 0 {
		n := s.queue[len(s.queue)-1]
		s.queue = s.queue[:len(s.queue)-1]
		for _, l := range g.adj[g.adjStart[n]:g.adjStart[n+1]] {
			switch l.kind {
			case linkPiece:
				if s.piece[l.ref] != isoMark {
					s.piece[l.ref] = isoMark
					area = append(area, l.ref)
				}
				visit(l.to)
			case linkValve:
				v := &g.valves[l.ref]
				switch {
				case v.Closed:
				case v.Inoperable:
					passed = append(passed, l.ref)
					visit(l.to)
				default:
					bound = append(bound, l.ref)
				}
			case linkStation:
				feeding = append(feeding, l.ref)
			}
		}
	}
	// A valve reached from both sides lies inside the area: closing it
	// isolates nothing.
	bound = slices.DeleteFunc(dedupe(bound), func(v int32) bool { return g.valveInside(v, s.node, isoMark) })
	for _, v := range bound {
		iso.Valves = append(iso.Valves, g.valves[v])
	}
	for _, v := range dedupe(passed) {
		iso.Passed = append(iso.Passed, g.valves[v])
	}
	for _, st := range dedupe(feeding) {
		iso.Stations = append(iso.Stations, g.stations[st])
	}
	g.outage(s, start, isoMark, area, bound, &iso)
	return iso, nil
}

// valveInside reports whether both sides of valve v carry mark.
func (g *Graph) valveInside(v int32, marks []uint32, mark uint32) bool {
	sides := 0
	for _, n := range g.valveNode[v] {
		if marks[n] == mark {
			sides++
		}
	}
	return sides == 2
}

func dedupe(xs []int32) []int32 {
	slices.Sort(xs)
	return slices.Compact(xs)
}
