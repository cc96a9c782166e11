package tiles

import "sort"

// Extent is the MVT grid size of every tile (MVT 2.1 default).
const Extent = 4096

// Buffer is how far (in tile units of Extent) geometry reaches past a
// tile's edge, so that lines and points drawn near an edge join up.
const Buffer = 64

// Draw is how the raster renderer paints a layer's features.
type Draw int

// Ways of painting a layer.
const (
	// DrawGrades strokes lines in the four risk colours of their "grade"
	// property and draws points by their "findings".
	DrawGrades Draw = iota
	// DrawLines strokes lines in grey.
	DrawLines
	// DrawFill fills polygons in light grey.
	DrawFill
	// DrawOutline strokes polygon rings in grey.
	DrawOutline
	// DrawPoints draws points as dots, red when they carry findings.
	DrawPoints
	// DrawHazards draws hazards like DrawGrades, leaving out closed ones
	// (state "closed").
	DrawHazards
)

// Layer describes one tile layer: its name in URLs and inside the MVT, the
// zooms it has data for, its feature properties (as TileJSON field types:
// String, Number, Boolean) and how its raster tiles are drawn.
type Layer struct {
	Name        string
	Description string
	MinZoom     int // below it, tiles are empty
	MaxZoom     int // the deepest zoom with new detail; clients overzoom beyond
	Fields      map[string]string
	Draw        Draw
	// ByRun reports whether the layer's content changes with the current
	// analysis run (a new run invalidates it).
	ByRun bool
}

// Layers returns every tile layer, sorted by name.
func Layers() []Layer {
	segment := map[string]string{
		"segment_id": "Number", "pipe_id": "String", "grade": "String", "score": "Number",
		"occupied": "Boolean", "clearance_violation": "Boolean", "sewer_crossing": "Boolean",
		"aged": "Boolean", "third_party": "Boolean", "findings": "String", "material": "String",
		"pressure_class": "String", "district": "String", "renewal_category": "String",
	}
	ls := []Layer{
		{Name: "segments", MinZoom: 0, MaxZoom: 16, Fields: segment, Draw: DrawGrades, ByRun: true,
			Description: "Pipe segments of the current analysis run with their risk grade (red, orange, yellow, blue), " +
				"score (rounded to 0.01), findings (comma-separated) and renewal category of 国办发〔2022〕22号 (absent: none). Feature id = segment_id. Up to zoom 11 only red " +
				"and orange segments and sub-high/high pressure mains (SHPB, SHPA, HPB, HPA); at zoom 12 also yellow " +
				"segments and MPA mains; from zoom 13 every segment."},
		{Name: "hazards", MinZoom: 0, MaxZoom: 16, Draw: DrawHazards, ByRun: true,
			Fields: map[string]string{
				"code": "String", "kind": "String", "source": "String", "grade": "String", "state": "String",
				"overdue": "Boolean", "listed_supervision": "Boolean", "recheck_due": "Boolean", "deadline": "String",
				"district": "String",
			},
			Description: "The hazard ledger (隐患台账): every hazard with its code (YH-000042), kind, source (segment or " +
				"station), grade, state (open, planned, rectified, rechecked, closed), overdue (planned and past its " +
				"deadline, judged at the layer version's date), listed_supervision (挂牌督办), recheck_due, deadline " +
				"(YYYY-MM-DD, once planned) and district; lines on the pipe, points at stations. Feature id = the " +
				"hazard's id (GET /api/v1/hazards/{id}). Up to zoom 11 only red and orange hazards, at zoom 12 also " +
				"yellow ones, from zoom 13 all. Its version changes with every analysis run, every transition and " +
				"every day."},
		{Name: "stations", MinZoom: 0, MaxZoom: 16, Draw: DrawPoints, ByRun: true,
			Fields: map[string]string{"id": "String", "kind": "String", "name": "String", "install_year": "Number", "findings": "String"},
			Description: "Gas stations (city gates, storage, regulators, CNG/LNG/LPG) with the findings of the current " +
				"analysis run (comma-separated). Below zoom 12 regulator boxes are left out."},
		{Name: "buildings", MinZoom: 14, MaxZoom: 16, Draw: DrawFill,
			Fields:      map[string]string{"id": "String", "use": "String", "floors": "Number"},
			Description: "Building footprints (context), from zoom 14."},
		{Name: "sewers", MinZoom: 13, MaxZoom: 16, Draw: DrawLines,
			Fields:      map[string]string{"id": "String", "kind": "String", "diameter_mm": "Number"},
			Description: "Sewers, storm drains, culverts and water mains (context), from zoom 13."},
		{Name: "districts", MinZoom: 0, MaxZoom: 14, Draw: DrawOutline,
			Fields:      map[string]string{"id": "String", "name": "String"},
			Description: "Districts (towns and sub-districts) used for statistics (context)."},
		{Name: "field_records", MinZoom: 13, MaxZoom: 16, Draw: DrawPoints,
			Fields: map[string]string{"id": "String", "record": "String", "date": "String", "kind": "String", "open": "Boolean"},
			Description: "Field records (issue 19), from zoom 13: record leaks, patrols or cp_readings; date (found, " +
				"observed, read: YYYY-MM-DD); kind the leak's cause, the patrol's observation or the CP reading's pass/fail; " +
				"open: a leak not repaired, a failed CP reading."},
		{Name: "pipes", MinZoom: 12, MaxZoom: 16, Draw: DrawLines,
			Fields: map[string]string{"id": "String", "material": "String", "pressure_class": "String",
				"diameter_mm": "Number", "install_year": "Number", "district": "String", "status": "String"},
			Description: "Gas pipes as imported, before segmentation (context), from zoom 12."},
	}
	sort.Slice(ls, func(i, j int) bool { return ls[i].Name < ls[j].Name })
	return ls
}

// LookupLayer returns the named layer.
func LookupLayer(name string) (Layer, bool) {
	for _, l := range Layers() {
		if l.Name == name {
			return l, true
		}
	}
	return Layer{}, false
}
