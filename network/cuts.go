package network

import "slices"

// Cut is what an isolation cuts off: the customers that lose gas, how
// many of them are critical (hospitals, schools …: kind "critical") and
// their meters.
type Cut struct {
	Customers, Critical, Meters int
}

func (c *Cut) add(o Cut) {
	c.Customers += o.Customers
	c.Critical += o.Critical
	c.Meters += o.Meters
}

// StretchCut is a stretch of pipe and what an isolation of any point of it
// cuts off.
type StretchCut struct {
	PipeGID int64
	F0, F1  float64
	Cut
}

// Cuts answers, for every piece of the network at once, what its
// isolation trace (Isolate) cuts off, in time linear in the graph's size.
//
// The isolation zones are the parts of the network left connected once
// the operable valves are closed (an inoperable valve does not separate;
// a normally closed one separates already): every piece of a zone has
// the same isolated area, hence the same trace. In the graph of the zones
// — joined by their operable open valves, and all joined to one root
// through the sources that feed them — closing a zone cuts off the zone
// and every part of the network that reaches the root only through it:
// the subtrees of a depth-first search from the root hanging below the
// zone as an articulation point (Tarjan's low-link). A zone no source
// feeds cuts off itself only, as the trace does for an unfed start.
//
// The stretches are returned by pipe and fraction, those of one pipe with
// the same cut merged; stretches that cut off no customer are left out.
func (g *Graph) Cuts() []StretchCut {
	zone, n := g.zones()
	own := make([]Cut, n+1) // the last is the root
	for k := range g.pieces {
		z := zone[g.pieces[k].a]
		for _, c := range g.custs[g.custStart[k]:g.custStart[k+1]] {
			own[z].add(customerCut(&g.customers[c]))
		}
	}
	cut := g.zoneCuts(zone, n, own)
	var out []StretchCut
	for k := range g.pieces {
		pc := &g.pieces[k]
		c := cut[zone[pc.a]]
		if c.Customers == 0 {
			continue
		}
		gid := g.pipes[pc.pipe].GID
		if m := len(out) - 1; m >= 0 && out[m].PipeGID == gid && out[m].F1 == pc.f0 && out[m].Cut == c {
			out[m].F1 = pc.f1
			continue
		}
		out = append(out, StretchCut{PipeGID: gid, F0: pc.f0, F1: pc.f1, Cut: c})
	}
	return out
}

// Holds reports whether the isolation trace at fraction f of the pipe
// starts on the stretch: F0 < f ≤ F1 (f = 0 on the first stretch), the
// stretch before a valve for a point at the valve.
func (s *StretchCut) Holds(f float64) bool { return (s.F0 < f || s.F0 == 0) && f <= s.F1 }

func customerCut(c *Customer) Cut {
	x := Cut{Customers: 1, Meters: c.Meters}
	if c.Kind == "critical" {
		x.Critical = 1
	}
	return x
}

// zones numbers the isolation zones: the nodes joined by pieces and by
// inoperable valves that are not normally closed. It returns each node's
// zone and the number of zones.
func (g *Graph) zones() ([]int32, int) {
	set := newSets(len(g.pos))
	for _, pc := range g.pieces {
		set.union(pc.a, pc.b)
	}
	for v, sides := range g.valveNode {
		// A valve on no pipe has the sides {0, 0}: joining node 0 to itself.
		if vv := &g.valves[v]; vv.Inoperable && !vv.Closed {
			set.union(sides[0], sides[1])
		}
	}
	zone := make([]int32, len(g.pos))
	ids := make([]int32, len(g.pos))
	n := int32(0)
	for i := range set {
		r := set.find(int32(i))
		if r == int32(i) {
			ids[i] = n
			n++
		}
		zone[i] = ids[r]
	}
	return zone, int(n)
}

// zoneCuts finds what closing each zone cuts off, given what each zone
// holds (own; own[n] is the root's, empty).
func (g *Graph) zoneCuts(zone []int32, n int, own []Cut) []Cut {
	root := int32(n)
	var edges [][2]int32
	for v, sides := range g.valveNode {
		vv := &g.valves[v]
		if vv.Closed || vv.Inoperable {
			continue
		}
		if a, b := zone[sides[0]], zone[sides[1]]; a != b {
			edges = append(edges, [2]int32{a, b})
		}
	}
	for s, st := range g.stations {
		if !IsSource(st.Kind) {
			continue
		}
		sn := g.stationNode[s]
		for _, l := range g.adj[g.adjStart[sn]:g.adjStart[sn+1]] {
			edges = append(edges, [2]int32{root, zone[l.to]})
		}
	}
	start, adj := csr(n+1, edges)
	cut := slices.Clone(own)
	articulations(root, start, adj, own, cut)
	return cut
}

// csr is the adjacency of the undirected edges over n vertices: the
// neighbours of v are adj[start[v]:start[v+1]].
func csr(n int, edges [][2]int32) ([]int32, []int32) {
	start := make([]int32, n+1)
	for _, e := range edges {
		start[e[0]+1]++
		start[e[1]+1]++
	}
	for v := range n {
		start[v+1] += start[v]
	}
	fill := slices.Clone(start[:n])
	adj := make([]int32, 2*len(edges))
	for _, e := range edges {
		adj[fill[e[0]]] = e[1]
		fill[e[0]]++
		adj[fill[e[1]]] = e[0]
		fill[e[1]]++
	}
	return start, adj
}

// articulations searches depth first from root and adds to cut[v], for
// every vertex v reached but the root, the holdings (own) of the subtrees
// below v that reach no vertex above v but through it: what closing v
// cuts off from the root. Iterative: the zones of a city chain deeper
// than a goroutine's stack should grow for.
func articulations(root int32, start, adj []int32, own, cut []Cut) {
	n := len(start) - 1
	disc := make([]int32, n) // 0: not reached
	low := make([]int32, n)
	sub := slices.Clone(own) // holdings of each subtree
	next := slices.Clone(start[:n])
	stack := []int32{root}
	parent := make([]int32, n)
	parent[root] = -1
	t := int32(1)
	disc[root], low[root] = t, t
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		if next[v] < start[v+1] {
			w := adj[next[v]]
			next[v]++
			if disc[w] == 0 {
				t++
				disc[w], low[w], parent[w] = t, t, v
				stack = append(stack, w)
			} else {
				low[v] = min(low[v], disc[w])
			}
			continue
		}
		stack = stack[:len(stack)-1]
		p := parent[v]
		if p < 0 {
			continue
		}
		low[p] = min(low[p], low[v])
		sub[p].add(sub[v])
		if p != root && low[v] >= disc[p] {
			cut[p].add(sub[v])
		}
	}
}
