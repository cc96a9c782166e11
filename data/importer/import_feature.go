package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/twpayne/go-geom/encoding/wkb"

	"gasrisk/riskmodel"
)

// Mapping turns a foreign schema into the canonical one.
type Mapping struct {
	// Fields maps a canonical attribute to the source attribute holding it.
	Fields map[string]string
	// Values maps, per canonical attribute, source values to canonical ones.
	Values map[string]map[string]string
	// Constants gives every feature this value of a canonical attribute,
	// whatever the file holds (attributes a file was published without).
	Constants map[string]string
}

// normalized returns the mapping with the canonical attribute names in
// lower case: they match case-insensitively, like the file's names.
func (m Mapping) normalized() Mapping {
	out := Mapping{Fields: map[string]string{}, Values: map[string]map[string]string{}, Constants: map[string]string{}}
	for k, v := range m.Fields {
		out.Fields[strings.ToLower(strings.TrimSpace(k))] = v
	}
	for k, v := range m.Values {
		k = strings.ToLower(strings.TrimSpace(k))
		if out.Values[k] == nil {
			out.Values[k] = map[string]string{}
		}
		for from, to := range v {
			out.Values[k][from] = to
		}
	}
	for k, v := range m.Constants {
		out.Constants[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return out
}

// featureReader converts GDAL's features into rows of a layer's staging
// table, or into reasons for refusing them.
type featureReader struct {
	layer   Layer
	mapping Mapping
	maxYear int
	today   time.Time // UTC midnight of the import's day
	lonLat  bool      // coordinates are EPSG:4326 degrees
	// defaultClass is the pressure class of a pipe with no pressure.
	defaultClass string
	jsonOpts     json.Options // featureJSON
}

// newFeatureReader returns the reader of layer's features under mapping.
func newFeatureReader(layer Layer, m Mapping) *featureReader {
	now := time.Now().UTC()
	return &featureReader{layer: layer, mapping: m.normalized(), maxYear: now.Year(),
		today:        time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
		defaultClass: riskmodel.DefaultConfig().Consequence.DefaultPressureClass, jsonOpts: featureJSON()}
}

// row is a validated feature: the canonical values in layer field order.
type row struct {
	index  int
	id     string
	values []any
	wkb    []byte
	// cx, cy is the centre of the geometry's extent (its zGrid key
	// orders the rows).
	cx, cy float64
	// assumed names the attributes given a default because the feature
	// lacks what they derive from (a pipe without pressure: its class).
	assumed []string
}

// convert validates one feature on its own (duplicate ids are found by
// the caller, in file order). A non-empty reason means it is refused.
// The geometry's coordinates, readable ones even of a refused feature,
// grow ext.
func (r *featureReader) convert(f rawFeature, ext *extent) (row, string) {
	out := row{index: f.Index, values: make([]any, len(r.layer.Fields))}
	out.id = r.featureID(f)
	for i, fld := range r.layer.Fields {
		v, reason := r.value(fld, f)
		if reason != "" {
			return out, reason
		}
		out.values[i] = v
	}
	out.values[0] = out.id
	if reason := r.pressure(&out); reason != "" {
		return out, reason
	}
	if r.layer.Check != nil {
		if reason := r.layer.Check(out.values); reason != "" {
			return out, reason
		}
	}
	b, reason := r.geometry(f.Geometry, ext)
	if reason != "" {
		return out, reason
	}
	out.wkb = b
	return out, ""
}

// featureID is the constant or mapped id attribute (any case), the
// GeoJSON feature id, or a generated one.
func (r *featureReader) featureID(f rawFeature) string {
	if v, ok := r.lookup(f.Properties, "id"); ok && v != nil {
		if s := strings.TrimSpace(text(v)); s != "" {
			return s
		}
	}
	if len(f.ID) > 0 && string(f.ID) != "null" {
		var s string
		if json.Unmarshal(f.ID, &s) == nil && s != "" {
			return s
		}
		return string(f.ID)
	}
	return fmt.Sprintf("%s-%d", r.layer.Name, f.Index+1)
}

// source is the source attribute name for canonical field name.
func (r *featureReader) source(name string) string {
	if s, ok := r.mapping.Fields[name]; ok {
		return s
	}
	return name
}

// lookup finds the source attribute, tolerating case differences and the
// 10-character names of Shapefile (DBF) attributes; a constant wins.
func (r *featureReader) lookup(props map[string]any, name string) (any, bool) {
	if c, ok := r.mapping.Constants[name]; ok {
		return c, true
	}
	src := r.source(name)
	if v, ok := props[src]; ok {
		return v, true
	}
	short := src
	if len(short) > 10 {
		short = short[:10]
	}
	for k, v := range props {
		if strings.EqualFold(k, src) || strings.EqualFold(k, short) {
			return v, true
		}
	}
	return nil, false
}

// value reads and checks one canonical attribute.
func (r *featureReader) value(fld Field, f rawFeature) (any, string) {
	v, ok := r.lookup(f.Properties, fld.Name)
	s := ""
	if ok && v != nil {
		s = strings.TrimSpace(text(v))
	}
	if s == "" {
		if fld.Kind == Enum && fld.Default == "" && !fld.Optional && fld.Name != "pressure_class" {
			return nil, fmt.Sprintf("missing %s (one of %s)", fld.Name, strings.Join(fld.Values, ", "))
		}
		if fld.Required {
			return nil, "missing " + fld.Name
		}
		if fld.Default == "" {
			return nil, ""
		}
		s = fld.Default
	}
	switch fld.Kind {
	case Enum:
		c, ok := canonicalValue(fld, s, r.mapping.Values[fld.Name])
		if !ok {
			return nil, fmt.Sprintf("unknown %s %q (known: %s; map it with --value %s:%s=CANONICAL)",
				fld.Name, clip(s), strings.Join(fld.Values, ", "), fld.Name, clip(s))
		}
		return c, ""
	case Int, Float:
		return r.number(fld, s)
	case Date:
		return r.date(fld, s)
	case Bool:
		b, ok := boolValue(s, r.mapping.Values[fld.Name])
		if !ok {
			return nil, fmt.Sprintf("%s %q is not a boolean (true or false; map it with --value %s:%s=true)", fld.Name, clip(s), fld.Name, clip(s))
		}
		return b, ""
	}
	return s, ""
}

// text is a property's value as fmt.Sprint writes it, without fmt's
// machinery for the kinds JSON has.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(v)
}

// number parses and range-checks a numeric attribute.
func (r *featureReader) number(fld Field, s string) (any, string) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return nil, fmt.Sprintf("%s %q is not a number", fld.Name, clip(s))
	}
	if fld.Name == "install_year" && x > float64(r.maxYear) {
		return nil, fmt.Sprintf("install_year %s is in the future", s)
	}
	if x < fld.Min || (fld.Max > 0 && x > fld.Max) {
		if fld.Max > 0 {
			return nil, fmt.Sprintf("%s %s is outside %g–%g", fld.Name, s, fld.Min, fld.Max)
		}
		return nil, fmt.Sprintf("%s %s is below %g", fld.Name, s, fld.Min)
	}
	if fld.Kind == Int {
		if x != math.Trunc(x) {
			return nil, fmt.Sprintf("%s %s is not a whole number", fld.Name, s)
		}
		return int32(x), ""
	}
	return x, ""
}

// geometry checks the feature's geometry and encodes it as WKB.
func (r *featureReader) geometry(raw *geometryJSON, ext *extent) ([]byte, string) {
	if raw == nil {
		return nil, "missing geometry"
	}
	g, err := raw.decode()
	if err != nil {
		return nil, "unreadable geometry: " + clip(err.Error())
	}
	ext.add(g)
	if reason := checkShape(g, r.layer, r.lonLat); reason != "" {
		return nil, reason
	}
	b, err := wkb.Marshal(g, wkb.NDR)
	if err != nil {
		return nil, "geometry cannot be encoded: " + err.Error()
	}
	return b, ""
}
