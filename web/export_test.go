package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"gasrisk/web"
)

func TestExportEndpoint(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	for _, tc := range []struct {
		path, ctype string
		check       func(t *testing.T, body string)
	}{
		{"/api/v1/export/segments.geojson", "application/geo+json", func(t *testing.T, body string) {
			fc := decodeFC(t, body)
			if len(fc) < 2 {
				t.Errorf("%d segments", len(fc))
			}
		}},
		{"/api/v1/export/segments.geojson?finding=occupied&district=东湖街道", "application/geo+json", func(t *testing.T, body string) {
			for _, p := range decodeFC(t, body) {
				if p["pipe_id"] != "LP-1" || p["occupied"] != true || p["district"] != "D1" {
					t.Errorf("occupied segment %v", p)
				}
			}
		}},
		{"/api/v1/export/segments.geojson?grade=blue,yellow&grade=orange", "application/geo+json", func(t *testing.T, body string) {
			for _, p := range decodeFC(t, body) {
				if p["grade"] == "red" {
					t.Errorf("red segment exported: %v", p)
				}
			}
		}},
		{"/api/v1/export/stations.geojson", "application/geo+json", func(t *testing.T, body string) {
			if fc := decodeFC(t, body); len(fc) != 1 || fc[0]["id"] != "T-1" {
				t.Errorf("stations %v", fc)
			}
		}},
		{"/api/v1/export/hazards.geojson?finding=occupied", "application/geo+json", func(t *testing.T, body string) {
			if fc := decodeFC(t, body); len(fc) == 0 {
				t.Error("no occupied hazard")
			}
		}},
		{"/api/v1/export/segments.csv?lang=en", "text/csv", func(t *testing.T, body string) {
			if !strings.HasPrefix(body, "\ufeffSegment ID,Pipe ID,Risk grade") || !strings.Contains(body, "LINESTRING") {
				t.Errorf("CSV %.200q", body)
			}
		}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			code, h, body := request(t, "GET", srv.URL+tc.path, "", nil)
			if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), tc.ctype) || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
				t.Fatalf("%d %s %s: %.300s", code, h.Get("Content-Type"), h.Get("Content-Disposition"), body)
			}
			tc.check(t, string(body))
		})
	}
}

func decodeFC(t *testing.T, body string) []map[string]any {
	t.Helper()
	var fc struct {
		Type     string
		Features []struct{ Properties map[string]any }
	}
	if err := json.Unmarshal([]byte(body), &fc); err != nil || fc.Type != "FeatureCollection" {
		t.Fatalf("not a FeatureCollection (%v): %.200s", err, body)
	}
	var out []map[string]any
	for _, f := range fc.Features {
		out = append(out, f.Properties)
	}
	return out
}

func TestExportEndpointErrors(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	for _, tc := range []struct {
		query  string
		status int
		says   string
	}{
		{"segments.geojson?bbox=1,2,3", 400, "4 numbers"},
		{"segments.geojson?bbox=120,30,110,31", 400, "west"},
		{"segments.geojson?bbox=110,30,120,95", 400, "-90..90"},
		{"segments.geojson?grade=purple", 400, "purple"},
		{"segments.geojson?finding=haunted", 400, "haunted"},
		{"segments.geojson?district=Atlantis", 400, "Atlantis"},
		{"segments.geojson?grades=red", 400, "grades"},
		{"segments.csv?lang=fr", 400, "fr"},
		{"stations.geojson?grade=red", 400, "grade"},
		{"valves.geojson", 404, "valves"},
		{"segments.shp", 404, "shp"},
		{"segments.xlsx", 404, "xlsx"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			code, h, body := request(t, "GET", srv.URL+"/api/v1/export/"+tc.query, "", nil)
			if code != tc.status || !strings.Contains(string(body), tc.says) || h.Get("Content-Disposition") != "" {
				t.Errorf("%d %s (Content-Disposition %q), want %d mentioning %q", code, body, h.Get("Content-Disposition"), tc.status, tc.says)
			}
		})
	}
}
