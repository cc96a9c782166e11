package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb/encoding/mvt"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/geo"
	"gasrisk/riskmodel"
	"gasrisk/tiles"
	"gasrisk/web"
)

// tileShared is the city of the read-only tile tests; tileRuns is changed
// by the invalidation test.
var tileShared, tileRuns city

func newTileServer(t *testing.T, c *city, cfg tiles.Config) (*httptest.Server, *tiles.Service, datatest.Services) {
	t.Helper()
	s := c.get(t)
	svc := tiles.New(s.Tiles, cfg)
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Segments: s.Results, Tiles: svc}))
	t.Cleanup(srv.Close)
	return srv, svc, s
}

// rawClient does not decompress transparently, so gzip can be checked.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

func fetch(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// redSegment is the highest-scoring red segment and a point on it.
type redSegment struct {
	id       int64
	lon, lat float64
}

func findRed(t *testing.T, s datatest.Services) redSegment {
	t.Helper()
	var r redSegment
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT segment_id, ST_X(p), ST_Y(p) FROM (
		SELECT segment_id, ST_Transform(ST_LineInterpolatePoint(ST_GeometryN(geom, 1), 0.5), 4326) AS p
		FROM segments WHERE run_id = (SELECT run_id FROM current_run) AND grade = 'red'
		ORDER BY score DESC LIMIT 1) s`).Scan(&r.id, &r.lon, &r.lat)
	if err != nil {
		t.Fatalf("no red segment in the sample city: %v", err)
	}
	return r
}

func tileURL(base, layer string, tl geo.Tile, suffix string) string {
	return fmt.Sprintf("%s/tiles/%s/%d/%d/%d%s", base, layer, tl.Z, tl.X, tl.Y, suffix)
}

// TestTileValidation: every bad tile address is a 400 or 404 with a JSON
// error, never a 500.
func TestTileValidation(t *testing.T) {
	srv, _, _ := newTileServer(t, &tileShared, tiles.DefaultConfig())
	cases := []struct {
		path string
		code int
	}{
		{"/tiles/nope/1/0/0.mvt", 404},
		{"/tiles/SEGMENTS/1/0/0.mvt", 404},
		{"/tiles/segments/1/0/0.jpg", 404},
		{"/tiles/segments/1/0/0", 404},
		{"/tiles/segments/1/0/0.mvt/extra", 404},
		{"/tiles/segments/1/0.mvt", 404},
		{"/tiles/nope.json", 404},
		{"/tiles/segments/23/0/0.mvt", 400},
		{"/tiles/segments/-1/0/0.mvt", 400},
		{"/tiles/segments/99999999999999999999/0/0.mvt", 400},
		{"/tiles/segments/a/0/0.mvt", 400},
		{"/tiles/segments/1.5/0/0.mvt", 400},
		{"/tiles/segments/%201/0/0.mvt", 400},
		{"/tiles/segments/1/2/0.mvt", 400},
		{"/tiles/segments/1/0/2.mvt", 400},
		{"/tiles/segments/0/1/0.png", 400},
		{"/tiles/segments/12/4096/0.mvt", 400},
		{"/tiles/segments/12/0/4096.png", 400},
		{"/tiles/segments/12/-1/0.mvt", 400},
		{"/tiles/segments/12/0/-1.mvt", 400},
		{"/tiles/segments/12/x/0.mvt", 400},
		{"/tiles/segments/12/0/y.mvt", 400},
		{"/tiles/segments/12/0/.mvt", 400},
		{"/tiles/segments/12/0/0@3x.png", 400},
		{"/tiles/segments/22/4194304/0.mvt", 400},
		{"/tiles/buildings/22/0/99999999999999999999.png", 400},
		{"/tiles/segments.json?format=jpg", 400},
	}
	for _, c := range cases {
		resp, body := fetch(t, srv.URL+c.path)
		var e map[string]string
		if resp.StatusCode != c.code || json.Unmarshal(body, &e) != nil || e["error"] == "" {
			t.Errorf("%s: %d %s, want %d with a JSON error", c.path, resp.StatusCode, body, c.code)
		}
	}
	for _, p := range []string{"/tiles/segments/0/0/0.mvt", "/tiles/hazards/22/4194303/4194303.pbf",
		"/tiles/districts/3/7/7@2x.png", "/tiles/buildings/13/0/0.png", "/tiles/pipes.json?format=png"} {
		if resp, body := fetch(t, srv.URL+p); resp.StatusCode != 200 {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
}

func TestTileMVTEndpoint(t *testing.T) {
	srv, svc, s := newTileServer(t, &tileShared, tiles.DefaultConfig())
	red := findRed(t, s)
	tl := geo.TileAt(red.lon, red.lat, 16)
	url := tileURL(srv.URL, "segments", tl, ".mvt")
	resp, body := fetch(t, url)
	h := resp.Header
	if resp.StatusCode != 200 || h.Get("Content-Type") != "application/vnd.mapbox-vector-tile" ||
		h.Get("Cache-Control") != "public, max-age=60, must-revalidate" || h.Get("Vary") != "Accept-Encoding" ||
		!strings.HasPrefix(h.Get("ETag"), `"`) || h.Get("Content-Encoding") != "" {
		t.Fatalf("%d %v", resp.StatusCode, h)
	}
	ls, err := mvt.Unmarshal(body)
	if err != nil || len(ls) != 1 || ls[0].Name != "segments" {
		t.Fatalf("decoded %v, %v", ls, err)
	}
	found := false
	for _, f := range ls[0].Features {
		if f.ID == float64(red.id) {
			found = f.Properties["grade"] == "red" && f.Properties["segment_id"] == float64(red.id)
		}
	}
	if !found {
		t.Errorf("red segment %d not in %s", red.id, url)
	}

	// revalidation: the same ETag → 304 without a body; another → 200
	etag := h.Get("ETag")
	if r, b := fetch(t, url, "If-None-Match", etag); r.StatusCode != 304 || len(b) != 0 || r.Header.Get("ETag") != etag {
		t.Errorf("If-None-Match %s: %d, %d bytes", etag, r.StatusCode, len(b))
	}
	if r, _ := fetch(t, url, "If-None-Match", `"x", `+etag); r.StatusCode != 304 {
		t.Errorf("If-None-Match list: %d", r.StatusCode)
	}
	if r, _ := fetch(t, url, "If-None-Match", `"other"`); r.StatusCode != 200 {
		t.Errorf("stale ETag: %d", r.StatusCode)
	}

	// gzip: stored once, sent when accepted, unzips to the same tile
	r, gz := fetch(t, url, "Accept-Encoding", "gzip, deflate, br")
	if r.Header.Get("Content-Encoding") != "gzip" || len(gz) >= len(body) || r.Header.Get("ETag") == etag {
		t.Fatalf("gzip: %v, %d vs %d bytes", r.Header, len(gz), len(body))
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if unz, _ := io.ReadAll(zr); !bytes.Equal(unz, body) {
		t.Error("gzipped tile differs")
	}
	if r, _ := fetch(t, url, "Accept-Encoding", "gzip;q=0"); r.Header.Get("Content-Encoding") != "" {
		t.Error("gzip sent although refused")
	}
	if r, b := fetch(t, url, "Accept-Encoding", "gzip", "If-None-Match", r.Header.Get("ETag")); r.StatusCode != 304 || len(b) != 0 {
		t.Errorf("gzip revalidation: %d", r.StatusCode)
	}
	st := svc.Stats()
	if st.Builds != 1 || st.Hits < 6 {
		t.Errorf("stats %+v: one build expected, the rest cache hits", st)
	}
	// the cache's statistics on /metrics
	_, mb := fetch(t, srv.URL+"/metrics")
	for _, want := range []string{
		fmt.Sprintf("gasrisk_tile_cache_entries %d\n", st.Entries),
		fmt.Sprintf("gasrisk_tile_cache_bytes %d\n", st.Bytes),
		"gasrisk_tile_builds_total 1\n",
	} {
		if !strings.Contains(string(mb), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	// HEAD: headers only
	req, _ := http.NewRequest(http.MethodHead, url, nil)
	hr, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	hr.Body.Close()
	if hr.StatusCode != 200 || hr.ContentLength != int64(len(body)) {
		t.Errorf("HEAD: %d, length %d", hr.StatusCode, hr.ContentLength)
	}
}

// TestTilePNG: the raster tile decodes and is red where the red segment is.
func TestTilePNG(t *testing.T) {
	srv, _, s := newTileServer(t, &tileShared, tiles.DefaultConfig())
	red := findRed(t, s)
	want := tiles.GradeColor("red")
	for _, scale := range []int{1, 2} {
		tl := geo.TileAt(red.lon, red.lat, 16)
		suffix := ".png"
		if scale == 2 {
			suffix = "@2x.png"
		}
		resp, body := fetch(t, tileURL(srv.URL, "segments", tl, suffix))
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("ETag") == "" {
			t.Fatalf("%d %v", resp.StatusCode, resp.Header)
		}
		img, err := png.Decode(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		size := tiles.TileSize * scale
		if img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Fatalf("%v", img.Bounds())
		}
		mx, my := geo.LonLatToMercator(red.lon, red.lat)
		px, py := tl.ToPixel(mx, my, size)
		reds, clear := 0, 0
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				r, g, b, a := img.At(int(px)+dx, int(py)+dy).RGBA()
				if uint8(r>>8) == want.R && uint8(g>>8) == want.G && uint8(b>>8) == want.B && a == 0xffff {
					reds++
				}
			}
		}
		for y := 0; y < size; y += 8 {
			for x := 0; x < size; x += 8 {
				if _, _, _, a := img.At(x, y).RGBA(); a == 0 {
					clear++
				}
			}
		}
		if reds == 0 {
			t.Errorf("@%dx: no red pixel around (%.1f, %.1f): %v", scale, px, py, img.At(int(px), int(py)))
		}
		if clear == 0 {
			t.Errorf("@%dx: the tile is painted all over", scale)
		}
	}
}

// TestTileInvalidationByRun: a new analysis run replaces the segment
// tiles; the context layers stay cached.
func TestTileInvalidationByRun(t *testing.T) {
	cfg := tiles.DefaultConfig()
	cfg.VersionTTL = 20 * time.Millisecond
	srv, svc, s := newTileServer(t, &tileRuns, cfg)
	red := findRed(t, s)
	tl := geo.TileAt(red.lon, red.lat, 15)
	seg, bld := tileURL(srv.URL, "segments", tl, ".mvt"), tileURL(srv.URL, "buildings", tl, ".mvt")
	r1, _ := fetch(t, seg)
	b1, _ := fetch(t, bld)
	fetch(t, tileURL(srv.URL, "segments", tl, ".png"))
	before := svc.Stats()
	if _, err := s.Analysis.Analyze(context.Background(), analysis.Options{Model: riskmodel.DefaultConfig(),
		AsOf: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * cfg.VersionTTL)
	r2, body := fetch(t, seg)
	b2, _ := fetch(t, bld)
	if r2.StatusCode != 200 || r2.Header.Get("ETag") == r1.Header.Get("ETag") {
		t.Errorf("segments tile not rebuilt after the new run (ETag %s)", r2.Header.Get("ETag"))
	}
	if b2.Header.Get("ETag") != b1.Header.Get("ETag") {
		t.Error("buildings tile changed")
	}
	after := svc.Stats()
	if got := after.Builds - before.Builds; got != 1 {
		t.Errorf("%d tiles built after the run, want 1 (segments)", got)
	}
	if after.Purged < 2 {
		t.Errorf("old run's entries not purged: %+v", after)
	}
	// the old ETag no longer matches
	if r, _ := fetch(t, seg, "If-None-Match", r1.Header.Get("ETag")); r.StatusCode != 200 {
		t.Errorf("old ETag revalidated: %d", r.StatusCode)
	}
	if _, err := mvt.Unmarshal(body); err != nil {
		t.Error(err)
	}
}

func TestTileJSONEndpoint(t *testing.T) {
	srv, _, s := newTileServer(t, &tileShared, tiles.DefaultConfig())
	red := findRed(t, s)
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/tiles/segments.json", nil)
	req.Host = "maps.example.org"
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tj tiles.TileJSON
	if err := json.NewDecoder(resp.Body).Decode(&tj); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	if tj.TileJSON != "3.0.0" || len(tj.Tiles) != 1 || tj.Tiles[0] != "https://maps.example.org/tiles/segments/{z}/{x}/{y}.mvt" {
		t.Errorf("tiles %v", tj.Tiles)
	}
	if b := tj.Bounds; red.lon < b[0] || red.lon > b[2] || red.lat < b[1] || red.lat > b[3] || b[2]-b[0] > 1 {
		t.Errorf("bounds %v do not hold the red segment at %v,%v", b, red.lon, red.lat)
	}
	if len(tj.VectorLayers) != 1 || tj.VectorLayers[0].Fields["grade"] != "String" || tj.MaxZoom < 14 {
		t.Errorf("vector layers %+v", tj.VectorLayers)
	}
	// plain http from the Host header
	resp2, body := fetch(t, srv.URL+"/tiles/buildings.json?format=png")
	var tj2 tiles.TileJSON
	json.Unmarshal(body, &tj2)
	if resp2.StatusCode != 200 || tj2.Tiles[0] != srv.URL+"/tiles/buildings/{z}/{x}/{y}.png" || tj2.MinZoom != 0 {
		t.Errorf("%d %v", resp2.StatusCode, tj2.Tiles)
	}
}

// staticSource serves the same 20 KB vector tile everywhere; it lets the
// benchmark measure the warm path (routing, cache hit, headers) alone.
type staticSource struct{ tile []byte }

func (s staticSource) TileVersions(context.Context) (map[string]string, error) {
	return map[string]string{"segments": "r1"}, nil
}
func (s staticSource) TileMVT(context.Context, string, geo.Tile, string) ([]byte, error) {
	return s.tile, nil
}
func (s staticSource) TileBounds(context.Context, string, string) (geo.BBox, bool, error) {
	return geo.BBox{}, false, nil
}

// BenchmarkTileCacheHit: one warm tile request through the router and the
// handler (no network): the server-side cost of a cache hit.
func BenchmarkTileCacheHit(b *testing.B) {
	tile := bytes.Repeat([]byte("gasrisk tile "), 1600)
	svc := tiles.New(staticSource{tile}, tiles.DefaultConfig())
	h := web.New(web.Config{}, web.Deps{Tiles: svc})
	paths := make([]string, 256)
	for i := range paths {
		paths[i] = fmt.Sprintf("/tiles/segments/16/%d/%d.mvt", 53500+i%16, 26900+i/16)
	}
	for _, p := range paths { // warm the cache
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, p, nil))
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		w := &discardWriter{h: http.Header{}}
		for pb.Next() {
			r := httptest.NewRequest(http.MethodGet, paths[i%len(paths)], nil)
			r.Header.Set("Accept-Encoding", "gzip")
			clear(w.h)
			h.ServeHTTP(w, r)
			if w.code != 200 {
				b.Fatalf("status %d", w.code)
			}
			i++
		}
	})
	if st := svc.Stats(); st.Builds != int64(len(paths)) {
		b.Errorf("stats %+v", st)
	}
}

type discardWriter struct {
	h    http.Header
	code int
}

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (d *discardWriter) WriteHeader(code int)        { d.code = code }
