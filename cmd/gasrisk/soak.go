package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// soakConfig is one soak run against a running server.
type soakConfig struct {
	URL, Key string
	Duration time.Duration
	Rate     float64       // requests per second (open loop)
	Sample   time.Duration // how often the server's RSS is read
	Seed     uint64
}

// soakRequest is one request of the mix; route names it in the report.
type soakRequest struct {
	route, method, path, contentType string
	body                             []byte
}

// soakStats collects the outcome per route.
type soakStats struct {
	mu    sync.Mutex
	lat   map[string][]time.Duration
	codes map[string]map[int]int // 0: transport error
}

func (s *soakStats) add(route string, code int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lat[route] = append(s.lat[route], d)
	if s.codes[route] == nil {
		s.codes[route] = map[int]int{}
	}
	s.codes[route][code]++
}

// soakMix draws requests: tiles, lists, exports, OGC pages, permit
// checks, prints, and bad requests, in fixed proportions.
type soakMix struct {
	rng *rand.Rand
	ext [4]float64 // lon/lat extent of the segments
}

func (m *soakMix) lonLat() (float64, float64) {
	return m.ext[0] + m.rng.Float64()*(m.ext[2]-m.ext[0]), m.ext[1] + m.rng.Float64()*(m.ext[3]-m.ext[1])
}

func (m *soakMix) next() soakRequest {
	lon, lat := m.lonLat()
	get := func(route, path string) soakRequest { return soakRequest{route: route, method: "GET", path: path} }
	switch k := m.rng.IntN(100); {
	case k < 30:
		z := 12 + m.rng.IntN(5)
		x, y := tileXY(lon, lat, z)
		return get("/tiles/{layer}/{z}/{x}/{file} mvt", fmt.Sprintf("/tiles/segments/%d/%d/%d.mvt", z, x, y))
	case k < 38:
		x, y := tileXY(lon, lat, 14)
		return get("/tiles/{layer}/{z}/{x}/{file} png", fmt.Sprintf("/tiles/segments/14/%d/%d.png", x, y))
	case k < 43:
		return get("/api/v1/stats", "/api/v1/stats")
	case k < 53:
		return get("/api/v1/hazards", fmt.Sprintf("/api/v1/hazards?limit=50&offset=%d", m.rng.IntN(200)))
	case k < 63:
		return get("/api/v1/segments/{id}", fmt.Sprintf("/api/v1/segments/%d", 1+m.rng.IntN(5000)))
	case k < 72:
		return get("/ogc/collections/{collectionId}/items", fmt.Sprintf("/ogc/collections/segments/items?limit=100&offset=%d", m.rng.IntN(2000)))
	case k < 77:
		d := 0.005
		return get("/api/v1/export/{file}", fmt.Sprintf("/api/v1/export/segments.csv?bbox=%f,%f,%f,%f", lon, lat, lon+d, lat+d))
	case k < 86:
		d := 20.0 / 111000
		body, _ := json.Marshal(map[string]any{"geometry": map[string]any{"type": "Polygon",
			"coordinates": [][][2]float64{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}},
			"work_kind": "excavation", "depth_m": 2, "start": "2026-07-01", "end": "2026-09-30", "applicant": "soak"})
		return soakRequest{route: "/api/v1/permits/check", method: "POST", path: "/api/v1/permits/check", contentType: "application/json", body: body}
	case k < 87:
		return get("/api/v1/maps/print.png", "/api/v1/maps/print.png?dpi=72")
	}
	bad := []soakRequest{get("bad: NUL", "/api/v1/hazards?district=%00"), get("bad: UTF-8", "/api/v1/export/segments.csv?district=%ff%fe"),
		get("bad: traversal", "/ui/..%2F..%2Fetc%2Fpasswd"), get("bad: tile", "/tiles/segments/99/1/1.mvt"),
		{route: "bad: JSON", method: "POST", path: "/api/v1/permits/check", contentType: "application/json", body: []byte(`{"geometry":`)},
		{route: "bad: media type", method: "POST", path: "/api/v1/permits/check", contentType: "text/plain", body: []byte(`{}`)}}
	return bad[m.rng.IntN(len(bad))]
}

// tileXY is the web-mercator tile holding a point.
func tileXY(lon, lat float64, z int) (int, int) {
	n := float64(int(1) << z)
	x := int((lon + 180) / 360 * n)
	rad := lat * 3.141592653589793 / 180
	y := int((1 - asinhTan(rad)/3.141592653589793) / 2 * n)
	return x, y
}

// runSoak sends the mix at the rate for the duration, reading the
// server's RSS from /metrics every Sample, and writes the report.
func runSoak(ctx context.Context, c soakConfig, out io.Writer) error {
	ext, err := segmentsExtent(c.URL, c.Key)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	mix := &soakMix{rng: rand.New(rand.NewPCG(c.Seed, 7)), ext: ext}
	st := &soakStats{lat: map[string][]time.Duration{}, codes: map[string]map[int]int{}}
	ctx, cancel := context.WithTimeout(ctx, c.Duration)
	defer cancel()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	start := time.Now()
	fmt.Fprintf(out, "soak %s at %g requests/s for %s\n%8s %10s %10s %10s %9s %7s\n", c.URL, c.Rate, c.Duration, "t", "rss_MB", "heap_MB", "tiles_MB", "requests", "5xx")
	samples := soakSampler(ctx, c, client, st, start, out)
	interval := time.Duration(float64(time.Second) / c.Rate)
	for i := 0; ctx.Err() == nil; i++ {
		time.Sleep(time.Until(start.Add(time.Duration(i) * interval)))
		req := mix.next()
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			t0 := time.Now()
			code := soakDo(client, c, req)
			st.add(req.route, code, time.Since(t0))
		}()
	}
	wg.Wait()
	rss := <-samples
	soakReport(out, st, rss)
	return nil
}

// soakDo sends one request and returns its status (0: transport error).
func soakDo(client *http.Client, c soakConfig, r soakRequest) int {
	req, err := http.NewRequest(r.method, c.URL+r.path, bytes.NewReader(r.body))
	if err != nil {
		return 0
	}
	if c.Key != "" {
		req.Header.Set("Authorization", "Bearer "+c.Key)
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// soakSampler prints the server's RSS every Sample until ctx ends, then
// sends the samples (MB).
func soakSampler(ctx context.Context, c soakConfig, client *http.Client, st *soakStats, start time.Time, out io.Writer) <-chan []float64 {
	done := make(chan []float64, 1)
	go func() {
		var rss []float64
		tick := time.NewTicker(c.Sample)
		defer tick.Stop()
		for {
			m := scrapeMetrics(client, c)
			rss = append(rss, m["process_resident_memory_bytes"]/1e6)
			n, fails := st.totals()
			fmt.Fprintf(out, "%8s %10.1f %10.1f %10.1f %9d %7d\n", time.Since(start).Round(time.Second), m["process_resident_memory_bytes"]/1e6,
				m["go_memstats_heap_inuse_bytes"]/1e6, m["gasrisk_tile_cache_bytes"]/1e6, n, fails)
			select {
			case <-ctx.Done():
				done <- rss
				return
			case <-tick.C:
			}
		}
	}()
	return done
}

// totals counts requests and 5xx or failed ones.
func (s *soakStats) totals() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, fails := 0, 0
	for _, codes := range s.codes {
		for code, k := range codes {
			n += k
			if code == 0 || code >= 500 {
				fails += k
			}
		}
	}
	return n, fails
}

// scrapeMetrics reads the unlabelled samples of /metrics.
func scrapeMetrics(client *http.Client, c soakConfig) map[string]float64 {
	m := map[string]float64{}
	req, _ := http.NewRequest("GET", c.URL+"/metrics", nil)
	if c.Key != "" {
		req.Header.Set("Authorization", "Bearer "+c.Key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return m
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), " ")
		if ok && !strings.HasPrefix(name, "#") && !strings.Contains(name, "{") {
			m[name], _ = strconv.ParseFloat(v, 64)
		}
	}
	return m
}

// soakReport writes per route the requests, 4xx, 5xx and errors, p50 and
// p99 latency, then the RSS trend.
func soakReport(out io.Writer, st *soakStats, rss []float64) {
	fmt.Fprintf(out, "\n%-42s %7s %6s %6s %6s %9s %9s\n", "route", "n", "4xx", "5xx", "failed", "p50_ms", "p99_ms")
	routes := make([]string, 0, len(st.lat))
	for r := range st.lat {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, r := range routes {
		l := st.lat[r]
		slices.Sort(l)
		c4, c5 := 0, 0
		for code, k := range st.codes[r] {
			if code >= 400 && code < 500 {
				c4 += k
			} else if code >= 500 {
				c5 += k
			}
		}
		fmt.Fprintf(out, "%-42s %7d %6d %6d %6d %9.1f %9.1f\n", r, len(l), c4, c5, st.codes[r][0],
			ms(l[len(l)/2]), ms(l[min(len(l)-1, len(l)*99/100)]))
	}
	if len(rss) >= 4 {
		half := rss[len(rss)/2:]
		fmt.Fprintf(out, "\nRSS MB: first %.1f, max %.1f; second half min %.1f, max %.1f, last %.1f\n",
			rss[0], slices.Max(rss), slices.Min(half), slices.Max(half), rss[len(rss)-1])
	}
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

// segmentsExtent is the lon/lat extent of the segments collection.
func segmentsExtent(base, key string) ([4]float64, error) {
	var c struct {
		Extent struct{ Spatial struct{ Bbox [][4]float64 } }
	}
	req, _ := http.NewRequest("GET", base+"/ogc/collections/segments", nil)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return [4]float64{}, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&c); err != nil || len(c.Extent.Spatial.Bbox) == 0 {
		return [4]float64{}, fmt.Errorf("no extent of the segments collection at %s (%v)", base, err)
	}
	return c.Extent.Spatial.Bbox[0], nil
}
