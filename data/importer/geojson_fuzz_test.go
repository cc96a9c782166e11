package importer

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzReadGeoJSON: the Go GeoJSON reader and the feature checks never
// panic on any file; the reader either hands over features with their
// positions in order, or sends the file to GDAL, or refuses it with an
// error naming the file; every feature is loaded or refused with a
// reason that quotes no more than 80 characters of a value.
func FuzzReadGeoJSON(f *testing.F) {
	for _, s := range []string{
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"P1","material":"steel","pressure_class":"MPB","diameter_mm":110},"geometry":{"type":"LineString","coordinates":[[114.3,30.5],[114.31,30.5]]}}]}`,
		`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[528000,3386000]}}]}`,
		`{"features":[{"geometry":null}],"crs":{}}`, `{"type":"Feature"}`, `[]`, `{"type":"FeatureCollection","features":{}}`,
		`{"type":"FeatureCollection","features":[1,"x",null,{"geometry":{"type":"LineString","coordinates":[[1e999,0],[0,0]]}}]}`,
		`{"type":"FeatureCollection","features":[{"properties":{"material":"` + strings.Repeat("钢", 200) + `"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}]`,
	} {
		f.Add([]byte(s))
	}
	pipes, _ := LookupLayer("pipes")
	f.Fuzz(func(t *testing.T, b []byte) {
		const path = "fuzz.geojson"
		fr := &featureReader{layer: pipes, maxYear: time.Now().Year()}
		next := 0
		err := decodeGeoJSON(context.Background(), path, bytes.NewReader(b), func(srid int) error {
			fr.lonLat = srid == 4326
			return nil
		}, func(sf sourceFeature) error {
			if sf.Index != next {
				t.Fatalf("feature %d handed over as %d", next, sf.Index)
			}
			next++
			var ext extent
			raw, err := sf.decode(featureJSON())
			if err != nil {
				return nil
			}
			if _, reason := fr.convert(raw, &ext); len([]rune(reason)) > 600 {
				t.Fatalf("reason of %d characters: %.200s", len([]rune(reason)), reason)
			}
			return nil
		})
		if err != nil && !errors.Is(err, errNotPlainGeoJSON) && !strings.Contains(err.Error(), path) {
			t.Fatalf("error does not name the file: %v", err)
		}
		if errors.Is(err, errNotPlainGeoJSON) && next != 0 {
			t.Fatalf("sent to GDAL after %d features", next)
		}
	})
}
