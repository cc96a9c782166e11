package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"gasrisk/web"
)

var shared city

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := shared.get(t)
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Segments: s.Results}))
	t.Cleanup(srv.Close)
	return srv
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s: Content-Type %q", url, ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: not JSON: %v", url, err)
	}
	return resp.StatusCode
}

func TestHealthAndReadiness(t *testing.T) {
	srv := newServer(t)
	for _, p := range []string{"/healthz", "/readyz"} {
		var body map[string]string
		if code := getJSON(t, srv.URL+p, &body); code != 200 {
			t.Errorf("%s: %d %v", p, code, body)
		}
	}
}

func TestSegmentAPI(t *testing.T) {
	srv := newServer(t)
	var id int64
	err := shared.store.DB.Pool.QueryRow(context.Background(), `SELECT segment_id FROM segments
		WHERE run_id = (SELECT run_id FROM current_run) AND grade IN ('red', 'orange') ORDER BY score DESC LIMIT 1`).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		code int
	}{
		{"graded segment", "/api/v1/segments/" + strconv.FormatInt(id, 10), 200},
		{"unknown segment", "/api/v1/segments/999999999", 404},
		{"not a number", "/api/v1/segments/abc", 400},
		{"negative", "/api/v1/segments/-4", 400},
		{"overflow", "/api/v1/segments/99999999999999999999999", 400},
		{"no such route", "/api/v1/nothing", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body map[string]any
			code := getJSON(t, srv.URL+tt.path, &body)
			if code != tt.code {
				t.Fatalf("status %d, want %d: %v", code, tt.code, body)
			}
			if code != 200 {
				if msg, _ := body["error"].(string); msg == "" {
					t.Errorf("error body %v lacks a message", body)
				}
				return
			}
			factors, _ := body["factors"].([]any)
			if len(factors) == 0 || body["grade"] == nil || body["geometry"] == nil {
				t.Errorf("assessment lacks factors, grade or geometry: %v", body)
			}
		})
	}
}
