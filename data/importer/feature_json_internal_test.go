package importer

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/geojson"
)

// decodeFeature decodes one feature's text as the import does.
func decodeFeature(t *testing.T, text string) (rawFeature, error) {
	t.Helper()
	return sourceFeature{Raw: []byte(text)}.decode(featureJSON())
}

// TestGeometryLikeGoGeom: every geometry go-geom's GeoJSON decoder reads,
// the one-pass decoder reads to the same geometry (type, layout,
// coordinates, ends).
func TestGeometryLikeGoGeom(t *testing.T) {
	for _, g := range []string{
		`{"type":"Point","coordinates":[114.3,30.5]}`,
		`{"type":"Point","coordinates":[114.3,30.5,12]}`,
		`{"type":"Point","coordinates":[]}`,
		`{"type":"LineString","coordinates":[[114.3005509,30.5807309],[114.3010136,30.5807235],[114.3015662,30.5807452]]}`,
		`{"type":"LineString","coordinates":[[1,2,3,4],[5,6,7,8]]}`,
		`{"type":"LineString","coordinates":[]}`,
		`{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}`,
		`{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3],[4,4]]]}`,
		`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.1],[5.2,5.2],[5.1,5.1]]]]}`,
		`{"coordinates":[[528000,3386000],[529000,3386000]],"type":"LineString","bbox":[528000,3386000,529000,3386000]}`,
		`{"type":"LineString","coordinates":[[1e2,-2.5E-3],[0.1,-0]]}`,
	} {
		t.Run(g[:min(len(g), 40)], func(t *testing.T) {
			var want geom.T
			if err := geojson.Unmarshal([]byte(g), &want); err != nil {
				t.Fatalf("go-geom: %v", err)
			}
			f, err := decodeFeature(t, `{"type":"Feature","properties":{},"geometry":`+g+`}`)
			if err != nil {
				t.Fatal(err)
			}
			got, err := f.Geometry.decode()
			if err != nil {
				t.Fatal(err)
			}
			if reflect.TypeOf(got) != reflect.TypeOf(want) || got.Empty() != want.Empty() {
				t.Fatalf("got %T (empty %v), want %T (empty %v)", got, got.Empty(), want, want.Empty())
			}
			if got.Empty() {
				return
			}
			if got.Layout() != want.Layout() || !reflect.DeepEqual(got.FlatCoords(), want.FlatCoords()) ||
				!reflect.DeepEqual(got.Ends(), want.Ends()) || !reflect.DeepEqual(got.Endss(), want.Endss()) {
				t.Errorf("got %v %v ends %v %v, want %v %v ends %v %v", got.Layout(), got.FlatCoords(), got.Ends(), got.Endss(),
					want.Layout(), want.FlatCoords(), want.Ends(), want.Endss())
			}
		})
	}
}

// TestGeometryRefused: coordinates that are JSON but not the type's
// positions refuse the geometry with a reason, and the rest of the
// feature (its id, its properties) is still read; text that is not JSON
// makes the feature unreadable.
func TestGeometryRefused(t *testing.T) {
	for _, c := range []struct {
		name, geometry, reason string
	}{
		{"string coordinates", `{"type":"LineString","coordinates":"x"}`, "not arrays of numbers"},
		{"object in coordinates", `{"type":"LineString","coordinates":[[1,2],{"a":[1]}]}`, "not arrays of numbers"},
		{"null position", `{"type":"LineString","coordinates":[[1,2],null]}`, "not arrays of numbers"},
		{"string number", `{"type":"Point","coordinates":["1",2]}`, "not arrays of numbers"},
		{"overflow", `{"type":"LineString","coordinates":[[1e999,0],[0,0]]}`, "out of range"},
		{"too deep", `{"type":"LineString","coordinates":[[[[[1,2]]]]]}`, "nested deeper"},
		{"wrong depth", `{"type":"Polygon","coordinates":[[1,2],[3,4]]}`, "nested 2 deep, want 3"},
		{"uneven", `{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[5,6]]}`, "unevenly"},
		{"mixed dimensions", `{"type":"LineString","coordinates":[[1,2],[3,4,5]]}`, "different numbers of"},
		{"one number", `{"type":"LineString","coordinates":[[1],[2]]}`, "positions of 1 numbers"},
		{"empty inside", `{"type":"Polygon","coordinates":[[]]}`, "empty array inside"},
		{"unknown type", `{"type":"Circle","coordinates":[1,2]}`, `unknown geometry type "Circle"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := decodeFeature(t, `{"type":"Feature","id":"F1","properties":{"material":"steel"},"geometry":`+c.geometry+`,"extra":[1]}`)
			if err != nil {
				t.Fatalf("feature unreadable: %v", err)
			}
			if string(f.ID) != `"F1"` || f.Properties["material"] != "steel" {
				t.Errorf("id %s, properties %v: the rest of the feature was not read", f.ID, f.Properties)
			}
			if _, err := f.Geometry.decode(); err == nil || !strings.Contains(err.Error(), c.reason) {
				t.Errorf("error %v, want one saying %q", err, c.reason)
			}
		})
	}
	for _, text := range []string{
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2}}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}`,
		`{"type":"Feature","properties":{"a":tru},"geometry":null}`,
	} {
		t.Run("not JSON", func(t *testing.T) {
			if _, err := decodeFeature(t, text); err == nil {
				t.Errorf("%s read without error", text)
			}
		})
	}
}

// TestFeatureLenient: what encoding/json took, the v2 decoder takes too:
// member names in any case, a repeated member (the last wins), invalid
// UTF-8 (as U+FFFD), null or absent geometry (then missing).
func TestFeatureLenient(t *testing.T) {
	f, err := decodeFeature(t, `{"Type":"Feature","ID":7,"Properties":{"material":"steel","material":"pe","district":"D`+"\xff"+`1"},"Geometry":null}`)
	if err != nil {
		t.Fatal(err)
	}
	if string(f.ID) != "7" || f.Properties["material"] != "pe" || f.Properties["district"] != "D\uFFFD1" || f.Geometry != nil {
		t.Errorf("id %s, properties %q, geometry %v", f.ID, f.Properties, f.Geometry)
	}
	pipes, _ := LookupLayer("pipes")
	fr := newFeatureReader(pipes, Mapping{})
	if _, reason := fr.convert(f, &extent{}); reason != "missing geometry" {
		t.Errorf("reason %q, want missing geometry", reason)
	}
	if got := fr.featureID(f); got != "7" {
		t.Errorf("id %q, want 7", got)
	}
}

// TestGeometryCollection is read (and refused by family, not as
// unreadable).
func TestGeometryCollection(t *testing.T) {
	f, err := decodeFeature(t, `{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]}}`)
	if err != nil {
		t.Fatal(err)
	}
	g, err := f.Geometry.decode()
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := g.(*geom.GeometryCollection); !ok || len(c.Geoms()) != 2 {
		t.Fatalf("got %T %v", g, g)
	}
	pipes, _ := LookupLayer("pipes")
	if reason := checkShape(g, pipes, true); !strings.Contains(reason, "GeometryCollection geometry where layer pipes takes") {
		t.Errorf("reason %q", reason)
	}
}

// TestTextLikeSprint: property values read as text exactly as fmt.Sprint
// writes them (the reasons quote them).
func TestTextLikeSprint(t *testing.T) {
	for _, v := range []any{"steel", " pe ", 110.0, 2030.0, 1e21, 1e-7, -0.5, 0.1, true, false, []any{1.0}, map[string]any{"a": "b"}} {
		if got, want := text(v), fmt.Sprint(v); got != want {
			t.Errorf("text(%#v) = %q, want %q", v, got, want)
		}
	}
}
