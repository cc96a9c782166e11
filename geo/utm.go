// Package geo holds pure geometry helpers: coordinate reference systems,
// web-mercator tile math and bounding boxes. It does no I/O.
package geo

import (
	"fmt"
	"math"
)

// UTMZone returns the UTM zone number (1–60) containing longitude lon.
func UTMZone(lon float64) int {
	z := int(math.Floor((lon+180)/6)) + 1
	if z < 1 {
		z = 1
	}
	if z > 60 {
		z = 60
	}
	return z
}

// UTMSRID returns the EPSG code of the WGS 84 / UTM zone containing the point
// (lon, lat): 326zz north of the equator, 327zz south of it.
func UTMSRID(lon, lat float64) (int, error) {
	if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -80 || lat > 84 {
		return 0, fmt.Errorf("no UTM zone for lon %g lat %g (UTM covers 80°S–84°N)", lon, lat)
	}
	if lat >= 0 {
		return 32600 + UTMZone(lon), nil
	}
	return 32700 + UTMZone(lon), nil
}
