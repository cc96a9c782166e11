package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// PointIndex answers whether any of a set of points lies near a place:
// the points are kept in square cells of a grid.
type PointIndex struct {
	cell  float64
	cells map[[2]int64][]orb.Point
}

// NewPointIndex indexes points in cells of side cell (best near the
// distances that will be asked; must be positive).
func NewPointIndex(points []orb.Point, cell float64) *PointIndex {
	x := &PointIndex{cell: cell, cells: make(map[[2]int64][]orb.Point, len(points))}
	for _, p := range points {
		k := x.key(p[0], p[1])
		x.cells[k] = append(x.cells[k], p)
	}
	return x
}

func (x *PointIndex) key(px, py float64) [2]int64 {
	return [2]int64{int64(math.Floor(px / x.cell)), int64(math.Floor(py / x.cell))}
}

// Within reports whether a point of the index lies at most r from p.
func (x *PointIndex) Within(p orb.Point, r float64) bool { return x.WithinWhere(p, r, nil) }

// WithinWhere reports whether a point of the index that lies at most r
// from p passes ok (nil: any point does).
func (x *PointIndex) WithinWhere(p orb.Point, r float64, ok func(orb.Point) bool) bool {
	lo, hi := x.key(p[0]-r, p[1]-r), x.key(p[0]+r, p[1]+r)
	for cx := lo[0]; cx <= hi[0]; cx++ {
		for cy := lo[1]; cy <= hi[1]; cy++ {
			for _, q := range x.cells[[2]int64{cx, cy}] {
				if math.Hypot(q[0]-p[0], q[1]-p[1]) <= r && (ok == nil || ok(q)) {
					return true
				}
			}
		}
	}
	return false
}
