package network

import (
	"slices"

	"github.com/paulmach/orb"
)

// Report is what a topology check finds for a GIS team to clean.
type Report struct {
	Pipes, Junctions, Pieces, Valves, Stations, Customers int
	// Dangles are pipe ends that meet no other pipe and no station.
	Dangles []Dangle
	// Islands are connected parts of the network no source feeds.
	Islands []Island
	// ClassChanges are junctions where pipes of different pressure
	// classes meet without a regulator.
	ClassChanges []ClassChange
	// ValvesOff are valves farther than the tolerance from any pipe.
	ValvesOff []Valve
	// CustomersOff is the number of customers with no pipe near enough.
	CustomersOff int
}

// Dangle is a pipe end that meets nothing.
type Dangle struct {
	At     orb.Point
	PipeID string
}

// Island is a connected part of the network without a source.
type Island struct {
	At      orb.Point // one of its junctions
	Pipes   int
	LengthM float64
	PipeIDs []string // the first few
}

// ClassChange is a junction of pipes of different pressure classes.
type ClassChange struct {
	At      orb.Point
	Classes []string
	PipeIDs []string
}

// islandPipes is how many pipe ids an island lists.
const islandPipes = 5

// Check validates the graph's topology.
func (g *Graph) Check() Report {
	r := Report{Pipes: len(g.pipes), Junctions: g.junctions, Pieces: len(g.pieces),
		Valves: len(g.valves), Stations: len(g.stations), Customers: len(g.customers), CustomersOff: g.custOff}
	for _, v := range g.valveOff {
		r.ValvesOff = append(r.ValvesOff, g.valves[v])
	}
	g.checkJunctions(&r)
	g.checkIslands(&r)
	return r
}

// checkJunctions finds dangles and class changes: a junction with one
// pipe end and no station, or with ends of several classes and none.
func (g *Graph) checkJunctions(r *Report) {
	for n := range int32(g.junctions) {
		station := false
		var classes, ids []string
		for _, l := range g.adj[g.adjStart[n]:g.adjStart[n+1]] {
			switch l.kind {
			case linkStation:
				station = true
			case linkPiece:
				pc := &g.pieces[l.ref]
				if pc.a != n && pc.b != n {
					continue
				}
				// only the pipe's own ends count, not cuts that are nodes too
				p := &g.pipes[pc.pipe]
				if (pc.f0 == 0 && pc.a == n) || (pc.f1 == 1 && pc.b == n) {
					classes = append(classes, p.Class)
					ids = append(ids, p.ID)
				}
			}
		}
		if station {
			continue
		}
		if g.ends[n] == 1 && len(ids) == 1 {
			r.Dangles = append(r.Dangles, Dangle{At: g.pos[n], PipeID: ids[0]})
		}
		slices.Sort(classes)
		if classes = slices.Compact(classes); len(classes) > 1 {
			r.ClassChanges = append(r.ClassChanges, ClassChange{At: g.pos[n], Classes: classes, PipeIDs: dedupeStrings(ids)})
		}
	}
}

// checkIslands labels the parts of the network joined by pipes, valves
// (closed or not) and stations, and reports those without a source.
func (g *Graph) checkIslands(r *Report) {
	seen := make([]bool, len(g.pos))
	var queue []int32
	for start := range int32(g.junctions) {
		if seen[start] {
			continue
		}
		island, fed := Island{At: g.pos[start]}, false
		counted := map[int32]bool{}
		seen[start] = true
		queue = append(queue[:0], start)
		for len(queue) > 0 {
			n := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			for _, l := range g.adj[g.adjStart[n]:g.adjStart[n+1]] {
				switch l.kind {
				case linkStation:
					fed = fed || IsSource(g.stations[l.ref].Kind)
				case linkPiece:
					pc := &g.pieces[l.ref]
					island.LengthM += (pc.f1 - pc.f0) * g.pipes[pc.pipe].Length / 2 // seen from both ends
					if !counted[pc.pipe] {
						counted[pc.pipe] = true
						island.Pipes++
						if len(island.PipeIDs) < islandPipes {
							island.PipeIDs = append(island.PipeIDs, g.pipes[pc.pipe].ID)
						}
					}
				}
				if !seen[l.to] {
					seen[l.to] = true
					queue = append(queue, l.to)
				}
			}
		}
		if !fed && island.Pipes > 0 {
			r.Islands = append(r.Islands, island)
		}
	}
}

func dedupeStrings(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}
