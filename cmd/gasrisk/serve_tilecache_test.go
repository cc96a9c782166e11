package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestServeTileCacheOff: `serve --tile-cache-mb 0` builds every tile
// request from the database (the cold-tile benchmarks rely on it), while
// the default cache answers the second request of a tile from memory.
// Counted on /metrics (builds, hits, entries), not timed.
func TestServeTileCacheOff(t *testing.T) {
	quietLog(t)
	ownCluster(t)
	for _, c := range []struct {
		name                  string
		args                  []string
		builds, hits, entries int
	}{
		{"cache off", []string{"--tile-cache-mb", "0"}, 3, 0, 0},
		{"default cache", nil, 1, 2, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := startServe(t, append([]string{"--db-watch", "0"}, c.args...)...)
			for range 3 {
				if code := status(base + "/tiles/segments/14/13397/6731.mvt"); code != http.StatusOK && code != http.StatusNoContent {
					t.Fatalf("tile: status %d", code)
				}
			}
			m := scrape(t, base+"/metrics")
			for name, want := range map[string]int{"gasrisk_tile_builds_total": c.builds,
				"gasrisk_tile_cache_hits_total": c.hits, "gasrisk_tile_cache_entries": c.entries} {
				if got := metric(t, m, name); got != want {
					t.Errorf("%s = %d after three requests of one tile, want %d", name, got, want)
				}
			}
		})
	}
}

// scrape returns the text of /metrics.
func scrape(t *testing.T, url string) string {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: status %d, %v", resp.StatusCode, err)
	}
	return string(b)
}

// metric reads an unlabelled metric's integer value from a scrape.
func metric(t *testing.T, scrape, name string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindStringSubmatch(scrape)
	if m == nil {
		t.Fatalf("/metrics has no %s", name)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return int(v)
}

// TestServeCPUProfile: `serve --cpuprofile FILE` writes the server's Go
// CPU profile (gzipped, as go tool pprof reads it) when it shuts down.
func TestServeCPUProfile(t *testing.T) {
	quietLog(t)
	ownCluster(t)
	path := filepath.Join(t.TempDir(), "serve.prof")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, &app{stdout: io.Discard, stderr: tlog{t}},
			[]string{"serve", "--addr", "127.0.0.1:0", "--db-watch", "0", "--cpuprofile", path})
	}()
	time.Sleep(2 * time.Second)
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("profile: %d bytes, %v; want a gzipped profile", len(b), err)
	}
}
