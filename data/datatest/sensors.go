package datatest

import (
	"testing"

	"gasrisk/riskmodel"
)

// Live detectors of SensorsCity.
const (
	SensorManhole   = "M-open"  // a manhole 3 m from pipe S0, no hazard near it
	SensorChamber   = "V-near"  // a valve chamber at pipe S1, next to its occupied-pipe hazard
	SensorBasement  = "B-far"   // a basement 80 m from every pipe
	SensorRegulator = "P-reg"   // a regulator's outlet pressure
	SensorStatic    = "L-plain" // a static leak detector: reports nothing
)

// SensorsCity loads a small city with live detectors into a new
// database and analyses it: pipe S0 with nothing wrong, pipe S1 occupied
// by a building (a hazard of the ledger), and the detectors above.
func (e *Env) SensorsCity(t testing.TB) Services {
	t.Helper()
	s := e.Services(t)
	c := &Cases{}
	c.AddPipe(0, "S0", "pe", "MPA", 2015, 110, 1.2, 100)
	c.AddPipe(1, "S1", "pe", "MPA", 2015, 110, 1.2, 100)
	c.AddBuilding(1, "S1-occupier", "residential", -5)
	x0, y0 := At(0)
	x1, y1 := At(1)
	x2, y2 := At(2)
	c.Detectors = []Feature{
		{Props: map[string]any{"id": SensorManhole, "kind": riskmodel.DetectorManhole}, Geom: Point(x0+30, y0+3)},
		{Props: map[string]any{"id": SensorChamber, "kind": riskmodel.DetectorValveChamber}, Geom: Point(x1+50, y1-2)},
		{Props: map[string]any{"id": SensorBasement, "kind": riskmodel.DetectorBasement}, Geom: Point(x2, y2+80)},
		{Props: map[string]any{"id": SensorRegulator, "kind": riskmodel.DetectorRegulator}, Geom: Point(x0+90, y0-1)},
		{Props: map[string]any{"id": SensorStatic, "kind": riskmodel.DetectorLeak}, Geom: Point(x1+90, y1+1)},
	}
	c.Load(t, s)
	Analyze(t, s.DB)
	return s
}
