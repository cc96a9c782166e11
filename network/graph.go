package network

import (
	"fmt"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// Kinds of link between two nodes of the graph.
const (
	linkPiece   uint8 = iota // a stretch of pipe
	linkValve                // a valve, between the stretches it separates
	linkStation              // a station and a junction it feeds
)

type link struct {
	to   int32
	kind uint8
	ref  int32 // piece, valve or station index
}

// piece is a stretch of a pipe between two nodes: fractions f0 < f1 of it.
type piece struct {
	pipe   int32
	f0, f1 float64
	a, b   int32
}

// Graph is the gas network: junctions where pipe ends meet, nodes where
// valves and stations cut pipes, a node per station; pieces of pipe,
// valves and station links between them.
type Graph struct {
	opts      Options
	pipes     []Pipe
	valves    []Valve
	stations  []Station
	customers []Customer
	pipeIndex map[int64]int32

	pos         []orb.Point // node positions
	junctions   int         // nodes [0, junctions) are where pipe ends meet
	ends        []int32     // pipe ends met at each junction
	stationNode []int32
	pieces      []piece
	firstPiece  []int32 // pieces of pipe p: [firstPiece[p], firstPiece[p+1])
	adjStart    []int32 // links of node n: adj[adjStart[n]:adjStart[n+1]]
	adj         []link
	custStart   []int32 // customers of piece k: custs[custStart[k]:custStart[k+1]]
	custs       []int32
	valveOff    []int32    // valves on no pipe
	valveNode   [][2]int32 // the nodes on the two sides of each valve on a pipe
	custOff     int        // customers on no pipe

	poolOnce sync.Once
	pool     *sync.Pool // of *scratch
}

// cut is a point where a valve or station divides a pipe.
type cut struct {
	pipe int32
	at   float64
	kind uint8
	ref  int32
}

// edge is a link before the adjacency is built.
type edge struct {
	a, b int32
	kind uint8
	ref  int32
}

// Build makes the graph of in: pipe ends within opts.SnapM are one
// junction; each valve on a pipe splits it; each station joins the pipe
// ends within opts.StationM, or, when there are none, the nearest pipe.
func Build(in Input, opts Options) (*Graph, error) {
	if opts.SnapM <= 0 || opts.StationM <= 0 || opts.StationM < opts.SnapM {
		return nil, fmt.Errorf("network: tolerances must be positive and the station radius at least the snap: %+v", opts)
	}
	g := &Graph{opts: opts, pipes: in.Pipes, valves: in.Valves, stations: in.Stations, customers: in.Customers,
		pipeIndex: make(map[int64]int32, len(in.Pipes))}
	for i, p := range in.Pipes {
		g.pipeIndex[p.GID] = int32(i)
	}
	endNode := g.snapEnds()
	// Sized for what they will hold: a piece per pipe and per cut, a
	// link per valve and station (station links to several ends aside).
	cuts := make([]cut, 0, len(in.Valves)+len(in.Stations))
	edges := make([]edge, 0, len(in.Pipes)+2*len(in.Valves)+2*len(in.Stations))
	edges, cuts = g.joinStations(endNode, edges, cuts)
	for i, v := range in.Valves {
		p, ok := g.pipeIndex[v.On.Pipe]
		if v.On.Pipe == 0 || !ok {
			g.valveOff = append(g.valveOff, int32(i))
			continue
		}
		cuts = append(cuts, cut{pipe: p, at: clamp01(v.On.At), kind: linkValve, ref: int32(i)})
	}
	slices.SortFunc(cuts, func(x, y cut) int {
		if x.pipe != y.pipe {
			return int(x.pipe - y.pipe)
		}
		switch {
		case x.at < y.at:
			return -1
		case x.at > y.at:
			return 1
		}
		return int(x.kind) - int(y.kind)
	})
	edges = g.splitPipes(endNode, cuts, edges)
	g.adjacency(edges)
	g.placeCustomers()
	return g, nil
}

// snapEnds joins the pipe ends within SnapM into junctions and returns
// the junction of each end (2p: start of pipe p, 2p+1: its end).
func (g *Graph) snapEnds() []int32 {
	pts := make([]orb.Point, 2*len(g.pipes))
	for i, p := range g.pipes {
		pts[2*i], pts[2*i+1] = p.A, p.B
	}
	set := newSets(len(pts))
	idx := newCells(pts, g.opts.SnapM)
	for i := range pts {
		idx.within(pts[i], g.opts.SnapM, func(j int32) { set.union(int32(i), j) })
	}
	node := make([]int32, len(pts))
	ids := make([]int32, len(pts))
	for i := range ids {
		ids[i] = -1
	}
	for i := range pts {
		r := set.find(int32(i))
		if ids[r] < 0 {
			ids[r] = int32(len(g.pos))
			g.pos = append(g.pos, pts[r])
			g.ends = append(g.ends, 0)
		}
		node[i] = ids[r]
		g.ends[ids[r]]++
	}
	g.junctions = len(g.pos)
	return node
}

// joinStations gives each station a node, linked to the junctions of the
// pipe ends within StationM of it, or cutting the nearest pipe.
func (g *Graph) joinStations(endNode []int32, edges []edge, cuts []cut) ([]edge, []cut) {
	pts := make([]orb.Point, 2*len(g.pipes))
	for i, p := range g.pipes {
		pts[2*i], pts[2*i+1] = p.A, p.B
	}
	idx := newCells(pts, g.opts.StationM)
	g.stationNode = make([]int32, len(g.stations))
	var near []int32
	for s, st := range g.stations {
		n := g.addNode(st.Point)
		g.stationNode[s] = n
		near = near[:0]
		idx.within(st.Point, g.opts.StationM, func(e int32) {
			if j := endNode[e]; !slices.Contains(near, j) {
				near = append(near, j)
			}
		})
		for _, j := range near {
			edges = append(edges, edge{a: n, b: j, kind: linkStation, ref: int32(s)})
		}
		if p, ok := g.pipeIndex[st.Nearest.Pipe]; len(near) == 0 && st.Nearest.Pipe != 0 && ok {
			cuts = append(cuts, cut{pipe: p, at: clamp01(st.Nearest.At), kind: linkStation, ref: int32(s)})
		}
	}
	return edges, cuts
}

func (g *Graph) addNode(p orb.Point) int32 {
	g.pos = append(g.pos, p)
	return int32(len(g.pos) - 1)
}

// splitPipes cuts every pipe into pieces at its cuts (sorted by pipe and
// fraction): a valve becomes a link between the nodes on its two sides, a
// station a link from the node where it joins.
func (g *Graph) splitPipes(endNode []int32, cuts []cut, edges []edge) []edge {
	g.firstPiece = make([]int32, len(g.pipes)+1)
	g.valveNode = make([][2]int32, len(g.valves))
	g.pieces = make([]piece, 0, len(g.pipes)+len(cuts))
	g.pos = slices.Grow(g.pos, len(cuts)+countValves(cuts))
	k := 0
	for p := range g.pipes {
		g.firstPiece[p] = int32(len(g.pieces))
		cur, f := endNode[2*p], 0.0
		for ; k < len(cuts) && cuts[k].pipe == int32(p); k++ {
			c := cuts[k]
			at := g.cutPoint(c)
			n := g.addNode(at)
			g.pieces = append(g.pieces, piece{pipe: int32(p), f0: f, f1: c.at, a: cur, b: n})
			if c.kind == linkValve {
				r := g.addNode(at)
				edges = append(edges, edge{a: n, b: r, kind: linkValve, ref: c.ref})
				g.valveNode[c.ref] = [2]int32{n, r}
				cur = r
			} else {
				edges = append(edges, edge{a: g.stationNode[c.ref], b: n, kind: linkStation, ref: c.ref})
				cur = n
			}
			f = c.at
		}
		g.pieces = append(g.pieces, piece{pipe: int32(p), f0: f, f1: 1, a: cur, b: endNode[2*p+1]})
	}
	g.firstPiece[len(g.pipes)] = int32(len(g.pieces))
	for i, pc := range g.pieces {
		edges = append(edges, edge{a: pc.a, b: pc.b, kind: linkPiece, ref: int32(i)})
	}
	return edges
}

// countValves counts the valves among cuts (each adds two nodes).
func countValves(cuts []cut) int {
	n := 0
	for _, c := range cuts {
		if c.kind == linkValve {
			n++
		}
	}
	return n
}

func (g *Graph) cutPoint(c cut) orb.Point {
	if c.kind == linkValve {
		return g.valves[c.ref].Point
	}
	return g.stations[c.ref].Point
}

// adjacency builds both directions of every edge into a compact list.
func (g *Graph) adjacency(edges []edge) {
	g.adjStart = make([]int32, len(g.pos)+1)
	for _, e := range edges {
		g.adjStart[e.a+1]++
		g.adjStart[e.b+1]++
	}
	for n := range g.pos {
		g.adjStart[n+1] += g.adjStart[n]
	}
	fill := slices.Clone(g.adjStart[:len(g.pos)])
	g.adj = make([]link, 2*len(edges))
	for _, e := range edges {
		g.adj[fill[e.a]] = link{to: e.b, kind: e.kind, ref: e.ref}
		fill[e.a]++
		g.adj[fill[e.b]] = link{to: e.a, kind: e.kind, ref: e.ref}
		fill[e.b]++
	}
}

// placeCustomers puts each customer on the piece of its pipe it is on.
func (g *Graph) placeCustomers() {
	of := make([]int32, len(g.customers))
	g.custStart = make([]int32, len(g.pieces)+1)
	for i, c := range g.customers {
		of[i] = -1
		if k, ok := g.pieceAt(c.On); ok {
			of[i] = k
			g.custStart[k+1]++
		} else {
			g.custOff++
		}
	}
	for k := range g.pieces {
		g.custStart[k+1] += g.custStart[k]
	}
	fill := slices.Clone(g.custStart[:len(g.pieces)])
	g.custs = make([]int32, g.custStart[len(g.pieces)])
	for i, k := range of {
		if k >= 0 {
			g.custs[fill[k]] = int32(i)
			fill[k]++
		}
	}
}

// pieceAt returns the piece at spot s.
func (g *Graph) pieceAt(s Spot) (int32, bool) {
	p, ok := g.pipeIndex[s.Pipe]
	if !ok {
		return 0, false
	}
	lo, hi := g.firstPiece[p], g.firstPiece[p+1]
	at := clamp01(s.At)
	k, _ := slices.BinarySearchFunc(g.pieces[lo:hi], at, func(pc piece, f float64) int {
		if pc.f1 < f {
			return -1
		}
		return 1
	})
	return lo + int32(min(k, int(hi-lo-1))), true
}

func clamp01(f float64) float64 { return max(0, min(1, f)) }

// Size reports the graph's pipes, junctions, pieces and valves on pipes.
func (g *Graph) Size() (pipes, junctions, pieces, valves int) {
	return len(g.pipes), g.junctions, len(g.pieces), len(g.valves) - len(g.valveOff)
}
