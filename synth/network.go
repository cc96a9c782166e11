package synth

// edgeKind is the orientation of a street edge in the grid. Edge (i, j) of
// each kind joins these nodes:
//
//	edgeH:  (i, j) → (i+1, j)
//	edgeV:  (i, j) → (i, j+1)
//	edgeD1: (i, j) → (i+1, j+1), on the cells with i-ci == j-cj
//	edgeD2: (i+1, j) → (i, j+1), on the cells with (i-ci)+(j-cj) == -1
//
// Edges with the same j form edge row j.
type edgeKind uint8

const (
	edgeH edgeKind = iota
	edgeV
	edgeD1
	edgeD2
)

// roadClass is what a street edge carries.
type roadClass uint8

const (
	roadLocal      roadClass = iota // distribution mains, LP/MPB
	roadArterial                    // MPA mains
	roadRing                        // the HPB transmission ring
	roadSpokeOuter                  // SHPA spokes from the ring inwards
	roadSpokeInner                  // SHPB ends of the spokes
)

// ends returns the grid indices of the edge's start and end nodes.
func ends(k edgeKind, i, j int) (ia, ja, ib, jb int) {
	switch k {
	case edgeH:
		return i, j, i + 1, j
	case edgeV:
		return i, j, i, j + 1
	case edgeD1:
		return i, j, i + 1, j + 1
	}
	return i + 1, j, i, j + 1
}

// diagColumn returns the column of the one diagonal cell of kind k in row j.
func (p *plan) diagColumn(k edgeKind, j int) int {
	if k == edgeD1 {
		return p.ax.c + (j - p.ay.c)
	}
	return p.ax.c - 1 - (j - p.ay.c)
}

// class says what the edge carries: ring and spokes of the transmission
// system, arterials (every few grid lines and the two diagonals) or local.
func (p *plan) class(k edgeKind, i, j int) roadClass {
	switch k {
	case edgeH:
		return lineClass(j, i, &p.ay, &p.ax)
	case edgeV:
		return lineClass(i, j, &p.ax, &p.ay)
	}
	return roadArterial
}

// lineClass classifies the edge on grid line `line` of axis across that spans
// [at, at+1] along axis along.
func lineClass(line, at int, across, along *axis) roadClass {
	if (line == across.ringLo || line == across.ringHi) && at >= along.ringLo && at < along.ringHi {
		return roadRing
	}
	if line == across.c {
		if at >= along.spokeHi && at < along.ringHi {
			if at >= (along.spokeHi+along.ringHi)/2 {
				return roadSpokeOuter
			}
			return roadSpokeInner
		}
		if at >= along.ringLo && at+1 <= along.spokeLo {
			if at < (along.spokeLo+along.ringLo)/2 {
				return roadSpokeOuter
			}
			return roadSpokeInner
		}
	}
	if across.art[line] {
		return roadArterial
	}
	return roadLocal
}

// exists reports whether street edge (k, i, j) is built: both its nodes lie
// in the city, diagonals only on their cells, and some local streets are
// missing (more of them in the outer districts) to break up the grid.
func (p *plan) exists(k edgeKind, i, j int) bool {
	ia, ja, ib, jb := ends(k, i, j)
	a, okA := p.node(ia, ja)
	_, okB := p.node(ib, jb)
	if !okA || !okB {
		return false
	}
	if k >= edgeD1 && i != p.diagColumn(k, j) {
		return false
	}
	if p.class(k, i, j) != roadLocal {
		return true
	}
	missing := [...]float64{0.04, 0.07, 0.12}[p.zoneAt(a, 0)]
	return unitHash(p.seed, tagMissing+uint64(k), i-p.ax.c, j-p.ay.c) >= missing
}

// countPipes counts the edges that exist: one pipe each.
func (p *plan) countPipes() int {
	n := 0
	for j := range p.ny {
		for i := range p.nx {
			if p.exists(edgeH, i, j) {
				n++
			}
			if p.exists(edgeV, i, j) {
				n++
			}
		}
		for _, k := range [2]edgeKind{edgeD1, edgeD2} {
			if p.exists(k, p.diagColumn(k, j), j) {
				n++
			}
		}
	}
	return n
}
