package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"gasrisk/web"
)

// requestLog is an access log kept for a test: one JSON record a line.
type requestLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write keeps one log line.
func (l *requestLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// entry is one access log record.
type entry struct {
	Method, Path, Key string
	Status            int
	Bytes             int64
	Duration          float64
}

// entries parses the records logged so far.
func (l *requestLog) entries(t *testing.T) []entry {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []entry
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var e entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("access log line %q: %v", line, err)
		}
		out = append(out, e)
	}
	return out
}

func (l *requestLog) logger() *slog.Logger { return slog.New(slog.NewJSONHandler(l, nil)) }

// TestGDALWherePushedDown runs ogr2ogr from Debian's gdal-bin against the
// server with -where "grade='red'": GDAL reads the queryables and the
// filter-lang the API definition declares and sends the filter, so the
// server answers one request per page of red segments instead of GDAL
// walking the whole layer.
func TestGDALWherePushedDown(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ogr2ogr (gdal-bin) is missing in CI")
		}
		t.Skip("ogr2ogr (gdal-bin) not installed")
	}
	s := shared.get(t)
	var log requestLog
	srv := serve(t, s, web.Config{AccessLog: log.logger()})
	var red, total int
	s.DB.Pool.QueryRow(t.Context(), `SELECT count(*) FILTER (WHERE grade = 'red'), count(*) FROM segments
		WHERE run_id = (SELECT run_id FROM current_run)`).Scan(&red, &total)
	if red < 4 || red > total/2 {
		t.Fatalf("%d red of %d segments: the test needs a few pages of them", red, total)
	}
	pageSize := red/3 + 1
	out := filepath.Join(t.TempDir(), "red.geojson")
	cmd := exec.Command("ogr2ogr", "-f", "GeoJSON", out, "OAPIF:"+srv.URL+"/ogc", "segments",
		"-where", "grade='red'", "-oo", fmt.Sprintf("PAGE_SIZE=%d", pageSize), "--debug", "on")
	cmd.Env = append(os.Environ(), "GDAL_HTTP_TIMEOUT=60")
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, msg)
	}
	var fc struct {
		Features []struct{ Properties map[string]any }
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != red {
		t.Errorf("ogr2ogr wrote %d features, want the %d red segments\n%s", len(fc.Features), red, msg)
	}
	for _, f := range fc.Features {
		if f.Properties["grade"] != "red" {
			t.Fatalf("feature %v is not red", f.Properties)
		}
	}
	var items []entry
	for _, e := range log.entries(t) {
		if e.Path == "/ogc/collections/segments/items" {
			items = append(items, e)
		}
	}
	// GDAL asks for one unfiltered page when it opens the layer (to learn
	// its fields), then one filtered request per page of red segments.
	pages := (red + pageSize - 1) / pageSize
	filtered := regexp.MustCompile(`Fetch\(\S+/collections/segments/items\?\S*filter=`).FindAll(msg, -1)
	t.Logf("%d red segments of %d, page size %d: %d items requests, %d of them filtered", red, total, pageSize, len(items), len(filtered))
	if len(items) != pages+1 || len(filtered) != pages {
		t.Errorf("%d items requests, %d filtered, for %d pages of red segments\n%s", len(items), len(filtered), pages, msg)
	}
	for _, e := range items {
		if e.Status != 200 {
			t.Errorf("items request answered %d", e.Status)
		}
	}
}
