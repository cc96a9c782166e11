// Command permitload drives POST /api/v1/permits/check at a fixed rate
// (open loop: requests leave on schedule whether or not earlier ones have
// answered, and latency counts from the scheduled time, so a slow server
// cannot hide its queueing) and reports the latency distribution.
//
//	go run ./cmd/permitload -url http://127.0.0.1:8080 -key gsk_... -rate 200 -duration 30s
//
// Work areas are random 5–40 m squares (and some lines and points) inside
// the segments collection's extent, with a mix of work kinds, so that
// clear, conditional and denied answers all occur.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

// config is what one run does.
type config struct {
	url, key    string
	rate        float64
	duration    time.Duration
	maxInFlight int
	seed        uint64
}

// result is one request's outcome.
type result struct {
	latency  time.Duration
	status   int
	decision string
}

func main() {
	var c config
	flag.StringVar(&c.url, "url", "http://127.0.0.1:8080", "server base URL")
	flag.StringVar(&c.key, "key", os.Getenv("GASRISK_KEY"), "API key with the permit role (default $GASRISK_KEY)")
	flag.Float64Var(&c.rate, "rate", 200, "checks per second")
	flag.DurationVar(&c.duration, "duration", 30*time.Second, "how long to send")
	flag.IntVar(&c.maxInFlight, "max-in-flight", 2000, "requests outstanding at most (then the run counts as overloaded)")
	flag.Uint64Var(&c.seed, "seed", 1, "random seed of the work areas")
	flag.Parse()
	if err := run(context.Background(), c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "permitload:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, c config, out io.Writer) error {
	ext, err := extent(c.url)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c.maxInFlight, MaxConnsPerHost: c.maxInFlight},
		Timeout: 30 * time.Second}
	rng := rand.New(rand.NewPCG(c.seed, 42))
	n := int(c.rate * c.duration.Seconds())
	bodies := make([][]byte, n) // made before the clock starts: the load generator's work is not the server's
	for i := range bodies {
		bodies[i] = workArea(rng, ext)
	}
	results := make([]result, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, c.maxInFlight)
	start := time.Now()
	interval := time.Duration(float64(time.Second) / c.rate)
	overloaded := 0
	for i := range n {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		body := bodies[i]
		select {
		case sem <- struct{}{}:
		default:
			overloaded++
			results[i] = result{status: -1, latency: -1}
			continue
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = check(ctx, client, c, body, due)
		}()
	}
	sent := time.Since(start)
	wg.Wait()
	report(out, c, results, sent, overloaded)
	return nil
}

// extent reads the network's extent from the OGC API.
func extent(base string) ([4]float64, error) {
	var c struct {
		Extent struct{ Spatial struct{ Bbox [][4]float64 } }
	}
	resp, err := http.Get(base + "/ogc/collections/segments")
	if err != nil {
		return [4]float64{}, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&c); err != nil || len(c.Extent.Spatial.Bbox) == 0 {
		return [4]float64{}, fmt.Errorf("no extent of the segments collection (%v)", err)
	}
	return c.Extent.Spatial.Bbox[0], nil
}

// workArea is a random request body inside the extent.
func workArea(rng *rand.Rand, e [4]float64) []byte {
	lon := e[0] + rng.Float64()*(e[2]-e[0])
	lat := e[1] + rng.Float64()*(e[3]-e[1])
	d := (5 + rng.Float64()*35) / 111000 // 5–40 m in degrees (latitude)
	dl := d / math.Cos(lat*math.Pi/180)
	var geom any
	switch k := rng.IntN(10); {
	case k < 7:
		geom = map[string]any{"type": "Polygon", "coordinates": [][][2]float64{{{lon, lat}, {lon + dl, lat}, {lon + dl, lat + d}, {lon, lat + d}, {lon, lat}}}}
	case k < 9:
		geom = map[string]any{"type": "LineString", "coordinates": [][2]float64{{lon, lat}, {lon + 5*dl, lat + d}}}
	default:
		geom = map[string]any{"type": "Point", "coordinates": [2]float64{lon, lat}}
	}
	kinds := []string{"excavation", "excavation", "excavation", "drilling", "piling", "blasting", "trenchless"}
	b, _ := json.Marshal(map[string]any{"geometry": geom, "work_kind": kinds[rng.IntN(len(kinds))], "depth_m": 2,
		"start": "2026-07-01", "end": "2026-09-30", "applicant": "permitload"})
	return b
}

// check sends one request; latency counts from when it was due.
func check(ctx context.Context, client *http.Client, c config, body []byte, due time.Time) result {
	req, _ := http.NewRequestWithContext(ctx, "POST", c.url+"/api/v1/permits/check", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return result{latency: time.Since(due), status: 0}
	}
	defer resp.Body.Close()
	var ans struct {
		Decision string `json:"decision"`
	}
	json.NewDecoder(resp.Body).Decode(&ans)
	io.Copy(io.Discard, resp.Body) // read to EOF: the connection is kept for the next check
	return result{latency: time.Since(due), status: resp.StatusCode, decision: ans.Decision}
}

// report prints the achieved rate, statuses, decisions and latencies.
func report(out io.Writer, c config, rs []result, sent time.Duration, overloaded int) {
	var lat []time.Duration
	statuses, decisions := map[int]int{}, map[string]int{}
	for _, r := range rs {
		statuses[r.status]++
		if r.status == http.StatusCreated {
			lat = append(lat, r.latency)
			decisions[r.decision]++
		}
	}
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	fmt.Fprintf(out, "target %.0f checks/s for %v: sent %d in %v (%.1f/s), %d not sent (over %d in flight)\n",
		c.rate, c.duration, len(rs)-overloaded, sent.Round(time.Millisecond), float64(len(rs)-overloaded)/sent.Seconds(),
		overloaded, c.maxInFlight)
	fmt.Fprintf(out, "statuses %v, decisions %v\n", statuses, decisions)
	fmt.Fprintf(out, "latency of 201s: p50 %v  p90 %v  p99 %v  p99.9 %v  max %v\n", q(.5).Round(10*time.Microsecond),
		q(.9).Round(10*time.Microsecond), q(.99).Round(10*time.Microsecond), q(.999).Round(10*time.Microsecond),
		q(1).Round(10*time.Microsecond))
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }
	fmt.Fprintf(out, "summary rate=%.0f achieved=%.1f ok=%d failed=%d not_sent=%d p50_ms=%s p99_ms=%s max_ms=%s\n",
		c.rate, float64(len(rs)-overloaded)/sent.Seconds(), len(lat), len(rs)-overloaded-len(lat), overloaded,
		ms(q(.5)), ms(q(.99)), ms(q(1)))
}
