package topology_test

import (
	"context"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/data/topology"
)

// The hand-built network of the tests, in EPSG:4547 metres from (x0, y0):
//
//	            P-e (loop) ─────────────────┐
//	            │ V5                     V6 │
//	R1 ── P-a ──┼── P-b ──┬── P-c ──┼── P-d ── R2
//	       (0)  100 V1  V2 200 V3 V4  300      400
//	                      │ V7
//	                      P-f (dead end branch, MPB)
//	                      │
//	                      └── P-h (LP: a class change without a regulator)
//
// and P-i, an island far away, and V9, a valve 30 m off any pipe.
const x0, y0 = 528000.0, 3386000.0

func pipe(id, class string, coords ...float64) datatest.Feature {
	for i := range coords {
		if i%2 == 0 {
			coords[i] += x0
		} else {
			coords[i] += y0
		}
	}
	return datatest.Feature{Props: map[string]any{"id": id, "material": "pe", "diameter_mm": 110, "pressure_class": class,
		"install_year": 2010}, Geom: datatest.Line(coords...)}
}

func at(dx, dy float64, props map[string]any) datatest.Feature {
	return datatest.Feature{Props: props, Geom: datatest.Point(x0+dx, y0+dy)}
}

func valve(id string, dx, dy float64, operable bool) datatest.Feature {
	return at(dx, dy, map[string]any{"id": id, "kind": "ball", "operable": operable})
}

// network are the layers of the test network; valves may be changed
// before loading.
type network map[string][]datatest.Feature

func testNetwork() network {
	return network{
		"pipes": {
			pipe("P-a", "MPB", 0, 0, 100, 0),
			pipe("P-b", "MPB", 100, 0, 200, 0),
			pipe("P-c", "MPB", 200, 0, 300, 0),
			pipe("P-d", "MPB", 300, 0, 400, 0),
			pipe("P-e", "MPB", 100, 0, 100, 100, 300, 100, 300, 0),
			pipe("P-f", "MPB", 200, 0, 200, -150),
			pipe("P-h", "LP", 200, -150, 300, -150),
			pipe("P-i", "MPB", 1000, 1000, 1100, 1000),
		},
		"valves": {
			valve("V1", 110, 0, true), valve("V2", 190, 0, true), valve("V3", 210, 0, true), valve("V4", 290, 0, true),
			valve("V5", 100, 10, true), valve("V6", 300, 10, true), valve("V7", 200, -10, true), valve("V9", 50, 30, true),
		},
		"stations": {
			at(-10, 0, map[string]any{"id": "R1", "kind": "regulator", "name": "R1"}),
			at(410, 0, map[string]any{"id": "R2", "kind": "regulator", "name": "R2"}),
		},
		"customers": {
			at(150, 20, map[string]any{"id": "C1", "kind": "critical", "meters": 10, "building_id": "B1"}),
			at(250, -20, map[string]any{"id": "C2", "meters": 5}),
			at(210, -100, map[string]any{"id": "C3", "meters": 3}),
			at(250, -160, map[string]any{"id": "C4", "meters": 7}),
		},
		"places": {at(150, 10, map[string]any{"id": "Q1", "kind": "school", "name": "No. 1 School", "capacity": 800})},
	}
}

// load imports the network into a new database and returns the
// topology service over it.
func (n network) load(t *testing.T) (datatest.Services, *topology.Service) {
	t.Helper()
	s := env.Services(t)
	for _, l := range []string{"pipes", "valves", "stations", "customers", "places"} {
		f := datatest.WriteGeoJSON(t, l+".geojson", 4547, n[l])
		if _, err := s.Importer.Import(context.Background(), importer.Options{Layer: l, File: f, Replace: true}); err != nil {
			t.Fatalf("import %s: %v", l, err)
		}
	}
	return s, topology.New(s.DB)
}

// lonLat is the EPSG:4326 position of a point of the test network.
func lonLat(t *testing.T, s datatest.Services, dx, dy float64) *[]float64 {
	t.Helper()
	var lon, lat float64
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT ST_X(p), ST_Y(p) FROM
		(SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4547), 4326) AS p) s`, x0+dx, y0+dy).Scan(&lon, &lat)
	if err != nil {
		t.Fatal(err)
	}
	return &[]float64{lon, lat}
}
