package datatest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Feature is a test fixture feature: properties and a GeoJSON geometry.
type Feature struct {
	Props map[string]any
	Geom  string
}

// Line is a GeoJSON LineString through the coordinates x0, y0, x1, y1, ….
func Line(coords ...float64) string {
	var pts []string
	for i := 0; i+1 < len(coords); i += 2 {
		pts = append(pts, fmt.Sprintf("[%v,%v]", coords[i], coords[i+1]))
	}
	return `{"type":"LineString","coordinates":[` + strings.Join(pts, ",") + `]}`
}

// WriteGeoJSON writes a FeatureCollection, with a legacy crs member when
// srid is not 0.
func WriteGeoJSON(t testing.TB, name string, srid int, fs []Feature) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection",`)
	if srid != 0 {
		fmt.Fprintf(&b, `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::%d"}},`, srid)
	}
	b.WriteString(`"features":[`)
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		p, _ := json.Marshal(f.Props)
		g := f.Geom
		if g == "" {
			g = "null"
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":%s,"geometry":%s}`, p, g)
	}
	b.WriteString("]}")
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
