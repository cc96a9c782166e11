package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gasrisk/web"
)

var recordsCity city

// TestRecordsAPI: field crews add leaks, patrol observations and CP
// readings with an editor key; a viewer key is refused; a bad record is
// refused whole with a 400 naming the attribute; the records list back.
func TestRecordsAPI(t *testing.T) {
	s := recordsCity.get(t)
	srv := httptest.NewServer(web.New(web.Config{}, fullDeps(s)))
	defer srv.Close()
	editor, viewer := newKey(t, s, "crew", "editor"), newKey(t, s, "reader", "viewer")
	var lon, lat float64
	var pipeID string
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT id, ST_X(p), ST_Y(p) FROM pipes,
		ST_Transform(ST_PointOnSurface(geom), 4326) p ORDER BY gid LIMIT 1`).Scan(&pipeID, &lon, &lat)
	if err != nil {
		t.Fatal(err)
	}
	point := fmt.Sprintf(`{"type":"Point","coordinates":[%f,%f]}`, lon, lat)
	feature := func(props string) string {
		return fmt.Sprintf(`{"type":"Feature","geometry":%s,"properties":{%s}}`, point, props)
	}
	leak := feature(`"found_date":"2026-05-01","leak_class":1,"cause":"corrosion","pipe_id":"` + pipeID + `"`)
	count := func(table string) int {
		var n int
		if err := s.DB.Pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tests := []struct {
		name, layer, key, body string
		status                 int
		says                   string
	}{
		{"leak by a crew", "leaks", editor, leak, http.StatusCreated, `"id":"L-`},
		{"patrol by a crew", "patrols", editor, feature(`"date":"2026-06-01","observer":"李工","observation":"works_without_permit"`), http.StatusCreated, `"layer":"patrols"`},
		{"cp reading by a crew", "cp_readings", editor, feature(`"date":"2026-06-01","potential_mv":-650,"pass":false`), http.StatusCreated, `"id":"C-`},
		{"viewer may not add", "leaks", viewer, leak, http.StatusForbidden, "editor"},
		{"no key", "leaks", "", leak, http.StatusUnauthorized, ""},
		{"unknown cause", "leaks", editor, feature(`"found_date":"2026-05-01","leak_class":1,"cause":"gremlins"`), http.StatusBadRequest, `unknown cause \"gremlins\"`},
		{"class out of range", "leaks", editor, feature(`"found_date":"2026-05-01","leak_class":7,"cause":"other"`), http.StatusBadRequest, "leak_class 7 is outside 1–3"},
		{"missing date", "patrols", editor, feature(`"observation":"odour"`), http.StatusBadRequest, "missing date"},
		{"unknown member", "leaks", editor, `{"type":"Feature","geometry":` + point + `,"properties":{},"colour":"red"}`, http.StatusBadRequest, "unknown field"},
		{"not JSON", "leaks", editor, `{"type":`, http.StatusBadRequest, "truncated JSON"},
		{"line for a reading", "cp_readings", editor, fmt.Sprintf(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[%f,%f],[%f,%f]]},"properties":{"date":"2026-06-01","potential_mv":-900,"pass":true}}`, lon, lat, lon+0.001, lat), http.StatusBadRequest, "LineString geometry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := count(tt.layer)
			code, _, body := request(t, http.MethodPost, srv.URL+"/api/v1/"+tt.layer, tt.key, tt.body)
			if code != tt.status || !strings.Contains(string(body), tt.says) {
				t.Fatalf("status %d %s, want %d saying %q", code, body, tt.status, tt.says)
			}
			want := before
			if code == http.StatusCreated {
				want++
			}
			if n := count(tt.layer); n != want {
				t.Errorf("%d %s stored, want %d", n, tt.layer, want)
			}
		})
	}
	code, _, body := request(t, http.MethodGet, srv.URL+"/api/v1/leaks?pipe_id="+pipeID, viewer, nil)
	var fc struct {
		Features []struct {
			Properties map[string]any
			Geometry   struct{ Coordinates []float64 }
		}
	}
	if err := json.Unmarshal(body, &fc); code != http.StatusOK || err != nil || len(fc.Features) != 1 ||
		fc.Features[0].Properties["leak_class"] != 1.0 || len(fc.Features[0].Geometry.Coordinates) != 2 {
		t.Fatalf("list: %d %s (%v)", code, body, err)
	}
	if c := fc.Features[0].Geometry.Coordinates; abs(c[0]-lon) > 1e-6 || abs(c[1]-lat) > 1e-6 {
		t.Errorf("listed at %v, stored at %f %f", c, lon, lat)
	}
	if code, _, body := request(t, http.MethodGet, srv.URL+"/api/v1/patrols?limit=0", viewer, nil); code != http.StatusBadRequest || !strings.Contains(string(body), "limit") {
		t.Errorf("limit=0: %d %s", code, body)
	}
	// ?run: the records an analysis run weighed (the filter itself is
	// tested in data/analysis TestFieldEvidence): a run that does not
	// exist weighed none, the current run answers a FeatureCollection
	for _, run := range []string{"0", "-2", "x", "1.5"} {
		if code, _, body := request(t, http.MethodGet, srv.URL+"/api/v1/leaks?run="+run, viewer, nil); code != http.StatusBadRequest || !strings.Contains(string(body), "run") {
			t.Errorf("run=%s: %d %s", run, code, body)
		}
	}
	if code, _, body := request(t, http.MethodGet, srv.URL+"/api/v1/leaks?run=999999", viewer, nil); code != http.StatusOK || !strings.Contains(string(body), `"features":[]`) {
		t.Errorf("run=999999: %d %s", code, body)
	}
	if code, _, body := request(t, http.MethodGet, srv.URL+"/api/v1/leaks?run=current", viewer, nil); code != http.StatusOK || !strings.Contains(string(body), `"FeatureCollection"`) {
		t.Errorf("run=current: %d %s", code, body)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
