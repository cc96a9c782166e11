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

// AddClearanceCases adds the cases of the outer-wall distances, clearance
// values and station spacings (50–71, 80–85). They are apart from
// BuildCases so that the ledger's tests, which count every hazard of the
// hand-built city, keep their city.
func (c *Cases) AddClearanceCases() {
	c.addClearanceCases()
	c.addSpacingCases()
}

// addClearanceCases (50–71): protection ranges and building clearances
// measured from the pipe's outer wall, at both sides of every value of GB
// 50028-2006 t.6.3.3-1, its note's reductions by wall thickness and
// protective measures, and §6.4.11. Each pipe's id ends in the building's
// distance from the outer wall; the building stands that far plus half the
// diameter from the centreline.
func (c *Cases) addClearanceCases() {
	for i, tc := range []struct {
		id, class  string
		diameter   float64
		wall       float64 // 0: unknown
		protection bool
		fromWall   float64
	}{
		{"dn600-shpb-1.4", "SHPB", 600, 0, false, 1.4}, // occupied (1.7 m from the centreline)
		{"dn600-shpb-1.6", "SHPB", 600, 0, false, 1.6}, // clearance, not occupation
		{"dn100-lp-0.45", "LP", 100, 0, false, 0.45},
		{"dn100-lp-0.55", "LP", 100, 0, false, 0.55},
		{"shpb-4.9", "SHPB", 400, 0, false, 4.9},
		{"shpb-5.1", "SHPB", 400, 0, false, 5.1},
		{"shpa-13.4", "SHPA", 400, 0, false, 13.4},
		{"shpa-13.6", "SHPA", 400, 0, false, 13.6},
		{"shpa-w9.4-6.6", "SHPA", 400, 9.4, false, 6.6},
		{"shpa-w9.5-6.4", "SHPA", 400, 9.5, false, 6.4},
		{"shpa-w9.5-6.6", "SHPA", 400, 9.5, false, 6.6},
		{"shpa-w11.9-2.9", "SHPA", 400, 11.9, false, 2.9},
		{"shpa-w11.9-3.1", "SHPA", 400, 11.9, false, 3.1},
		{"shpb-3.1", "SHPB", 400, 0, false, 3.1},
		{"shpb-prot-2.9", "SHPB", 400, 0, true, 2.9},
		{"shpb-prot-3.1", "SHPB", 400, 0, true, 3.1},
		{"mpa-prot-0.9", "MPA", 200, 0, true, 0.9},
		{"mpa-prot-1.1", "MPA", 200, 0, true, 1.1},
		{"hpb-15.9", "HPB", 500, 0, false, 15.9},
		{"hpb-16.1", "HPB", 500, 0, false, 16.1},
		{"hpa-w9.5-14.9", "HPA", 500, 9.5, false, 14.9},
		{"hpa-w9.5-15.1", "HPA", 500, 9.5, false, 15.1},
	} {
		n := 50 + i
		c.AddPipe(n, tc.id, "steel", tc.class, 2015, tc.diameter, 1.5, 100)
		if tc.wall > 0 {
			c.Pipes[len(c.Pipes)-1].Props["wall_mm"] = tc.wall
		}
		if tc.protection {
			c.Pipes[len(c.Pipes)-1].Props["protection"] = true
		}
		c.AddBuilding(n, "B-"+tc.id, "residential", tc.fromWall+tc.diameter/2000)
	}
}

// addSpacingCases (80–85): station spacings of GB 50028-2006 t.6.6.3 by
// setting and inlet pressure and of §8.6 by LPG class, a house at both
// sides of each. The house's west wall is the distance east of the station.
func (c *Cases) addSpacingCases() {
	for i, tc := range []struct {
		id   string
		prop map[string]any
		gap  float64
	}{
		{"T-cab-shpa-6.9", map[string]any{"kind": "regulator_box", "setting": "cabinet", "inlet_pressure_class": "SHPA"}, 6.9},
		{"T-cab-shpa-7.1", map[string]any{"kind": "regulator_box", "setting": "cabinet", "inlet_pressure_class": "SHPA"}, 7.1},
		{"T-lpg-ii-7.9", map[string]any{"kind": "lpg", "lpg_class": "II"}, 7.9},
		{"T-lpg-ii-8.1", map[string]any{"kind": "lpg", "lpg_class": "II"}, 8.1},
		{"T-reg-shpa-8.9", map[string]any{"kind": "regulator", "inlet_pressure_class": "SHPA"}, 8.9},
		{"T-reg-shpa-9.1", map[string]any{"kind": "regulator", "inlet_pressure_class": "SHPA"}, 9.1},
	} {
		x, y := At(80 + i)
		tc.prop["id"], tc.prop["install_year"] = tc.id, 2020
		c.Stations = append(c.Stations, Feature{Props: tc.prop, Geom: Point(x, y+200)})
		c.Buildings = append(c.Buildings, Feature{Props: map[string]any{"id": "B-" + tc.id, "use": "residential", "floors": 3},
			Geom: Rect(x+tc.gap, y+195, x+tc.gap+20, y+205)})
	}
}

// addSewerCases: crossings (with and without detector, with a small and a
// sufficient vertical gap) and parallel sewers and water mains on both
// sides of their clearances (measured wall to wall).
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
		off := tc.gap + 0.055 + 0.15 // the gap is wall to wall: DN110 pipe, DN300 sewer
		c.Sewers = append(c.Sewers, sewer("S-"+tc.id, tc.kind, 2, Line(x+20, y-off, x+80, y-off)))
	}
}

// addThroughCases: 90–91, a steel MPA main passing through a culvert
// (their depth ranges overlap) with a market along the culvert, without
// and with a casing and a detector in the culvert; 92, a compliant
// crossing (vertical gap kept, a detector in the crossed sewer): a risk
// point, not a hazard; 93, a pipe that runs 40 m alongside a storm drain
// within its clearance and then crosses it.
func (c *Cases) addThroughCases() {
	for i, tc := range []struct {
		id       string
		casing   bool
		detector bool
	}{{"thru-market", false, false}, {"thru-cased", true, true}} {
		n := 90 + i
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
	c.AddPipe(92, "cross-compliant", "pe", "MPB", 2015, 110, 1.0, 100)
	x, y := At(92)
	c.Sewers = append(c.Sewers, Feature{Props: map[string]any{"id": "S-cross-compliant", "kind": "sanitary",
		"diameter_mm": 300, "depth_m": 2.0}, Geom: Line(x+50, y-20, x+50, y+20)})
	c.Detectors = append(c.Detectors, Feature{Props: map[string]any{"id": "L-cross-compliant"}, Geom: Point(x+50, y+4)})
	c.AddPipe(93, "weave", "steel", "MPA", 2015, 110, 1.0, 100)
	x, y = At(93)
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
