package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/riskmodel"
	"gasrisk/web"
)

// The permit test city, in EPSG:32650 metres around (x0, y0): a sub-high
// pressure steel main SHPB-1 (protection 1.5 m, control 15 m) along y0, a
// low pressure PE pipe LP-1 (0.5 m / 5 m) 1 km north with a building on
// it, a regulator station and a district around everything.
const x0, y0 = 400000.0, 3400000.0

// gjFeature is one fixture feature.
type gjFeature struct {
	props map[string]any
	wkt   string
}

func permitCityLayers() map[string][]gjFeature {
	line := func(x1, y1, x2, y2 float64) string { return fmt.Sprintf("LINESTRING(%v %v,%v %v)", x1, y1, x2, y2) }
	return map[string][]gjFeature{
		"districts": {{map[string]any{"id": "D1", "name": "东湖街道"}, rectWKT(x0-500, y0-500, x0+700, y0+1500)}},
		"pipes": {
			{map[string]any{"id": "SHPB-1", "material": "steel", "pressure_class": "SHPB", "install_year": 2010, "diameter_mm": 300, "district": "D1"},
				line(x0, y0, x0+200, y0)},
			{map[string]any{"id": "LP-1", "material": "pe", "pressure_class": "LP", "install_year": 2015, "diameter_mm": 110, "district": "D1"},
				line(x0, y0+1000, x0+200, y0+1000)},
		},
		"buildings": {{map[string]any{"id": "B-on-LP", "use": "residential", "floors": 6}, rectWKT(x0+40, y0+995, x0+60, y0+1005)}},
		"stations":  {{map[string]any{"id": "T-1", "kind": "regulator", "install_year": 1990}, fmt.Sprintf("POINT(%v %v)", x0+300, y0+300)}},
	}
}

func rectWKT(xa, ya, xb, yb float64) string {
	return fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v,%v %v))", xa, ya, xb, ya, xb, yb, xa, yb, xa, ya)
}

// permitCity imports the city into a fresh database with data.DB.Import
// and analyses it.
func permitCity(t *testing.T) datatest.Services {
	t.Helper()
	s := env.Services(t)
	ctx := context.Background()
	layers := permitCityLayers()
	for _, name := range importer.Order() {
		fs := layers[name]
		if len(fs) == 0 {
			continue
		}
		file := writeLayer(t, s, name, fs)
		if _, err := s.Importer.Import(ctx, importer.Options{Layer: name, File: file}); err != nil {
			t.Fatalf("import %s: %v", name, err)
		}
	}
	o := analysis.Options{Model: riskmodel.DefaultConfig(), AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}
	if _, err := s.Analysis.Analyze(ctx, o); err != nil {
		t.Fatal(err)
	}
	return s
}

// writeLayer writes features as a GeoJSON file in EPSG:32650.
func writeLayer(t *testing.T, s datatest.Services, name string, fs []gjFeature) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32650"}},"features":[`)
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		p, _ := json.Marshal(f.props)
		fmt.Fprintf(&b, `{"type":"Feature","properties":%s,"geometry":%s}`, p, geomJSON(t, s, f.wkt, 32650))
	}
	b.WriteString("]}")
	path := filepath.Join(t.TempDir(), name+".geojson")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// geomJSON is WKT in EPSG:32650 as GeoJSON in srid.
func geomJSON(t *testing.T, s datatest.Services, wkt string, srid int) string {
	t.Helper()
	var g string
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT ST_AsGeoJSON(ST_Transform(ST_GeomFromText($1, 32650), $2::int), 9)`,
		wkt, srid).Scan(&g)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// square is a WKT square of side m with its south-west corner dx, dy from
// the origin.
func square(dx, dy, side float64) string {
	return rectWKT(x0+dx, y0+dy, x0+dx+side, y0+dy+side)
}

// fullDeps are the server's dependencies over s, as cmd wires them.
func fullDeps(s datatest.Services) web.Deps {
	return web.Deps{DB: s.DB, Segments: s.Results, Stats: s.Results, Keys: s.Access, Permits: s.Permits, Export: s.Export, OGC: s.OGC, Ledger: s.Ledger, Print: s.Print, Plans: s.Plans,
		Sensors: s.Sensors, Records: s.Importer, Network: s.Topology}
}

// serve starts the real server over s.
func serve(t *testing.T, s datatest.Services, cfg web.Config) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(web.New(cfg, fullDeps(s)))
	t.Cleanup(srv.Close)
	return srv
}

// newKey creates an API key and returns its secret.
func newKey(t *testing.T, s datatest.Services, name, role string) string {
	t.Helper()
	_, secret, err := s.Access.CreateKey(context.Background(), name, role, "test")
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// request makes a request with an optional key and body; it returns the
// status, the headers and the body.
func request(t *testing.T, method, url, key string, body any) (int, http.Header, []byte) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, url, err)
	}
	return resp.StatusCode, resp.Header, out
}

// permitBody is a permit request over a geometry given as WKT in EPSG:32650.
func permitBody(t *testing.T, s datatest.Services, wkt, kind string) map[string]any {
	t.Helper()
	return map[string]any{"geometry": json.RawMessage(geomJSON(t, s, wkt, 4326)), "work_kind": kind, "depth_m": 2.5,
		"start": "2026-06-01", "end": "2026-07-31", "applicant": "某某建设工程有限公司"}
}
