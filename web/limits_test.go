package web_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gasrisk/printmap"
	"gasrisk/web"
)

// limitsServer serves the permit city with the given limits through the
// server's own http.Server (its timeouts).
func limitsServer(t *testing.T, l web.Limits) (*httptest.Server, string) {
	t.Helper()
	s := permitCity(t)
	rend, err := printmap.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	deps := fullDeps(s)
	deps.Printer = rend
	h := web.New(web.Config{Limits: l, Permits: web.PermitConfig{Rate: -1}}, deps)
	srv := httptest.NewUnstartedServer(h)
	srv.Config = h.HTTPServer()
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, newKey(t, s, "limits", "admin")
}

// TestBadTextNamesTheParameter: NUL or invalid UTF-8 in a query parameter
// or path variable of any route is a 400 naming it.
func TestBadTextNamesTheParameter(t *testing.T) {
	srv, key := limitsServer(t, web.Limits{})
	for _, tc := range []struct{ path, want string }{
		{"/api/v1/export/segments.csv?district=%00", `query parameter "district" holds a NUL byte`},
		{"/api/v1/export/segments.csv?district=%ff%fe", `query parameter "district" is not valid UTF-8`},
		{"/api/v1/hazards?kind=ok&district=%ff", `query parameter "district"`},
		{"/api/v1/ledger/hazards.csv?lang=%00", `query parameter "lang"`},
		{"/api/v1/maps/print.png?district=%c3%28", `query parameter "district" is not valid UTF-8`},
		{"/ogc/collections/segments/items?bbox=%00", `query parameter "bbox"`},
		{"/api/v1/hazards/%ff", `is not valid UTF-8`},
		{"/api/v1/segments/a%00b", `holds a NUL byte`},
		{"/api/v1/stats?%ff=1", `a query parameter name is not valid UTF-8`},
	} {
		code, _, body := request(t, "GET", srv.URL+tc.path, key, nil)
		var e struct{ Error string }
		json.Unmarshal(body, &e)
		if code != http.StatusBadRequest || !strings.Contains(e.Error, tc.want) {
			t.Errorf("%s: %d %s; want 400 with %q", tc.path, code, body, tc.want)
		}
	}
}

// TestOversizedBodyAnswered: a 20 MB body gets 413, read by the client
// as an answer, not a reset connection; so does a body over a route's
// own smaller limit.
func TestOversizedBodyAnswered(t *testing.T) {
	srv, key := limitsServer(t, web.Limits{})
	for _, size := range []int{20 << 20, 300 << 10} {
		body := append([]byte(`{"applicant":"`), bytes.Repeat([]byte("x"), size)...)
		code, _, msg := request(t, "POST", srv.URL+"/api/v1/permits/check", key, body)
		if code != http.StatusRequestEntityTooLarge {
			t.Errorf("%d bytes: %d %s, want 413", size, code, msg)
		}
	}
}

// TestTricklingBodyCut: a body that trickles in is cut at the server's
// read timeout, long before it is complete.
func TestTricklingBodyCut(t *testing.T) {
	srv, key := limitsServer(t, web.Limits{ReadTimeout: time.Second})
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const size = 1000
	fmt.Fprintf(conn, "POST /api/v1/permits/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", key, size)
	answered := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(conn).ReadString('\n')
		answered <- line
	}()
	sent := 0
	for ; sent < size; sent++ {
		select {
		case line := <-answered:
			t.Logf("cut after %d of %d bytes: %q", sent, size, line)
			return
		case <-time.After(50 * time.Millisecond):
		}
		if _, err := conn.Write([]byte{' '}); err != nil {
			t.Logf("cut after %d of %d bytes: %v", sent, size, err)
			return
		}
	}
	t.Errorf("the server waited for the whole trickled body (%d bytes)", sent)
}

// TestPermitNeedsJSON: a permit check not declared as JSON is 415.
func TestPermitNeedsJSON(t *testing.T) {
	srv, key := limitsServer(t, web.Limits{})
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"} {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/permits/check", strings.NewReader(`{}`))
		req.Header.Set("Authorization", "Bearer "+key)
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(string(b), "application/json") {
			t.Errorf("Content-Type %q: %d %s, want 415", ct, resp.StatusCode, b)
		}
	}
}

// TestPrintPixelLimit: a page over the server's pixel limit is refused
// before anything is drawn.
func TestPrintPixelLimit(t *testing.T) {
	srv, key := limitsServer(t, web.Limits{Print: web.PrintLimits{MaxPixels: 1000 * 1000}})
	code, _, body := request(t, "GET", srv.URL+"/api/v1/maps/print.png?size=A3&dpi=300", key, nil)
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), "4961 × 3508 pixels") {
		t.Errorf("A3 at 300 dpi: %d %s, want 422 naming the size", code, body)
	}
	if code, _, body := request(t, "GET", srv.URL+"/api/v1/maps/print.png?dpi=72", key, nil); code != http.StatusOK {
		t.Errorf("A4 at 72 dpi: %d %s", code, body)
	}
}

// TestExportTimeLimit: an export past its time limit is a 503 saying so,
// with Retry-After.
func TestExportTimeLimit(t *testing.T) {
	srv, key := limitsServer(t, web.Limits{ExportTimeout: time.Nanosecond, OGCTimeout: time.Nanosecond})
	for _, p := range []string{"/api/v1/export/segments.geojson", "/ogc/collections/segments/items?limit=10"} {
		code, h, body := request(t, "GET", srv.URL+p, key, nil)
		if code != http.StatusServiceUnavailable || h.Get("Retry-After") == "" || !strings.Contains(string(body), "longer than the limit") {
			t.Errorf("%s: %d (Retry-After %q) %s", p, code, h.Get("Retry-After"), body)
		}
	}
}
