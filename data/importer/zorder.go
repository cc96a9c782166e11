package importer

import "math"

// zGrid orders features along a Z curve (Morton order): the cell numbers
// of a point's two coordinates on a square grid, their bits interleaved,
// x first. Rows written in the order of their features' keys put
// neighbours together on disk, as the geohash order did (a geohash is
// the same interleaving of lon/lat bits), without PostGIS computing a
// point, a transform and a geohash per row.
//
// The grid is fixed by the first point keyed, in whatever unit the file
// has: cells of 2⁻²⁴ of the power of two above its larger coordinate
// (≈ 0.9 m at longitude 116°, 0.25 m at 3,000 km of northing), 2³² of them
// along each axis centred on the origin, so it reaches 128 times as far
// as that point; points beyond share the edge cells.
type zGrid struct {
	exp int // cells are 2^exp units
	set bool
}

// cellBits is how far below the first point's magnitude the cells are.
const cellBits = 24

// key is the point's Z-order key (signed, ordered as the unsigned code).
func (g *zGrid) key(x, y float64) int64 {
	if !g.set {
		_, e := math.Frexp(max(math.Abs(x), math.Abs(y)))
		g.exp, g.set = e-cellBits, true
	}
	return int64(interleave(g.cell(x), g.cell(y)) ^ 1<<63)
}

// cell is the coordinate's cell number along its axis.
func (g *zGrid) cell(v float64) uint32 {
	c := math.Floor(math.Ldexp(v, -g.exp))
	switch {
	case math.IsNaN(c):
		c = 0
	case c < math.MinInt32:
		c = math.MinInt32
	case c > math.MaxInt32:
		c = math.MaxInt32
	}
	return uint32(int64(c) + 1<<31)
}

// interleave puts x's bits at the odd positions and y's at the even ones.
func interleave(x, y uint32) uint64 {
	return spread(x)<<1 | spread(y)
}

// spread moves bit i of v to bit 2i.
func spread(v uint32) uint64 {
	x := uint64(v)
	x = (x | x<<16) & 0x0000ffff0000ffff
	x = (x | x<<8) & 0x00ff00ff00ff00ff
	x = (x | x<<4) & 0x0f0f0f0f0f0f0f0f
	x = (x | x<<2) & 0x3333333333333333
	x = (x | x<<1) & 0x5555555555555555
	return x
}
