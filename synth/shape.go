package synth

import "math"

// cityShape holds the random constants of a city's outline, of the smooth
// warp that bends its streets and of its arterial spacing.
type cityShape struct {
	lobe      [3]float64 // relative amplitudes of outline harmonics 2, 3 and 5
	lobePhase [3]float64
	warpLen   [2]float64 // wavelengths of the warp, m
	warpPhase [2]float64
	artStep   [2]int // every artStep-th grid line is an arterial
}

func drawShape(seed int64) cityShape {
	r := newStream().at(seed, tagShape, 0, 0)
	var s cityShape
	s.lobe = [3]float64{uniform(r, 0.05, 0.12), uniform(r, 0.03, 0.08), uniform(r, 0.01, 0.04)}
	for k := range s.lobePhase {
		s.lobePhase[k] = uniform(r, 0, 2*math.Pi)
	}
	for k := range s.warpLen {
		s.warpLen[k] = uniform(r, 500, 1100)
		s.warpPhase[k] = uniform(r, 0, 2*math.Pi)
		s.artStep[k] = between(r, 5, 7)
	}
	return s
}

// radius is the distance from the centre to the city's edge in direction theta.
func (s *cityShape) radius(r0, theta float64) float64 {
	f := 1.0
	for k, h := range [3]float64{2, 3, 5} {
		f += s.lobe[k] * math.Sin(h*theta+s.lobePhase[k])
	}
	return r0 * f
}

// maxRadius bounds radius over all directions.
func (s *cityShape) maxRadius(r0 float64) float64 {
	return r0 * (1 + s.lobe[0] + s.lobe[1] + s.lobe[2])
}

// warp is the smooth displacement that curves the grid's streets.
func (s *cityShape) warp(p vec, r0 float64) vec {
	a := math.Min(35, 0.08*r0)
	return vec{
		a * math.Sin(p.y/s.warpLen[0]+s.warpPhase[0]),
		a * math.Sin(p.x/s.warpLen[1]+s.warpPhase[1]),
	}
}
