package synth

import "math"

// projection maps the local metric plane to lon/lat with an equirectangular
// projection about the centre latitude: good enough for a synthetic city.
type projection struct{ lon0, lat0, kx, ky float64 }

func newProjection(lon0, lat0 float64) projection {
	return projection{
		lon0: lon0,
		lat0: lat0,
		kx:   1 / (111320 * math.Cos(lat0*math.Pi/180)),
		ky:   1 / 110574.0,
	}
}

// lonLat returns the longitude and latitude of the local point v.
func (p projection) lonLat(v vec) (float64, float64) {
	return p.lon0 + v.x*p.kx, p.lat0 + v.y*p.ky
}
