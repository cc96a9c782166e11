package geo

import (
	"strconv"
	"strings"

	"gasrisk"
)

// ParseBBox reads "W,S,E,N" in degrees (EPSG:4326 / CRS84). With ogc
// set, it also takes six numbers (W,S,zmin,E,N,zmax) and W > E for a box
// that crosses the antimeridian, as OGC API – Features does; otherwise
// W > E is refused.
func ParseBBox(s string, ogc bool) (BBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 && !(ogc && len(parts) == 6) {
		return BBox{}, gasrisk.Errorf(gasrisk.EINVALID, "bbox %q: want 4 numbers W,S,E,N, got %d", s, len(parts))
	}
	var v []float64
	for _, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return BBox{}, gasrisk.Errorf(gasrisk.EINVALID, "bbox %q: %q is not a number", s, p)
		}
		v = append(v, x)
	}
	b := BBox{W: v[0], S: v[1], E: v[2], N: v[3]}
	if len(v) == 6 {
		b = BBox{W: v[0], S: v[1], E: v[3], N: v[4]}
	}
	return b, b.CheckLonLat(ogc)
}

// CheckLonLat refuses a lon/lat box outside the WGS84 ranges, with S > N
// or, unless antimeridian boxes are allowed, W > E.
func (b BBox) CheckLonLat(antimeridian bool) error {
	for i, x := range b.Array() {
		lim := 180.0
		if i%2 == 1 {
			lim = 90
		}
		if !(x >= -lim && x <= lim) {
			return gasrisk.Errorf(gasrisk.EINVALID, "bbox %v: coordinates must be within -180..180 (lon) and -90..90 (lat)", b.Array())
		}
	}
	if b.S > b.N {
		return gasrisk.Errorf(gasrisk.EINVALID, "bbox %v: south %v is north of north %v", b.Array(), b.S, b.N)
	}
	if b.W > b.E && !antimeridian {
		return gasrisk.Errorf(gasrisk.EINVALID, "bbox %v: west %v is east of east %v", b.Array(), b.W, b.E)
	}
	return nil
}

// Array is the box as [W, S, E, N], as GeoJSON and OGC API write it.
func (b BBox) Array() [4]float64 { return [4]float64{b.W, b.S, b.E, b.N} }
