package datatest

import (
	"context"
	"fmt"
	"gasrisk/data/importer"
	"testing"
)

// Cases is a hand-built city in EPSG:32650 (metres): each case sits on
// its own 100 m pipe at x = 1000·i, far from the others.
type Cases struct {
	Pipes, Buildings, Sewers, Detectors, Stations, Places []Feature
}

// BaseX and BaseY are the origin of case 0.
const BaseX, BaseY = 400000.0, 3400000.0

// At is the origin of case i.
func At(i int) (float64, float64) { return BaseX + 1000*float64(i), BaseY }

// Rect is a GeoJSON Polygon: the rectangle from (x0, y0) to (x1, y1).
func Rect(x0, y0, x1, y1 float64) string {
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%v,%v],[%v,%v],[%v,%v],[%v,%v],[%v,%v]]]}`,
		x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
}

// Point is a GeoJSON Point.
func Point(x, y float64) string { return fmt.Sprintf(`{"type":"Point","coordinates":[%v,%v]}`, x, y) }

// AddPipe lays a 100 m pipe east from the case origin (or length m).
func (c *Cases) AddPipe(i int, id, material, class string, year int, diameter, depth, length float64) {
	x, y := At(i)
	Props := map[string]any{"id": id, "material": material, "pressure_class": class, "install_year": year,
		"diameter_mm": diameter, "district": fmt.Sprintf("D%d", i%3)}
	if depth > 0 {
		Props["depth_m"] = depth
	}
	c.Pipes = append(c.Pipes, Feature{Props: Props, Geom: Line(x, y, x+length, y)})
}

// AddBuilding puts a 20 m × 10 m building north of case i's pipe, its
// south wall gap metres from the pipe (negative: straddling it).
func (c *Cases) AddBuilding(i int, id, use string, gap float64) {
	x, y := At(i)
	c.Buildings = append(c.Buildings, Feature{Props: map[string]any{"id": id, "use": use, "floors": 6},
		Geom: Rect(x+40, y+gap, x+60, y+gap+10)})
}

// Load imports the cases' layers into s.
func (c *Cases) Load(t testing.TB, s Services) {
	t.Helper()
	layers := []struct {
		name string
		fs   []Feature
	}{{"pipes", c.Pipes}, {"buildings", c.Buildings}, {"sewers", c.Sewers}, {"detectors", c.Detectors},
		{"stations", c.Stations}, {"places", c.Places}}
	for _, l := range layers {
		if len(l.fs) == 0 {
			continue
		}
		file := WriteGeoJSON(t, l.name+".geojson", 32650, l.fs)
		if _, err := s.Importer.Import(context.Background(), importer.Options{Layer: l.name, File: file}); err != nil {
			t.Fatalf("import %s: %v", l.name, err)
		}
	}
}

// BuildCases builds the hand-built city: every case a grade, finding or
// threshold of the analysis is tested on, at both sides of its value.
func BuildCases() *Cases {
	c := &Cases{}
	// 0: young PE in an empty area → blue, no findings.
	c.AddPipe(0, "empty", "pe", "LP", 2020, 110, 1.2, 100)
	// 1: a school sitting on the pipe → occupied, red.
	c.AddPipe(1, "school", "pe", "MPB", 2015, 110, 1.2, 100)
	c.AddBuilding(1, "B-school", "school", -5)
	// 2: sub-high pressure, building 1.0 m away (protection 1.5) → occupied, red.
	c.AddPipe(2, "shpb-occ", "steel", "SHPB", 2015, 300, 1.5, 100)
	c.AddBuilding(2, "B-shpb-1.0", "residential", 1.0)
	// 3–5: LP protection 0.5 / clearance 0.7 on both sides.
	c.AddPipe(3, "lp-0.4", "pe", "LP", 2015, 110, 1.2, 100)
	c.AddBuilding(3, "B-lp-0.4", "residential", 0.4)
	c.AddPipe(4, "lp-0.6", "pe", "LP", 2015, 110, 1.2, 100)
	c.AddBuilding(4, "B-lp-0.6", "residential", 0.6)
	c.AddPipe(5, "lp-0.8", "pe", "LP", 2015, 110, 1.2, 100)
	c.AddBuilding(5, "B-lp-0.8", "residential", 0.8)
	// 6–7: SHPB protection 1.5 / clearance 4.5.
	c.AddPipe(6, "shpb-1.6", "steel", "SHPB", 2015, 300, 1.5, 100)
	c.AddBuilding(6, "B-shpb-1.6", "residential", 1.6)
	c.AddPipe(7, "shpb-4.6", "steel", "SHPB", 2015, 300, 1.5, 100)
	c.AddBuilding(7, "B-shpb-4.6", "residential", 4.6)
	c.addSewerCases()
	c.addThroughCases()
	c.addAgeCases()
	c.addStationCases()
	// 30: a 2 km main with a 20 m occupied stretch in the middle.
	c.AddPipe(30, "main-2km", "steel", "MPA", 2010, 300, 1.2, 2000)
	x, y := At(30)
	c.Buildings = append(c.Buildings, Feature{Props: map[string]any{"id": "B-main", "use": "commercial", "floors": 3},
		Geom: Rect(x+1000, y-5, x+1020, y+5)})
	// 33: third-party works (added in SQL by the test).
	c.AddPipe(33, "works-active", "pe", "MPB", 2015, 110, 1.2, 100)
	c.AddPipe(34, "works-ended", "pe", "MPB", 2015, 110, 1.2, 100)
	return c
}

// addSewerCases: crossings (with and without detector, with a small and a
// sufficient vertical gap) and parallel sewers and water mains on both
// sides of their clearances.
func (c *Cases) addSewerCases() {
	sewer := func(id, kind string, depth float64, g string) Feature {
		return Feature{Props: map[string]any{"id": id, "kind": kind, "diameter_mm": 300, "depth_m": depth}, Geom: g}
	}
	for i, tc := range []struct {
		id       string
		depth    float64
		detector bool
	}{{"cross-vgap", 1.2, false}, {"cross-ok", 1.5, true}} {
		n := 10 + i
		c.AddPipe(n, tc.id, "pe", "MPB", 2015, 110, 1.0, 100)
		x, y := At(n)
		c.Sewers = append(c.Sewers, sewer("S-"+tc.id, "sanitary", tc.depth, Line(x+50, y-20, x+50, y+20)))
		if tc.detector {
			c.Detectors = append(c.Detectors, Feature{Props: map[string]any{"id": "L-" + tc.id}, Geom: Point(x+50, y+3)})
		}
	}
	for i, tc := range []struct {
		id, kind string
		gap      float64
	}{{"sewer-1.1", "storm", 1.1}, {"sewer-1.3", "storm", 1.3}, {"water-0.4", "water", 0.4}, {"water-0.6", "water", 0.6}} {
		n := 12 + i
		c.AddPipe(n, tc.id, "pe", "MPB", 2015, 110, 1.0, 100)
		x, y := At(n)
		c.Sewers = append(c.Sewers, sewer("S-"+tc.id, tc.kind, 2, Line(x+20, y-tc.gap, x+80, y-tc.gap)))
	}
}

// addThroughCases: 70–71, a steel MPA main passing through a culvert
// (their depth ranges overlap) with a market along the culvert, without
// and with a casing and a detector in the culvert; 72, a compliant
// crossing (vertical gap kept, a detector in the crossed sewer): a risk
// point, not a hazard; 73, a pipe that runs 40 m alongside a storm drain
// within its clearance and then crosses it.
func (c *Cases) addThroughCases() {
	for i, tc := range []struct {
		id       string
		casing   bool
		detector bool
	}{{"thru-market", false, false}, {"thru-cased", true, true}} {
		n := 70 + i
		c.AddPipe(n, tc.id, "steel", "MPA", 2015, 200, 1.0, 100)
		c.Pipes[len(c.Pipes)-1].Props["casing"] = tc.casing
		x, y := At(n)
		c.Sewers = append(c.Sewers, Feature{Props: map[string]any{"id": "C-" + tc.id, "kind": "culvert",
			"diameter_mm": 1500, "depth_m": 0.8}, Geom: Line(x+50, y-60, x+50, y+60)})
		c.Buildings = append(c.Buildings, Feature{Props: map[string]any{"id": "B-market-" + tc.id, "use": "market", "floors": 1},
			Geom: Rect(x+52, y+30, x+62, y+40)})
		if tc.detector {
			c.Detectors = append(c.Detectors, Feature{Props: map[string]any{"id": "L-" + tc.id}, Geom: Point(x+50, y+5)})
		}
	}
	c.AddPipe(72, "cross-compliant", "pe", "MPB", 2015, 110, 1.0, 100)
	x, y := At(72)
	c.Sewers = append(c.Sewers, Feature{Props: map[string]any{"id": "S-cross-compliant", "kind": "sanitary",
		"diameter_mm": 300, "depth_m": 2.0}, Geom: Line(x+50, y-20, x+50, y+20)})
	c.Detectors = append(c.Detectors, Feature{Props: map[string]any{"id": "L-cross-compliant"}, Geom: Point(x+50, y+4)})
	c.AddPipe(73, "weave", "steel", "MPA", 2015, 110, 1.0, 100)
	x, y = At(73)
	c.Sewers = append(c.Sewers, Feature{Props: map[string]any{"id": "S-weave", "kind": "storm",
		"diameter_mm": 300, "depth_m": 2.0}, Geom: Line(x+10, y-0.8, x+50, y-0.8, x+52, y+20)})
}

// AgeCase is one case of the renewal categories of 国办发〔2022〕22号: an
// LP DN110 pipe with what its condition assessment found, and the
// category and ageing the analysis as of 2026 gives it.
type AgeCase struct {
	ID, Material string
	Year         int
	Props        map[string]any // condition attributes of the pipe
	Building     float64        // > -99: a building this far north of the pipe
	Category     string         // the renewal category ("" none)
	Aged         bool
}

// AgeCases are the renewal categories at both sides of their thresholds
// and conditions (as of 2026), on cases 20–29.
func AgeCases() []AgeCase {
	none := -99.0
	return []AgeCase{
		{"ci-new", "cast_iron", 2015, nil, none, "grey_cast_iron", true},
		{"steel-30y", "steel", 1996, nil, none, "", false}, // no design-life ageing
		{"steel-20y-corroded", "steel", 2006, map[string]any{"condition": "corrosion"}, none, "aged_condition", true},
		{"steel-19y-corroded", "steel", 2007, map[string]any{"condition": "腐蚀"}, none, "", false},
		{"pe-20y-hazard", "pe", 2006, map[string]any{"condition": "good"}, 0.6, "", false}, // clearance, no ageing
		{"pe-19y-uncontrollable", "pe", 2007, map[string]any{"hazard_uncontrollable": true}, none, "uncontrollable", true},
		{"di-30y", "ductile_iron", 1996, map[string]any{"ductile_unsafe": false}, none, "", false},
		{"di-unsafe", "ductile_iron", 1996, map[string]any{"ductile_unsafe": "yes"}, none, "ductile_unsafe", true},
		{"steel-occupied", "steel", 1998, nil, 0.4, "occupied", false},
		{"pe-20y-leak", "pe", 2006, map[string]any{"condition": "leak_history", "hazard_uncontrollable": "false"}, none, "aged_condition", true},
	}
}

// addAgeCases lays AgeCases on cases 20–29.
func (c *Cases) addAgeCases() {
	for i, tc := range AgeCases() {
		n := 20 + i
		c.AddPipe(n, tc.ID, tc.Material, "LP", tc.Year, 110, 1.2, 100)
		for k, v := range tc.Props {
			c.Pipes[len(c.Pipes)-1].Props[k] = v
		}
		if tc.Building > -99 {
			c.AddBuilding(n, "B-"+tc.ID, "residential", tc.Building)
		}
	}
}

// addStationCases: a regulator box with a school 5 m away (dense spacing
// 8 m), an old regulator, and regulators without, with and with unknown
// over-pressure protection.
func (c *Cases) addStationCases() {
	x, y := At(40)
	c.Stations = append(c.Stations,
		Feature{Props: map[string]any{"id": "T-box", "kind": "regulator_box", "install_year": 2020}, Geom: Point(x, y+100)},
		Feature{Props: map[string]any{"id": "T-old", "kind": "regulator", "install_year": 1990}, Geom: Point(x+500, y+500)})
	c.Buildings = append(c.Buildings, Feature{Props: map[string]any{"id": "B-near-box", "use": "school", "floors": 3},
		Geom: Rect(x+5, y+95, x+25, y+115)})
	// 41: regulators without, with and with unknown over-pressure protection.
	x, y = At(41)
	for i, op := range []any{false, true, nil} {
		props := map[string]any{"id": fmt.Sprintf("T-op-%v", op), "kind": "regulator", "install_year": 2015}
		if op != nil {
			props["overpressure_protection"] = op
		}
		c.Stations = append(c.Stations, Feature{Props: props, Geom: Point(x+300*float64(i), y+500)})
	}
}

// CasesCity loads the hand-built cases into a new database and analyses
// them once.
func (e *Env) CasesCity(t testing.TB) Services {
	t.Helper()
	s := e.Services(t)
	BuildCases().Load(t, s)
	Analyze(t, s.DB)
	return s
}
