package network

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Lines finds, among a set of lines (pipes by GID), the nearest to a
// point within a distance and where along it the point falls: what
// PostGIS answers with a nearest-neighbour search and ST_LineLocatePoint,
// without a query per point. The segments of the lines are indexed in a
// static grid like cells: their cell keys sorted, found by binary search.
type Lines struct {
	size  float64
	gids  []int64
	lines []orb.LineString
	cells []lineCell // sorted by key, then line
}

type segRef struct{ line, seg int32 }

// lineCell is a cell a segment of a line passes through.
type lineCell struct {
	key uint64
	ref segRef
}

// NewLines indexes lines (lines[i] of pipe gids[i]) in cells of size
// metres. The cells are counted before they are listed: one slice of
// exactly their number, sorted in place, is the index.
func NewLines(gids []int64, lines []orb.LineString, size float64) *Lines {
	l := &Lines{size: size, gids: gids, lines: lines}
	n := 0
	for _, ls := range lines {
		for j := 0; j+1 < len(ls); j++ {
			l.passes(ls[j], ls[j+1], func(int64, int64) { n++ })
		}
	}
	l.cells = make([]lineCell, 0, n)
	for i, ls := range lines {
		for j := 0; j+1 < len(ls); j++ {
			l.passes(ls[j], ls[j+1], func(cx, cy int64) {
				l.cells = append(l.cells, lineCell{cellKey(cx, cy), segRef{int32(i), int32(j)}})
			})
		}
	}
	slices.SortFunc(l.cells, func(a, b lineCell) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.ref.line, b.ref.line))
	})
	return l
}

// passes calls fn with every cell segment ab passes through: column by
// column, the rows between its heights at the column's edges (a long
// diagonal pipe is not registered in its whole bounding box).
func (l *Lines) passes(a, b orb.Point, fn func(cx, cy int64)) {
	if a[0] > b[0] {
		a, b = b, a
	}
	x0, _ := l.cell(a)
	x1, _ := l.cell(b)
	for cx := x0; cx <= x1; cx++ {
		lo, hi := max(a[0], float64(cx)*l.size), min(b[0], float64(cx+1)*l.size)
		ya, yb := a[1], b[1]
		if dx := b[0] - a[0]; dx > 0 {
			ya, yb = a[1]+(lo-a[0])/dx*(b[1]-a[1]), a[1]+(hi-a[0])/dx*(b[1]-a[1])
		}
		_, y0 := l.cell(orb.Point{lo, min(ya, yb)})
		_, y1 := l.cell(orb.Point{lo, max(ya, yb)})
		for cy := y0; cy <= y1; cy++ {
			fn(cx, cy)
		}
	}
}

func (l *Lines) cell(p orb.Point) (int64, int64) {
	return int64(math.Floor(p[0] / l.size)), int64(math.Floor(p[1] / l.size))
}

// Nearest returns the spot of p on the nearest line within maxM (a
// distance of exactly maxM counts), at the fraction of the line's length
// where p's nearest point on it lies; Pipe 0 when no line is that near.
// Of lines equally near, the one with the lowest GID.
func (l *Lines) Nearest(p orb.Point, maxM float64) Spot {
	best, bestD, bestT := segRef{line: -1}, math.Inf(1), 0.0
	x0, y0 := l.cell(orb.Point{p[0] - maxM, p[1] - maxM})
	x1, y1 := l.cell(orb.Point{p[0] + maxM, p[1] + maxM})
	for cx := x0; cx <= x1; cx++ {
		for cy := y0; cy <= y1; cy++ {
			k := cellKey(cx, cy)
			i, _ := slices.BinarySearchFunc(l.cells, k, func(c lineCell, k uint64) int { return cmp.Compare(c.key, k) })
			for ; i < len(l.cells) && l.cells[i].key == k; i++ {
				r := l.cells[i].ref
				ls := l.lines[r.line]
				d, t := toSegment(p, ls[r.seg], ls[r.seg+1])
				if d < bestD || d == bestD && best.line >= 0 && l.gids[r.line] < l.gids[best.line] {
					best, bestD, bestT = r, d, t
				}
			}
		}
	}
	if best.line < 0 || bestD > maxM*maxM {
		return Spot{}
	}
	return Spot{Pipe: l.gids[best.line], At: fraction(l.lines[best.line], int(best.seg), bestT)}
}

// toSegment is the squared distance from p to segment ab and the
// parameter t ∈ [0, 1] of the nearest point on it.
func toSegment(p, a, b orb.Point) (float64, float64) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if n := dx*dx + dy*dy; n > 0 {
		t = max(0, min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/n))
	}
	ex, ey := a[0]+t*dx-p[0], a[1]+t*dy-p[1]
	return ex*ex + ey*ey, t
}

// fraction is the fraction of ls's length at parameter t of segment seg.
func fraction(ls orb.LineString, seg int, t float64) float64 {
	total, before := 0.0, 0.0
	for j := 0; j+1 < len(ls); j++ {
		d := math.Hypot(ls[j+1][0]-ls[j][0], ls[j+1][1]-ls[j][1])
		if j < seg {
			before += d
		} else if j == seg {
			before += t * d
		}
		total += d
	}
	if total == 0 {
		return 0
	}
	return before / total
}
