package web

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"": true, "127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true, "127.0.0.2:1": true,
		"0.0.0.0:8080": false, ":8080": false, "10.0.0.5:8080": false, "[::]:8080": false, "gis.example:8080": false,
	} {
		if got := loopbackAddr(addr); got != want {
			t.Errorf("loopbackAddr(%q) = %v", addr, got)
		}
	}
}

func TestRouteAccess(t *testing.T) {
	for _, tc := range []struct {
		method, path string
		want         level
	}{
		{"GET", "/healthz", accessOpen},
		{"GET", "/api/v1/openapi.json", accessOpen},
		{"GET", "/ogc/api", accessOpen},
		{"GET", "/ogc/collections/segments/items", accessRead},
		{"GET", "/tiles/segments/1/2/3.mvt", accessRead},
		{"HEAD", "/", accessOpen},
		{"GET", "/ui/app.js", accessOpen},
		{"GET", "/ledger/", accessOpen},
		{"POST", "/", accessWrite},
		{"GET", "/api/v1/ledger/stats", accessRead},
		{"GET", "/api/v1/permits/PT-AAAAAAAAAAAAAAAA", accessPermit},
		{"POST", "/api/v1/permits/check", accessPermit},
		{"POST", "/api/v1/hazards/7/transitions", accessWrite},
		{"DELETE", "/api/v1/segments/1", accessWrite},
		{"PUT", "/ogc/collections", accessWrite},
	} {
		if got := routeAccess(httptest.NewRequest(tc.method, tc.path, nil)); got != tc.want {
			t.Errorf("%s %s: access %d, want %d", tc.method, tc.path, got, tc.want)
		}
	}
}

func TestRateLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newRateLimiter(2, 3, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.allow(1); !ok {
			t.Fatalf("burst request %d refused", i+1)
		}
	}
	ok, wait := l.allow(1)
	if ok || wait != 500*time.Millisecond || retryAfter(wait) != 1 {
		t.Fatalf("4th request: %v, wait %v", ok, wait)
	}
	if ok, _ := l.allow(2); !ok {
		t.Error("another key shares the bucket")
	}
	now = now.Add(time.Second)
	for i := range 2 {
		if ok, _ := l.allow(1); !ok {
			t.Fatalf("refill: request %d refused", i+1)
		}
	}
	if ok, _ := l.allow(1); ok {
		t.Error("the bucket refilled more than rate × time")
	}
	if ok, _ := newRateLimiter(-1, 0, time.Now).allow(1); !ok {
		t.Error("a negative rate should not limit")
	}
}
