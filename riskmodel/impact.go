package riskmodel

import "math"

// ImpactRadius returns the radius in metres within which receptors count
// towards the consequence of a failure of a pipe of the given outside
// diameter (mm) and pressure (MPa):
//
//	r = max(Consequence.ImpactCoefficient · D · √P, Consequence.MinImpactRadiusM)
//
// The first term is the potential impact radius of ASME B31.8S §3.2
// (r = 0.69·d·√p in ft, in, psi), which in SI units is 0.0997·D[mm]·√P[MPa]
// m. It models the heat flux of a rupture fire and is tiny at distribution
// pressures (DN100 at 0.01 MPa: 1.0 m), where the hazard is gas migrating
// through soil into buildings and sewers instead; the floor covers that. A
// non-positive or non-finite diameter or pressure gives the floor.
func (c Config) ImpactRadius(diameterMM, pressureMPa float64) float64 {
	floor := c.Consequence.MinImpactRadiusM
	if !(diameterMM > 0) || !(pressureMPa > 0) || !finite(diameterMM) || !finite(pressureMPa) {
		return floor
	}
	return math.Max(c.Consequence.ImpactCoefficient*diameterMM*math.Sqrt(pressureMPa), floor)
}
