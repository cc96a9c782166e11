package importer

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestDecodeGeoJSON: the Go reader hands over each feature's text in
// order with the file's CRS, sends what is not a plain FeatureCollection
// to GDAL, and refuses broken files naming the file and the reason.
func TestDecodeGeoJSON(t *testing.T) {
	const p1 = `{"type":"Feature","properties":{"id":"P1"},"geometry":null}`
	const p2 = `{"type":"Feature","properties":{"id":"P2","note":"a \"quoted\" ] }"},"geometry":{"type":"Point","coordinates":[1,2]}}`
	for _, c := range []struct {
		name, text string
		srid       int
		features   []string
		err        string // "" none; "GDAL" errNotPlainGeoJSON
	}{
		{"plain", `{"type":"FeatureCollection","features":[` + p1 + `,` + p2 + `]}`, 4326, []string{p1, p2}, ""},
		{"white space and other members", "{\n \"name\": \"net\", \"bbox\": [0,0,1,1],\n \"type\": \"FeatureCollection\",\n \"features\": [\n" + p1 + "\n]\n}\n", 4326, []string{p1}, ""},
		{"crs first", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[` + p2 + `]}`, 4547, []string{p2}, ""},
		{"CRS84", `{"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}`, 4326, nil, ""},
		{"no features", `{"type":"FeatureCollection","features":[]}`, 4326, nil, ""},
		{"crs after the features", `{"features":[` + p1 + `],"crs":{"type":"name","properties":{"name":"EPSG:4547"}}}`, 4326, []string{p1}, "follows the features"},
		{"type after the features", `{"features":[` + p1 + `],"type":"Feature"}`, 4326, []string{p1}, `type "Feature" after the features`},
		{"unsupported crs", `{"crs":{"type":"link","properties":{"href":"x"}},"features":[]}`, 0, nil, `unsupported "crs" member`},
		{"features not an array", `{"type":"FeatureCollection","features":{}}`, 4326, nil, `"features" is not an array`},
		{"truncated", `{"type":"FeatureCollection","features":[` + p1 + `,{"type":"Fea`, 4326, []string{p1}, "truncated GeoJSON"},
		{"invalid feature", `{"type":"FeatureCollection","features":[` + p1 + `,{"type":Feature}]}`, 4326, []string{p1}, "invalid GeoJSON near byte"},
		{"array", `[]`, 0, nil, "GDAL"},
		{"a single feature", p1, 0, nil, "GDAL"},
		{"no features member", `{"type":"FeatureCollection"}`, 0, nil, "GDAL"},
		{"another type", `{"type":"Topology","objects":{}}`, 0, nil, "GDAL"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			srid := 0
			err := decodeGeoJSON(context.Background(), "f.geojson", strings.NewReader(c.text), func(s int) error {
				srid = s
				return nil
			}, func(sf sourceFeature) error {
				if sf.Index != len(got) {
					t.Errorf("feature %d handed over as %d", len(got), sf.Index)
				}
				got = append(got, string(sf.Raw))
				return nil
			})
			switch {
			case c.err == "GDAL":
				if !errors.Is(err, errNotPlainGeoJSON) {
					t.Errorf("err = %v, want the file sent to GDAL", err)
				}
			case c.err == "":
				if err != nil {
					t.Errorf("err = %v", err)
				}
			case err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "f.geojson"):
				t.Errorf("err = %v, want one naming f.geojson and saying %q", err, c.err)
			}
			if srid != c.srid {
				t.Errorf("CRS EPSG:%d, want EPSG:%d", srid, c.srid)
			}
			if strings.Join(got, "\n") != strings.Join(c.features, "\n") {
				t.Errorf("features\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.features, "\n"))
			}
		})
	}
}
