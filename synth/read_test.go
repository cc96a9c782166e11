package synth

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Readers for the files Generate writes, independent of the writers: they
// use encoding/json and encoding/csv and a small WKT parser.

// pt is a position in the test's own local metric plane.
type pt struct{ x, y float64 }

// feat is one parsed feature: attribute values as text ("" for null or
// missing; null records which were null) and the geometry in metres.
type feat struct {
	props map[string]string
	null  map[string]bool
	geom  string // Point, LineString or Polygon
	pts   []pt   // a polygon's exterior ring, closed
}

var allLayers = []string{"districts", "pipes", "sewers", "buildings", "places", "stations", "detectors",
	"leaks", "patrols", "cp_readings", "valves", "customers"}

// toMetres inverts the documented projection about the default centre.
func toMetres(lon, lat float64) pt {
	return pt{(lon - 114.30) * 111320 * math.Cos(30.60*math.Pi/180), (lat - 30.60) * 110574}
}

// readCity reads every layer of a generated city in the given format.
func readCity(t *testing.T, dir, format string) map[string][]feat {
	t.Helper()
	city := map[string][]feat{}
	for _, l := range allLayers {
		path := filepath.Join(dir, l+"."+format)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var fs []feat
		if format == "csv" {
			fs, err = parseCSV(raw)
		} else {
			fs, err = parseGeoJSON(raw)
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		city[l] = fs
	}
	return city
}

func parseGeoJSON(raw []byte) ([]feat, error) {
	var fc struct {
		Type     string          `json:"type"`
		CRS      json.RawMessage `json:"crs"`
		Features []struct {
			Type       string                     `json:"type"`
			Properties map[string]json.RawMessage `json:"properties"`
			Geometry   struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&fc); err != nil {
		return nil, err
	}
	if fc.Type != "FeatureCollection" || fc.CRS != nil {
		return nil, fmt.Errorf("type %q, crs %s", fc.Type, fc.CRS)
	}
	out := make([]feat, 0, len(fc.Features))
	for _, f := range fc.Features {
		if f.Type != "Feature" {
			return nil, fmt.Errorf("feature type %q", f.Type)
		}
		ft := feat{props: map[string]string{}, null: map[string]bool{}, geom: f.Geometry.Type}
		for k, v := range f.Properties {
			var s any
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, err
			}
			switch s := s.(type) {
			case nil:
				ft.null[k] = true
			case string:
				ft.props[k] = s
			default:
				ft.props[k] = string(v)
			}
		}
		pts, err := geoJSONCoords(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return nil, err
		}
		ft.pts = pts
		out = append(out, ft)
	}
	return out, nil
}

func geoJSONCoords(kind string, raw json.RawMessage) ([]pt, error) {
	var pos [][2]float64
	switch kind {
	case "Point":
		var p [2]float64
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, err
		}
		pos = [][2]float64{p}
	case "LineString":
		if err := json.Unmarshal(raw, &pos); err != nil {
			return nil, err
		}
	case "Polygon":
		var rings [][][2]float64
		if err := json.Unmarshal(raw, &rings); err != nil {
			return nil, err
		}
		if len(rings) != 1 {
			return nil, fmt.Errorf("polygon with %d rings", len(rings))
		}
		pos = rings[0]
	default:
		return nil, fmt.Errorf("geometry type %q", kind)
	}
	out := make([]pt, len(pos))
	for k, p := range pos {
		out[k] = toMetres(p[0], p[1])
	}
	return out, nil
}

func parseCSV(raw []byte) ([]feat, error) {
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		return nil, err
	}
	head := rows[0]
	if head[len(head)-1] != "wkt" {
		return nil, fmt.Errorf("last column %q, want wkt", head[len(head)-1])
	}
	var out []feat
	for _, row := range rows[1:] {
		ft := feat{props: map[string]string{}, null: map[string]bool{}}
		for k, name := range head[:len(head)-1] {
			if row[k] == "" {
				ft.null[name] = true
			} else {
				ft.props[name] = row[k]
			}
		}
		ft.geom, ft.pts, err = parseWKT(row[len(row)-1])
		if err != nil {
			return nil, err
		}
		out = append(out, ft)
	}
	return out, nil
}

// parseWKT reads POINT, LINESTRING and single-ring POLYGON text.
func parseWKT(s string) (string, []pt, error) {
	kinds := map[string]string{"POINT": "Point", "LINESTRING": "LineString", "POLYGON": "Polygon"}
	open := strings.IndexByte(s, '(')
	kind, ok := kinds[strings.TrimSpace(s[:max(open, 0)])]
	if open < 0 || !ok {
		return "", nil, fmt.Errorf("bad WKT %q", s)
	}
	body := strings.Trim(s[open:], "()")
	var pts []pt
	for _, c := range strings.Split(body, ",") {
		f := strings.Fields(c)
		if len(f) != 2 {
			return "", nil, fmt.Errorf("bad WKT coordinate %q", c)
		}
		lon, err1 := strconv.ParseFloat(f[0], 64)
		lat, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			return "", nil, fmt.Errorf("bad WKT coordinate %q", c)
		}
		pts = append(pts, toMetres(lon, lat))
	}
	return kind, pts, nil
}
