package importer

import (
	"fmt"
	"sort"
	"strings"

	"gasrisk/riskmodel"
)

// FieldKind is how an attribute is stored and checked.
type FieldKind int

// Field kinds.
const (
	Text FieldKind = iota
	Int
	Float
	Enum
	Bool // true/false, yes/no, 1/0, 是/否, 有/无
	Date // a calendar day: YYYY-MM-DD (also YYYY/MM/DD, or a date-time's day)
)

// Field is one canonical attribute of a layer.
type Field struct {
	Name     string
	Kind     FieldKind
	Values   []string // for Enum: the vocabulary
	Default  string   // used when the attribute is absent ("" = NULL)
	Optional bool     // for Enum: absent is NULL (else refused unless Default)
	Min, Max float64  // inclusive bounds for Int and Float (Max 0 = none)
	Required bool     // absent is refused (Int, Float, Bool, Date, Text)
}

// GeomKind is the family of geometry a layer accepts.
type GeomKind int

// Geometry families.
const (
	Lines GeomKind = 1 << iota
	Polygons
	Points
)

// Layer describes one importable layer: its table, attributes and geometry.
type Layer struct {
	Name   string
	Fields []Field
	Geom   GeomKind
	// Check, if set, judges a feature's values together (in Fields
	// order) once each is valid on its own; a non-empty reason refuses it.
	Check func(values []any) string
}

// Table is the layer's table name.
func (l Layer) Table() string { return l.Name }

// Field returns the named field.
func (l Layer) Field(name string) (Field, bool) {
	for _, f := range l.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// FieldNames lists the layer's canonical attribute names in order.
func (l Layer) FieldNames() []string {
	names := make([]string, len(l.Fields))
	for i, f := range l.Fields {
		names[i] = f.Name
	}
	return names
}

// Layers returns the importable layers keyed by name.
func Layers() map[string]Layer {
	id := Field{Name: "id", Kind: Text}
	year := Field{Name: "install_year", Kind: Int, Min: 1800}
	layers := map[string]Layer{
		"pipes": {Name: "pipes", Geom: Lines, Fields: []Field{id,
			{Name: "material", Kind: Enum, Values: riskmodel.Materials(), Default: "unknown"},
			{Name: "diameter_mm", Kind: Float, Min: 1, Max: 5000},
			{Name: "pressure_class", Kind: Enum, Values: riskmodel.PressureClasses()},
			{Name: "pressure_mpa", Kind: Float, Min: 0, Max: 10},
			year,
			{Name: "depth_m", Kind: Float, Min: 0, Max: 50},
			{Name: "district", Kind: Text},
			{Name: "status", Kind: Enum, Values: []string{"in_service", "abandoned"}, Default: "in_service"},
			{Name: "casing", Kind: Bool}, // laid in a casing (套管) where it crosses sewers and culverts
			// The condition assessment of 国办发〔2022〕22号 (docs/risk-model.md §6); absent = unknown.
			{Name: "condition", Kind: Enum, Values: riskmodel.Conditions(), Optional: true},
			{Name: "ductile_unsafe", Kind: Bool},
			{Name: "hazard_uncontrollable", Kind: Bool},
			{Name: "wall_mm", Kind: Float, Min: 0.5, Max: 100},
			{Name: "protection", Kind: Bool},
			// the surface dug up to renew the pipe (the renewal cost model); absent = unknown
			{Name: "surface", Kind: Enum, Values: riskmodel.Surfaces(), Optional: true},
		}},
		"stations": {Name: "stations", Geom: Points | Polygons, Fields: []Field{id,
			{Name: "kind", Kind: Enum, Values: []string{"city_gate", "storage", "regulator", "regulator_box", "cng", "lng", "lpg"}},
			year,
			{Name: "name", Kind: Text},
			// an automatic over-pressure cut-off and relief (超压切断/放散);
			// without it a regulating station is a 重大隐患 (建城规〔2023〕4号)
			{Name: "overpressure_protection", Kind: Bool},
			{Name: "setting", Kind: Enum, Values: riskmodel.StationSettings(), Optional: true},
			{Name: "inlet_pressure_class", Kind: Enum, Values: riskmodel.PressureClasses(), Optional: true},
			{Name: "lpg_class", Kind: Enum, Values: riskmodel.LPGClasses(), Optional: true},
		}},
		"buildings": {Name: "buildings", Geom: Polygons, Fields: []Field{id,
			{Name: "use", Kind: Enum, Values: []string{"residential", "commercial", "school", "hospital", "nursing_home", "mall", "market", "other"}, Default: "other"},
			{Name: "floors", Kind: Int, Min: 1, Max: 200},
		}},
		"sewers": {Name: "sewers", Geom: Lines, Fields: []Field{id,
			{Name: "kind", Kind: Enum, Values: []string{"sanitary", "storm", "combined", "culvert", "water"}},
			{Name: "diameter_mm", Kind: Float, Min: 1, Max: 20000},
			{Name: "depth_m", Kind: Float, Min: 0, Max: 100},
		}},
		"places": {Name: "places", Geom: Points | Polygons, Fields: []Field{id,
			{Name: "kind", Kind: Text, Default: "other"},
			{Name: "name", Kind: Text},
			{Name: "capacity", Kind: Int, Min: 0, Max: 10000000},
		}},
		"districts": {Name: "districts", Geom: Polygons, Fields: []Field{id,
			{Name: "name", Kind: Text},
		}},
		"detectors": {Name: "detectors", Geom: Points, Fields: []Field{id,
			{Name: "kind", Kind: Enum, Values: riskmodel.DetectorKinds(), Default: riskmodel.DetectorLeak},
			year,
		}},
		// Valves split the pipes they sit on and bound an isolation; an
		// inoperable one is passed over by the trace (docs/data-model.md).
		"valves": {Name: "valves", Geom: Points, Fields: []Field{id,
			{Name: "kind", Kind: Enum, Values: []string{"gate", "ball", "plug", "regulator_inlet"}, Default: "gate"},
			{Name: "normal_state", Kind: Enum, Values: []string{"open", "closed"}, Default: "open"},
			{Name: "operable", Kind: Bool, Default: "true"},
			{Name: "last_exercised", Kind: Date},
			{Name: "pressure_class", Kind: Enum, Values: riskmodel.PressureClasses(), Optional: true},
		}},
		// Customers are the service points that lose gas in an isolation.
		"customers": {Name: "customers", Geom: Points | Polygons, Fields: []Field{id,
			{Name: "kind", Kind: Enum, Values: []string{"residential", "commercial", "industrial", "critical"}, Default: "residential"},
			{Name: "meters", Kind: Int, Min: 0, Max: 1000000, Default: "1"},
			{Name: "building_id", Kind: Text},
		}},
	}
	for name, l := range evidenceLayers() {
		layers[name] = l
	}
	return layers
}

// LayerNames lists the importable layers, sorted.
func LayerNames() []string {
	var names []string
	for n := range Layers() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LookupLayer returns the named layer or an error listing the known ones.
func LookupLayer(name string) (Layer, error) {
	l, ok := Layers()[strings.ToLower(name)]
	if !ok {
		return Layer{}, fmt.Errorf("unknown layer %q (known: %s)", name, strings.Join(LayerNames(), ", "))
	}
	return l, nil
}

// Order lists the layers in the order a whole city is loaded:
// districts first, so that the working CRS comes from the city's extent.
func Order() []string {
	return []string{"districts", "pipes", "sewers", "buildings", "places", "stations", "detectors",
		"leaks", "patrols", "cp_readings", "valves", "customers"}
}
