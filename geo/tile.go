package geo

import (
	"fmt"
	"math"
)

// Web-mercator (EPSG:3857) constants.
const (
	// EarthRadius is the sphere radius of EPSG:3857, in metres.
	EarthRadius = 6378137.0
	// MercatorMax is half the width of the EPSG:3857 world square, in metres.
	MercatorMax = math.Pi * EarthRadius
	// MaxLat is the latitude at the top edge of the web-mercator square.
	MaxLat = 85.05112877980659
	// MaxTileZoom is the deepest zoom level a tile address may have.
	MaxTileZoom = 22
)

// Tile is one XYZ (slippy-map) tile: column X from the west, row Y from the
// north, at zoom Z.
type Tile struct {
	Z, X, Y int
}

// String formats the tile as z/x/y.
func (t Tile) String() string { return fmt.Sprintf("%d/%d/%d", t.Z, t.X, t.Y) }

// Valid reports whether the tile exists: 0 ≤ Z ≤ MaxTileZoom and
// 0 ≤ X, Y < 2^Z.
func (t Tile) Valid() bool {
	if t.Z < 0 || t.Z > MaxTileZoom {
		return false
	}
	n := 1 << t.Z
	return t.X >= 0 && t.X < n && t.Y >= 0 && t.Y < n
}

// BBox is a rectangle: W, S, E, N. Its unit is the caller's (degrees for
// lon/lat, metres for EPSG:3857).
type BBox struct {
	W, S, E, N float64
}

// Center returns the middle of the box.
func (b BBox) Center() (x, y float64) { return (b.W + b.E) / 2, (b.S + b.N) / 2 }

// Mercator returns the tile's extent in EPSG:3857 metres, as PostGIS
// ST_TileEnvelope(z, x, y) computes it.
func (t Tile) Mercator() BBox {
	size := 2 * MercatorMax / float64(int64(1)<<t.Z)
	return BBox{
		W: -MercatorMax + float64(t.X)*size,
		E: -MercatorMax + float64(t.X+1)*size,
		N: MercatorMax - float64(t.Y)*size,
		S: MercatorMax - float64(t.Y+1)*size,
	}
}

// LonLat returns the tile's extent in degrees of longitude and latitude.
func (t Tile) LonLat() BBox {
	m := t.Mercator()
	w, s := MercatorToLonLat(m.W, m.S)
	e, n := MercatorToLonLat(m.E, m.N)
	return BBox{W: w, S: s, E: e, N: n}
}

// LonLatToMercator projects a WGS 84 longitude and latitude to EPSG:3857
// metres; latitudes beyond ±MaxLat are clamped to the map's edge.
func LonLatToMercator(lon, lat float64) (x, y float64) {
	lat = math.Max(-MaxLat, math.Min(MaxLat, lat))
	x = lon * math.Pi / 180 * EarthRadius
	y = math.Log(math.Tan(math.Pi/4+lat*math.Pi/360)) * EarthRadius
	return x, y
}

// MercatorToLonLat is the inverse of LonLatToMercator.
func MercatorToLonLat(x, y float64) (lon, lat float64) {
	lon = x / EarthRadius * 180 / math.Pi
	lat = (2*math.Atan(math.Exp(y/EarthRadius)) - math.Pi/2) * 180 / math.Pi
	return lon, lat
}

// TileAt returns the tile at zoom z that contains the point (lon, lat).
// Points on the antimeridian or beyond ±MaxLat fall into the edge tiles.
func TileAt(lon, lat float64, z int) Tile {
	x, y := LonLatToMercator(lon, lat)
	n := float64(int64(1) << z)
	col := int(math.Floor((x + MercatorMax) / (2 * MercatorMax) * n))
	row := int(math.Floor((MercatorMax - y) / (2 * MercatorMax) * n))
	clamp := func(v int) int { return max(0, min(int(n)-1, v)) }
	return Tile{Z: z, X: clamp(col), Y: clamp(row)}
}

// TilesCovering lists the tiles at zoom z that intersect the lon/lat box b,
// row by row from the north-west.
func TilesCovering(b BBox, z int) []Tile {
	nw, se := TileAt(b.W, b.N, z), TileAt(b.E, b.S, z)
	var out []Tile
	for y := nw.Y; y <= se.Y; y++ {
		for x := nw.X; x <= se.X; x++ {
			out = append(out, Tile{Z: z, X: x, Y: y})
		}
	}
	return out
}

// ToPixel maps an EPSG:3857 point into the tile's pixel grid of the given
// extent (MVT: 4096): x to the east, y to the south, (0, 0) at the
// north-west corner.
func (t Tile) ToPixel(x, y float64, extent int) (px, py float64) {
	m := t.Mercator()
	px = (x - m.W) / (m.E - m.W) * float64(extent)
	py = (m.N - y) / (m.N - m.S) * float64(extent)
	return px, py
}
