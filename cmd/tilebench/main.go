// Command tilebench measures tile servers (scripts/bench-tiles.sh drives it):
//
//	tilebench serve -db URL [-addr 127.0.0.1:18081] [-cache-mb 256]
//	    serve gasrisk's tiles (web.Server with a tiles.Service) on loopback
//	tilebench list -bbox W,S,E,N [-zooms 12-16] [-per-zoom 400] [-seed 1]
//	    print a shuffled sample of distinct tiles covering bbox, as z/x/y
//	tilebench load -url TEMPLATE -tiles FILE [-c 8] [-gzip] [-repeat 1]
//	    request every listed tile (TEMPLATE has {z}, {x}, {y}) and report
//	    throughput, latency percentiles and tile sizes per zoom
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gasrisk/data"
	"gasrisk/data/results"
	"gasrisk/data/tilesource"
	"gasrisk/geo"
	"gasrisk/tiles"
	"gasrisk/web"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: tilebench serve|list|load [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(os.Args[2:])
	case "list":
		err = list(os.Args[2:])
	case "load":
		err = load(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tilebench:", err)
		os.Exit(1)
	}
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	db := fs.String("db", os.Getenv("DATABASE_URL"), "database URL")
	addr := fs.String("addr", "127.0.0.1:18081", "listen address")
	cacheMB := fs.Int64("cache-mb", 256, "tile cache size in MiB (0: off)")
	prof := fs.String("pprof", "", "serve net/http/pprof on this address too")
	fs.Parse(args)
	if *prof != "" {
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		go http.ListenAndServe(*prof, mux)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	conn, err := data.Open(ctx, data.Config{URL: *db})
	if err != nil {
		return err
	}
	defer conn.Close()
	cfg := tiles.DefaultConfig()
	cfg.CacheBytes = *cacheMB << 20
	srv := web.New(web.Config{Addr: *addr}, web.Deps{DB: conn, Segments: results.New(conn), Tiles: tiles.New(tilesource.New(conn), cfg)})
	fmt.Fprintf(os.Stderr, "tilebench: serving tiles on %s, cache %d MiB\n", *addr, *cacheMB)
	return srv.ListenAndServe(ctx)
}

func list(args []string) error {
	fs := flag.NewFlagSet("list", flag.ExitOnError)
	bbox := fs.String("bbox", "", "W,S,E,N in degrees")
	zooms := fs.String("zooms", "12-16", "zoom range")
	perZoom := fs.Int("per-zoom", 400, "tiles per zoom at most (0: all)")
	seed := fs.Uint64("seed", 1, "sample seed")
	fs.Parse(args)
	var b geo.BBox
	if _, err := fmt.Sscanf(*bbox, "%g,%g,%g,%g", &b.W, &b.S, &b.E, &b.N); err != nil {
		return fmt.Errorf("-bbox %q: %v", *bbox, err)
	}
	var z0, z1 int
	if _, err := fmt.Sscanf(*zooms, "%d-%d", &z0, &z1); err != nil {
		return fmt.Errorf("-zooms %q: %v", *zooms, err)
	}
	rng := rand.New(rand.NewPCG(*seed, 7))
	var out []geo.Tile
	for z := z0; z <= z1; z++ {
		ts := geo.TilesCovering(b, z)
		rng.Shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
		if *perZoom > 0 && len(ts) > *perZoom {
			ts = ts[:*perZoom]
		}
		out = append(out, ts...)
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, t := range out {
		fmt.Fprintln(w, t)
	}
	return nil
}

type result struct {
	tile  geo.Tile
	dur   time.Duration
	bytes int
	err   error
}

func load(args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	tmpl := fs.String("url", "", "tile URL template with {z}, {x}, {y}")
	file := fs.String("tiles", "", "file of z/x/y lines")
	conc := fs.Int("c", 8, "concurrent requests")
	gz := fs.Bool("gzip", false, "send Accept-Encoding: gzip (sizes are then the bytes on the wire)")
	repeat := fs.Int("repeat", 1, "passes over the list")
	fs.Parse(args)
	ts, err := readTiles(*file)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conc, DisableCompression: true}, Timeout: 2 * time.Minute}
	jobs := make(chan geo.Tile)
	results := make(chan result, 1024)
	var wg sync.WaitGroup
	for i := 0; i < *conc; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range jobs {
				results <- fetch(client, *tmpl, t, *gz)
			}
		}()
	}
	start := time.Now()
	go func() {
		for r := 0; r < *repeat; r++ {
			for _, t := range ts {
				jobs <- t
			}
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var all []result
	for r := range results {
		all = append(all, r)
	}
	report(os.Stdout, all, time.Since(start), *conc)
	return nil
}

func readTiles(file string) ([]geo.Tile, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ts []geo.Tile
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var t geo.Tile
		if _, err := fmt.Sscanf(sc.Text(), "%d/%d/%d", &t.Z, &t.X, &t.Y); err != nil {
			return nil, fmt.Errorf("%s: %q: %v", file, sc.Text(), err)
		}
		ts = append(ts, t)
	}
	if len(ts) == 0 {
		return nil, errors.New("no tiles")
	}
	return ts, sc.Err()
}

func fetch(c *http.Client, tmpl string, t geo.Tile, gz bool) result {
	url := strings.NewReplacer("{z}", strconv.Itoa(t.Z), "{x}", strconv.Itoa(t.X), "{y}", strconv.Itoa(t.Y)).Replace(tmpl)
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return result{tile: t, err: err}
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.StatusCode != 200 && resp.StatusCode != 204 {
		err = fmt.Errorf("%s: %s", url, resp.Status)
	}
	return result{tile: t, dur: time.Since(start), bytes: int(n), err: err}
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(len(d)-1, int(p*float64(len(d))))]
}

func report(w io.Writer, all []result, wall time.Duration, conc int) {
	var durs []time.Duration
	byZoom := map[int][]int{}
	durZoom := map[int][]time.Duration{}
	errs := 0
	for _, r := range all {
		if r.err != nil {
			if errs < 3 {
				fmt.Fprintln(os.Stderr, "error:", r.err)
			}
			errs++
			continue
		}
		durs = append(durs, r.dur)
		byZoom[r.tile.Z] = append(byZoom[r.tile.Z], r.bytes)
		durZoom[r.tile.Z] = append(durZoom[r.tile.Z], r.dur)
	}
	slices.Sort(durs)
	fmt.Fprintf(w, "requests %d, errors %d, concurrency %d, wall %.2f s, %.1f tiles/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms\n",
		len(all), errs, conc, wall.Seconds(), float64(len(durs))/wall.Seconds(),
		ms(pct(durs, 0.5)), ms(pct(durs, 0.9)), ms(pct(durs, 0.99)))
	fmt.Fprintln(w, "zoom  tiles  empty  mean KiB  p50 KiB  max KiB  p50 ms  p99 ms")
	var zs []int
	for z := range byZoom {
		zs = append(zs, z)
	}
	slices.Sort(zs)
	for _, z := range zs {
		b := byZoom[z]
		slices.Sort(b)
		d := durZoom[z]
		slices.Sort(d)
		empty, sum := 0, 0
		for _, v := range b {
			sum += v
			if v == 0 {
				empty++
			}
		}
		fmt.Fprintf(w, "%4d %6d %6d %9.1f %8.1f %8.1f %7.1f %7.1f\n", z, len(b), empty, float64(sum)/float64(len(b))/1024,
			float64(b[len(b)/2])/1024, float64(b[len(b)-1])/1024, ms(pct(d, 0.5)), ms(pct(d, 0.99)))
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
