package web_test

import (
	"strings"
	"testing"

	"gasrisk/data/access"
	"gasrisk/web"
)

// TestAccessLog: every request is logged once with its method, path,
// status, bytes and duration and the name of its key, never the key.
func TestAccessLog(t *testing.T) {
	s := permitCity(t)
	var log requestLog
	srv := serve(t, s, web.Config{AccessLog: log.logger()})
	key := newKey(t, s, "GIS desk", access.RoleViewer)
	requests := []struct {
		method, path, key string
		status            int
		keyName           string
	}{
		{"GET", "/ogc/collections", key, 200, "GIS desk"},
		{"GET", "/ogc/collections/segments/items?limit=1", "", 200, "-"},
		{"GET", "/no/such/thing", "", 404, "-"},
		{"DELETE", "/api/v1/export/segments.geojson", "", 405, "-"},
		{"GET", "/ogc/collections", "gk_wrong", 401, "-"},
	}
	var bodies []int
	for _, r := range requests {
		code, _, body := request(t, r.method, srv.URL+r.path, r.key, nil)
		if code != r.status {
			t.Fatalf("%s %s: %d, want %d", r.method, r.path, code, r.status)
		}
		bodies = append(bodies, len(body))
	}
	entries := log.entries(t)
	if len(entries) != len(requests) {
		t.Fatalf("%d log entries for %d requests", len(entries), len(requests))
	}
	for i, r := range requests {
		e := entries[i]
		path, _, _ := strings.Cut(r.path, "?")
		if e.Method != r.method || e.Path != path || e.Status != r.status || e.Key != r.keyName ||
			e.Bytes != int64(bodies[i]) || e.Duration <= 0 {
			t.Errorf("entry %d %+v for %s %s (%d bytes)", i, e, r.method, r.path, bodies[i])
		}
	}
	if strings.Contains(log.buf.String(), key) || strings.Contains(log.buf.String(), "gk_wrong") {
		t.Error("the access log holds a key")
	}
}

// TestOGCLandingAnswersWFSProbe: a WFS client's GetCapabilities probe gets
// the landing page with a notice in both languages, not a 400.
func TestOGCLandingAnswersWFSProbe(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	for _, q := range []string{"SERVICE=WFS&REQUEST=GetCapabilities&VERSION=2.0.0", "service=wfs&request=GetCapabilities&acceptversions=2.0.0,1.1.0",
		"SERVICE=WFS&REQUEST=DescribeFeatureType&VERSION=1.1.0&f=json"} {
		var page struct {
			Links  []struct{ Rel string }
			Notice struct{ En, Zh string }
		}
		if code := qgisGet(t, srv.URL+"/ogc?"+q, "application/json", &page); code != 200 {
			t.Fatalf("%s: %d", q, code)
		}
		if !strings.Contains(page.Notice.En, "OGC API - Features") || !strings.Contains(page.Notice.Zh, "不是 WFS") ||
			!strings.Contains(page.Notice.En, srv.URL+"/ogc") || len(page.Links) != 4 {
			t.Errorf("%s: %+v", q, page)
		}
	}
	var plain map[string]any
	qgisGet(t, srv.URL+"/ogc", "application/json", &plain)
	if _, ok := plain["notice"]; ok {
		t.Error("notice on a plain landing page")
	}
	if code, _, _ := request(t, "GET", srv.URL+"/ogc?SERVICE=WFS&REQUEST=GetCapabilities&foo=1", "", nil); code != 400 {
		t.Errorf("probe with an unknown parameter: %d, want 400", code)
	}
}
