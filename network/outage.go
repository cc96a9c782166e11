package network

import "slices"

// outage finds what loses gas once the valves bound are closed around the
// isolated area (its nodes marked isoMark in s.node, its pieces listed in
// area). The area was fed if a source can be reached from it with every
// valve open but the normally closed ones. Then the far side of each
// boundary valve is searched, with the valves of bound closed and the area
// left out, until a source is reached: a side that reaches none loses gas
// with all it reached. The searches stop at the first source, so a trace
// costs what the isolated area and the parts it cuts off hold, not the
// whole network of the start; Sources are the sources so found, the
// nearest that still feed each side.
func (g *Graph) outage(s *scratch, start int32, isoMark uint32, area, bound []int32, iso *Isolation) {
	iso.Unfed = g.search(s, []int32{g.pieces[start].a}, nil, 0, nil) < 0
	lost := slices.Clone(area)
	var sources []int32
	cut := s.next() // s.after: nodes of sides found cut off
	for _, v := range bound {
		n := g.valveNode[v]
		side := n[0]
		if s.node[side] == isoMark {
			side = n[1]
		}
		if s.after[side] == cut {
			continue // cut off, found from another valve
		}
		var pieces []int32
		if src := g.search(s, []int32{side}, bound, isoMark, &pieces); src >= 0 {
			sources = append(sources, src)
			continue
		}
		for _, m := range s.queue {
			s.after[m] = cut
		}
		if !iso.Unfed {
			lost = append(lost, pieces...)
		}
	}
	for _, k := range area {
		iso.Isolated = append(iso.Isolated, g.stretch(&g.pieces[k]))
	}
	for _, k := range lost {
		iso.Lost = append(iso.Lost, g.stretch(&g.pieces[k]))
		for _, c := range g.custs[g.custStart[k]:g.custStart[k+1]] {
			iso.Customers = append(iso.Customers, g.customers[c])
		}
	}
	for _, st := range dedupe(sources) {
		iso.Sources = append(iso.Sources, g.stations[st])
	}
}

// search explores breadth first from the nodes from — through pieces and
// valves, not the normally closed ones nor those in closed (sorted), nor
// into nodes marked isoMark in s.node (0: none) — until it reaches a
// source station, which it returns (-1: none). The nodes it reached are
// left in s.queue, and with pieces non-nil the pieces it reached are
// appended to it.
func (g *Graph) search(s *scratch, from, closed []int32, isoMark uint32, pieces *[]int32) int32 {
	mark := s.next()
	s.queue = s.queue[:0]
	for _, n := range from {
		if s.comp[n] != mark {
			s.comp[n] = mark
			s.queue = append(s.queue, n)
		}
	}
	for head := 0; head < len(s.queue); head++ {
		n := s.queue[head]
		for _, l := range g.adj[g.adjStart[n]:g.adjStart[n+1]] {
			switch l.kind {
			case linkStation:
				if IsSource(g.stations[l.ref].Kind) {
					return l.ref
				}
				continue
			case linkValve:
				if g.valves[l.ref].Closed {
					continue
				}
				if _, shut := slices.BinarySearch(closed, l.ref); shut {
					continue
				}
			case linkPiece:
				if pieces != nil && s.pieceComp[l.ref] != mark {
					s.pieceComp[l.ref] = mark
					*pieces = append(*pieces, l.ref)
				}
			}
			if isoMark != 0 && s.node[l.to] == isoMark {
				continue
			}
			if s.comp[l.to] != mark {
				s.comp[l.to] = mark
				s.queue = append(s.queue, l.to)
			}
		}
	}
	return -1
}

func (g *Graph) stretch(pc *piece) Stretch {
	p := &g.pipes[pc.pipe]
	return Stretch{PipeGID: p.GID, PipeID: p.ID, Class: p.Class, F0: pc.f0, F1: pc.f1, Length: (pc.f1 - pc.f0) * p.Length}
}
