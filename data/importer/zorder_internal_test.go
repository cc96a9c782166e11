package importer

import (
	"math"
	"sort"
	"testing"
)

func TestZGridCellIsMonotone(t *testing.T) {
	for _, c := range []struct {
		name  string
		first float64
		vals  []float64
	}{
		{"degrees", 114.3, []float64{math.Inf(-1), -4e7, -180, -1, -1e-300, 0, 1e-300, 0.5, 1, 113.9, 114, 114.00001, 180, 3386000, math.Inf(1)}},
		{"metres", 38500000, []float64{-1e12, -3386000, -0.5, 0, 0.3, 3386000, 3386000.3, 3386001, 38500000, 1e12}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var g zGrid
			g.key(c.first, 0)
			for i := 1; i < len(c.vals); i++ {
				if a, b := g.cell(c.vals[i-1]), g.cell(c.vals[i]); a > b {
					t.Errorf("cell(%g) = %d > cell(%g) = %d", c.vals[i-1], a, c.vals[i], b)
				}
			}
			if a, b := g.cell(c.first), g.cell(math.Nextafter(c.first*(1+1e-6), math.Inf(1))); a == b {
				t.Errorf("cell(%g) = cell(%g): cells coarser than a millionth of the first coordinate", c.first, c.first*(1+1e-6))
			}
		})
	}
}

func TestInterleave(t *testing.T) {
	for _, c := range []struct {
		x, y uint32
		want uint64
	}{
		{0, 0, 0},
		{1, 0, 0b10},
		{0, 1, 0b01},
		{0b11, 0b01, 0b1011},
		{math.MaxUint32, 0, 0xaaaaaaaaaaaaaaaa},
		{0, math.MaxUint32, 0x5555555555555555},
		{math.MaxUint32, math.MaxUint32, math.MaxUint64},
	} {
		t.Run("", func(t *testing.T) {
			if got := interleave(c.x, c.y); got != c.want {
				t.Errorf("interleave(%b, %b) = %b, want %b", c.x, c.y, got, c.want)
			}
		})
	}
}

// TestZKeyLocality sorts a 64 × 64 grid of points by key, in lon/lat
// degrees and in metres of a projected CRS: runs of 64 consecutive
// points cover compact blocks (in row or file order they would span the
// grid's whole width), and the grid's last quadrant comes after its first.
func TestZKeyLocality(t *testing.T) {
	const n, run = 64, 64
	for _, c := range []struct {
		name         string
		x0, y0, cell float64
	}{
		{"degrees", 114.25, 22.5, 0.001},
		{"metres", 528000, 3386000, 20},
		{"negative degrees", -70.5, -33.5, 0.001},
	} {
		t.Run(c.name, func(t *testing.T) {
			type pt struct {
				i, j int
				key  int64
			}
			var pts []pt
			var g zGrid
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					pts = append(pts, pt{i, j, g.key(c.x0+float64(i)*c.cell, c.y0+float64(j)*c.cell)})
				}
			}
			sort.SliceStable(pts, func(a, b int) bool { return pts[a].key < pts[b].key })
			span := 0
			for k := 0; k < len(pts); k += run {
				mi, mj, xi, xj := n, n, 0, 0
				for _, p := range pts[k : k+run] {
					mi, mj, xi, xj = min(mi, p.i), min(mj, p.j), max(xi, p.i), max(xj, p.j)
				}
				span += max(xi-mi, xj-mj) + 1
			}
			if mean := float64(span) / float64(len(pts)/run); mean > n/2 {
				t.Errorf("runs of %d points span %.1f cells on average, want a compact block (< %d)", run, mean, n/2)
			}
			if first, last := pts[0], pts[len(pts)-1]; first.i >= n/2 || first.j >= n/2 || last.i < n/2 || last.j < n/2 {
				t.Errorf("key order starts at cell (%d, %d) and ends at (%d, %d): want the lower left first and the upper right last",
					first.i, first.j, last.i, last.j)
			}
		})
	}
}
