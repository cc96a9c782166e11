package network

import "slices"

// outage finds what loses gas once the valves bound are closed around the
// isolated area (marked isoMark): the network of the start piece (through
// pipes and valves not normally closed, up to the stations) is fed from
// its sources before and after; what was fed before and is not after is
// lost.
func (g *Graph) outage(s *scratch, start int32, isoMark uint32, bound []int32, iso *Isolation) {
	comp := s.next()
	var pieces, sources []int32
	s.queue = append(s.queue[:0], g.pieces[start].a, g.pieces[start].b)
	s.comp[g.pieces[start].a], s.comp[g.pieces[start].b] = comp, comp
	for len(s.queue) > 0 {
		n := s.queue[len(s.queue)-1]
		s.queue = s.queue[:len(s.queue)-1]
		for _, l := range g.adj[g.adjStart[n]:g.adjStart[n+1]] {
			switch {
			case l.kind == linkStation:
				if IsSource(g.stations[l.ref].Kind) {
					sources = append(sources, l.ref)
				}
				continue
			case l.kind == linkValve && g.valves[l.ref].Closed:
				continue
			case l.kind == linkPiece && s.pieceComp[l.ref] != comp:
				s.pieceComp[l.ref] = comp
				pieces = append(pieces, l.ref)
			}
			if s.comp[l.to] != comp {
				s.comp[l.to] = comp
				s.queue = append(s.queue, l.to)
			}
		}
	}
	sources = dedupe(sources)
	if len(sources) == 0 {
		iso.Unfed = true
	}
	before := g.feed(s, s.before, comp, sources, nil, 0)
	after := g.feed(s, s.after, comp, sources, bound, isoMark)
	for _, k := range pieces {
		pc := &g.pieces[k]
		st := g.stretch(pc)
		if s.piece[k] == isoMark {
			iso.Isolated = append(iso.Isolated, st)
		}
		lost := s.before[pc.a] == before && s.after[pc.a] != after
		if iso.Unfed && s.piece[k] == isoMark {
			lost = true // nothing fed it: still, these are the customers there
		}
		if !lost {
			continue
		}
		iso.Lost = append(iso.Lost, st)
		for _, c := range g.custs[g.custStart[k]:g.custStart[k+1]] {
			iso.Customers = append(iso.Customers, g.customers[c])
		}
	}
	for _, st := range sources {
		if g.feeds(st, s.after, after) {
			iso.Sources = append(iso.Sources, g.stations[st])
		}
	}
}

// feed marks in marks, with a new stamp it returns, the nodes of network
// comp fed from sources, not through the valves closed nor from the
// stations' joins inside the isolated area (isoMark; 0: none).
func (g *Graph) feed(s *scratch, marks []uint32, comp uint32, sources, closed []int32, isoMark uint32) uint32 {
	fed := s.next()
	s.queue = s.queue[:0]
	for _, st := range sources {
		n := g.stationNode[st]
		for _, l := range g.adj[g.adjStart[n]:g.adjStart[n+1]] {
			if s.comp[l.to] == comp && (isoMark == 0 || s.node[l.to] != isoMark) && marks[l.to] != fed {
				marks[l.to] = fed
				s.queue = append(s.queue, l.to)
			}
		}
	}
	for len(s.queue) > 0 {
		n := s.queue[len(s.queue)-1]
		s.queue = s.queue[:len(s.queue)-1]
		for _, l := range g.adj[g.adjStart[n]:g.adjStart[n+1]] {
			switch l.kind {
			case linkStation:
				continue
			case linkValve:
				if g.valves[l.ref].Closed {
					continue
				}
				if _, shut := slices.BinarySearch(closed, l.ref); shut {
					continue
				}
			}
			if marks[l.to] != fed {
				marks[l.to] = fed
				s.queue = append(s.queue, l.to)
			}
		}
	}
	return fed
}

// feeds reports whether station st joins a node marked fed.
func (g *Graph) feeds(st int32, marks []uint32, fed uint32) bool {
	n := g.stationNode[st]
	for _, l := range g.adj[g.adjStart[n]:g.adjStart[n+1]] {
		if marks[l.to] == fed {
			return true
		}
	}
	return false
}

func (g *Graph) stretch(pc *piece) Stretch {
	p := &g.pipes[pc.pipe]
	return Stretch{PipeGID: p.GID, PipeID: p.ID, Class: p.Class, F0: pc.f0, F1: pc.f1, Length: (pc.f1 - pc.f0) * p.Length}
}
