package network

import (
	"container/heap"
	"fmt"
)

// Reach returns the stretches of the network within maxM metres of spot,
// measured along the lines (through junctions and valves of any state,
// not through stations): where gas that escaped at spot into a sewer
// network travels, when the graph is built from sewers whose ends meet at
// manholes. A stretch reached from both of its ends is returned twice,
// once from each.
func (g *Graph) Reach(at Spot, maxM float64) ([]Stretch, error) {
	start, ok := g.pieceAt(at)
	if !ok {
		return nil, fmt.Errorf("network: line %d is not in the network", at.Pipe)
	}
	pc := g.pieces[start]
	p := &g.pipes[pc.pipe]
	f := clamp01(at.At)
	var out []Stretch
	add := func(k int32, f0, f1 float64) {
		if f1 > f0 {
			st := g.stretch(&g.pieces[k])
			st.F0, st.F1, st.Length = f0, f1, (f1-f0)*g.pipes[g.pieces[k].pipe].Length
			out = append(out, st)
		}
	}
	span := 0.0
	if p.Length > 0 {
		span = maxM / p.Length
	}
	add(start, max(pc.f0, f-span), min(pc.f1, f+span))
	dist := map[int32]float64{}
	q := &nodeQueue{}
	push := func(n int32, d float64) {
		if old, seen := dist[n]; d <= maxM && (!seen || d < old) {
			dist[n] = d
			heap.Push(q, nodeDist{n, d})
		}
	}
	push(pc.a, (f-pc.f0)*p.Length)
	push(pc.b, (pc.f1-f)*p.Length)
	for q.Len() > 0 {
		nd := heap.Pop(q).(nodeDist)
		if nd.d > dist[nd.n] {
			continue
		}
		for _, l := range g.adj[g.adjStart[nd.n]:g.adjStart[nd.n+1]] {
			switch l.kind {
			case linkStation:
				continue
			case linkValve:
				push(l.to, nd.d)
				continue
			}
			if l.ref == start {
				continue
			}
			e := &g.pieces[l.ref]
			length := (e.f1 - e.f0) * g.pipes[e.pipe].Length
			rem := maxM - nd.d
			if rem >= length {
				add(l.ref, e.f0, e.f1)
				push(l.to, nd.d+length)
				continue
			}
			part := (e.f1 - e.f0) * rem / length
			if e.a == nd.n {
				add(l.ref, e.f0, e.f0+part)
			} else {
				add(l.ref, e.f1-part, e.f1)
			}
		}
	}
	return out, nil
}

type nodeDist struct {
	n int32
	d float64
}

// nodeQueue is a min-heap of nodes by distance.
type nodeQueue []nodeDist

func (q nodeQueue) Len() int           { return len(q) }
func (q nodeQueue) Less(i, j int) bool { return q[i].d < q[j].d }
func (q nodeQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *nodeQueue) Push(x any)        { *q = append(*q, x.(nodeDist)) }
func (q *nodeQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
