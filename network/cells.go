package network

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// cells is a static grid index of points: the points sorted by the cell
// they fall in, found by binary search. It holds no map, so a million
// points cost two slices.
type cells struct {
	size float64
	keys []uint64 // sorted cell keys
	ids  []int32  // the point of each key
	pts  []orb.Point
}

func cellKey(cx, cy int64) uint64 { return uint64(uint32(int32(cx)))<<32 | uint64(uint32(int32(cy))) }

func (c *cells) cell(p orb.Point) (int64, int64) {
	return int64(math.Floor(p[0] / c.size)), int64(math.Floor(p[1] / c.size))
}

// newCells indexes pts in cells of size metres.
func newCells(pts []orb.Point, size float64) *cells {
	c := &cells{size: size, pts: pts, keys: make([]uint64, len(pts)), ids: make([]int32, len(pts))}
	order := make([]int32, len(pts))
	keys := make([]uint64, len(pts))
	for i, p := range pts {
		cx, cy := c.cell(p)
		keys[i] = cellKey(cx, cy)
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if keys[a] != keys[b] {
			if keys[a] < keys[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	for k, i := range order {
		c.keys[k], c.ids[k] = keys[i], i
	}
	return c
}

// within calls fn with every indexed point within r of p (r ≤ size).
func (c *cells) within(p orb.Point, r float64, fn func(id int32)) {
	cx, cy := c.cell(p)
	for dx := int64(-1); dx <= 1; dx++ {
		for dy := int64(-1); dy <= 1; dy++ {
			k := cellKey(cx+dx, cy+dy)
			i, _ := slices.BinarySearch(c.keys, k)
			for ; i < len(c.keys) && c.keys[i] == k; i++ {
				id := c.ids[i]
				q := c.pts[id]
				if math.Hypot(q[0]-p[0], q[1]-p[1]) <= r {
					fn(id)
				}
			}
		}
	}
}
