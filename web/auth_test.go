package web_test

import (
	"net/http"
	"strings"
	"testing"

	"gasrisk/data/access"
	"gasrisk/web"
)

// TestReadPolicy: reads are open on loopback (and with --public-reads)
// and need a viewer, editor or admin key on any other address; health
// checks and the API description are always open.
func TestReadPolicy(t *testing.T) {
	s := permitCity(t)
	keys := map[string]string{}
	for _, r := range access.Roles() {
		keys[r] = newKey(t, s, "key-"+r, r)
	}
	public := serve(t, s, web.Config{Addr: "0.0.0.0:8080"})
	open := serve(t, s, web.Config{Addr: "0.0.0.0:8080", PublicReads: true})
	loop := serve(t, s, web.Config{Addr: "127.0.0.1:8080"})
	reads := []string{"/api/v1/stats", "/ogc/collections", "/ogc/collections/segments/items?limit=1",
		"/api/v1/export/stations.geojson", "/metrics", "/api/v1/hazards"}
	for _, path := range reads {
		t.Run(path, func(t *testing.T) {
			for _, tc := range []struct {
				srv    string
				key    string
				status int
			}{
				{public.URL, "", 401}, {public.URL, keys["viewer"], 200}, {public.URL, keys["editor"], 200},
				{public.URL, keys["admin"], 200}, {public.URL, keys["permit"], 403},
				{open.URL, "", 200}, {loop.URL, "", 200}, {loop.URL, keys["permit"], 200},
				{loop.URL, "gsk_forged", 401},
			} {
				if code, _, body := request(t, "GET", tc.srv+path, tc.key, nil); code != tc.status {
					t.Errorf("%s with key %.10q: %d, want %d: %.200s", tc.srv, tc.key, code, tc.status, body)
				}
			}
		})
	}
	// The pages' files hold no data and load without a key, so that a
	// browser can show the map and ask for one.
	for _, path := range []string{"/healthz", "/readyz", "/api/v1/openapi.json", "/ogc/api", "/", "/ui/app.js", "/ledger/"} {
		if code, _, _ := request(t, "GET", public.URL+path, "", nil); code != 200 {
			t.Errorf("%s without a key on a public address: %d", path, code)
		}
	}
	if code, _, _ := request(t, "GET", public.URL+"/ui/nothing.js", "", nil); code != 404 {
		t.Errorf("missing page file: %d, want 404", code)
	}
}

// TestWritePolicy: every write needs an editor (or admin) key, also on
// loopback; the permit API needs a permit (or admin) key.
func TestWritePolicy(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{Addr: "127.0.0.1:8080"})
	keys := map[string]string{}
	for _, r := range access.Roles() {
		keys[r] = newKey(t, s, "key-"+r, r)
	}
	write := srv.URL + "/api/v1/hazards/1/transitions"
	body := `{"action":"plan"}`
	for _, tc := range []struct {
		key  string
		deny int // 0: the key passes
	}{
		{"", 401}, {keys["viewer"], 403}, {keys["permit"], 403}, {keys["editor"], 0}, {keys["admin"], 0},
	} {
		code, _, msg := request(t, "POST", write, tc.key, body)
		if tc.deny != 0 && code != tc.deny || tc.deny == 0 && (code == 401 || code == 403) {
			t.Errorf("write with %.12q: %d %s", tc.key, code, msg)
		}
	}
	check := srv.URL + "/api/v1/permits/check"
	for _, tc := range []struct {
		key    string
		status int
	}{{"", 401}, {keys["viewer"], 403}, {keys["editor"], 403}, {keys["permit"], 400}, {keys["admin"], 400}} {
		if code, _, msg := request(t, "POST", check, tc.key, `{}`); code != tc.status {
			t.Errorf("permit check with %.12q: %d, want %d: %s", tc.key, code, tc.status, msg)
		}
	}
	req, _ := http.NewRequest("POST", check, strings.NewReader(`{}`))
	req.Header.Set("X-API-Key", keys["permit"])
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 400 {
		t.Errorf("X-API-Key: %v %v", resp.StatusCode, err)
	}
	req, _ = http.NewRequest("POST", check, strings.NewReader(`{}`))
	req.Header.Set("Authorization", "Basic dXNlcjpwYXNz")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("Basic auth: %v %v", resp.StatusCode, err)
	}
}

func TestMetrics(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	key := newKey(t, s, "Firm A", access.RolePermit)
	request(t, "GET", srv.URL+"/api/v1/stats", "", nil)
	request(t, "POST", srv.URL+"/api/v1/permits/check", key, permitBody(t, s, square(95, 5, 10), "excavation"))
	request(t, "POST", srv.URL+"/api/v1/permits/check", key, `{`)
	code, h, body := request(t, "GET", srv.URL+"/metrics", "", nil)
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics: %d %s", code, h.Get("Content-Type"))
	}
	for _, want := range []string{
		`gasrisk_http_requests_total{code="200",method="GET",route="/api/v1/stats"} 1`,
		`gasrisk_http_requests_total{code="201",method="POST",route="/api/v1/permits/check"} 1`,
		`gasrisk_permit_checks_total{outcome="conditional"} 1`,
		`gasrisk_permit_checks_total{outcome="invalid"} 1`,
		`gasrisk_http_request_duration_seconds_bucket{method="GET",route="/api/v1/stats",le="+Inf"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
