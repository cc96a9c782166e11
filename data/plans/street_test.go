package plans_test

import (
	"testing"

	"gasrisk/data/datatest"
)

// street lays a small city in EPSG:32650: a street of three touching
// 100 m grey cast iron pipes in D1 (g1–g3, g1 under a road, g3 under
// green land); a touching PE pipe of 2020 (no candidate); a cast iron pipe
// 300 m on (g-far); a cast iron pipe touching g3 but in D2 (g-d2); a
// corroded steel pipe of 1990 (s-old) on another street; and an occupied
// MP steel pipe (occ-mp) under a building.
func street(t *testing.T) datatest.Services {
	t.Helper()
	s := env.Services(t)
	x, y := datatest.BaseX, datatest.BaseY
	c := &datatest.Cases{Pipes: streetPipes(nil), Buildings: []datatest.Feature{{Props: map[string]any{"id": "B-occ", "use": "residential", "floors": 6},
		Geom: datatest.Rect(x+40, y+4000-0.3, x+60, y+4010)}}}
	c.Load(t, s)
	datatest.Analyze(t, s.DB)
	return s
}

// streetPipes are the street city's pipes, those in renewed laid anew in
// PE in that year.
func streetPipes(renewed map[string]int) []datatest.Feature {
	x, y := datatest.BaseX, datatest.BaseY
	pipe := func(id, material, class, district string, year int, x0, y0, x1, y1 float64, extra map[string]any) datatest.Feature {
		props := map[string]any{"id": id, "material": material, "pressure_class": class, "install_year": year,
			"diameter_mm": 110, "district": district, "depth_m": 1.2}
		for k, v := range extra {
			props[k] = v
		}
		return datatest.Feature{Props: props, Geom: datatest.Line(x0, y0, x1, y1)}
	}
	pipes := []datatest.Feature{
		pipe("g1", "cast_iron", "LP", "D1", 1975, x, y, x+100, y, map[string]any{"surface": "road"}),
		pipe("g2", "cast_iron", "LP", "D1", 1975, x+100, y, x+200, y, nil),
		pipe("g3", "cast_iron", "LP", "D1", 1975, x+200, y, x+300, y, map[string]any{"surface": "green"}),
		pipe("pe-new", "pe", "LP", "D1", 2020, x+300, y, x+400, y, nil),
		pipe("g-far", "cast_iron", "LP", "D1", 1975, x+700, y, x+800, y, nil),
		pipe("g-d2", "cast_iron", "LP", "D2", 1975, x+200, y, x+200, y+100, nil),
		pipe("s-old", "steel", "LP", "D1", 1990, x, y+2000, x+100, y+2000, map[string]any{"condition": "corrosion"}),
		pipe("occ-mp", "steel", "MPA", "D1", 2005, x, y+4000, x+100, y+4000, nil),
	}
	for _, p := range pipes {
		if year, ok := renewed[p.Props["id"].(string)]; ok {
			p.Props["material"], p.Props["install_year"] = "pe", year
		}
	}
	return pipes
}
