package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"time"

	"gasrisk/tiles"
	"gasrisk/web"
)

func serveCommand() command {
	return command{name: "serve", args: "[--addr HOST:PORT] [--public-reads] [--model FILE] [--tile-cache-mb N]",
		summary: "serve the risk map, tiles and APIs over HTTP",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var cfg web.Config
			var model, profile string
			var cacheMB int64
			var watch time.Duration
			var lc liveConfig
			liveFlags(fs, &lc, "off")
			fs.StringVar(&cfg.Addr, "addr", web.DefaultAddr, "listen address HOST:PORT (port 0: any free port)")
			fs.BoolVar(&cfg.PublicReads, "public-reads", false,
				"serve reads (map, tiles, exports, OGC API) without a key on a non-loopback address (default: viewer key needed there)")
			fs.StringVar(&model, "model", "", "model config file (JSON): the protection and control ranges the permit check uses")
			fs.Int64Var(&cacheMB, "tile-cache-mb", tiles.DefaultConfig().CacheBytes>>20,
				"memory for rendered tiles, MB (0: no cache, every tile built on request, for cold-tile measurements)")
			fs.DurationVar(&watch, "db-watch", time.Second,
				"how often to check the embedded PostgreSQL and bring it back if it died or its binaries were upgraded (0: never)")
			fs.Float64Var(&cfg.Permits.Rate, "permit-rate", 5, "permit API requests per second per API key (negative: no limit)")
			fs.IntVar(&cfg.Permits.Burst, "permit-burst", 10, "permit API requests an API key may make at once")
			fs.Float64Var(&cfg.Permits.Policy.MaxAreaM2, "max-work-area", 250000, "largest work area a permit check accepts, m²")
			fs.Float64Var(&cfg.Permits.Policy.MaxLengthM, "max-work-length", 5000, "longest work line a permit check accepts, m")
			l := &cfg.Limits
			fs.Int64Var(&l.MaxBodyBytes, "max-body", 1<<20, "largest request body, bytes (413 above)")
			fs.DurationVar(&l.ReadTimeout, "read-timeout", time.Minute, "time a client has to send a whole request, body included")
			fs.DurationVar(&l.ExportTimeout, "export-timeout", 5*time.Minute, "time limit of one export (503 past it)")
			fs.DurationVar(&l.OGCTimeout, "ogc-timeout", time.Minute, "time limit of one OGC API request (503 past it)")
			fs.IntVar(&l.Print.Concurrent, "print-concurrency", 1, "printed maps drawn at once")
			fs.IntVar(&l.Print.Queue, "print-queue", 2, "printed maps that may wait for a turn (503 with Retry-After beyond)")
			fs.IntVar(&l.Print.MaxPixels, "print-max-pixels", 4961*3508, "largest printed page, width × height in pixels (422 above)")
			fs.StringVar(&profile, "cpuprofile", "", "write a Go CPU profile of the server, from its start to its shutdown, to this file (go tool pprof)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("serve takes no arguments")
				}
				if model != "" {
					o, err := analysisOptions(model, "")
					if err != nil {
						return err
					}
					cfg.Permits.Policy.Detection = o.Model.Detection
					lc.Model = o.Model.Sensors
				}
				if cacheMB < 0 {
					return usageError("--tile-cache-mb must be 0 or more")
				}
				tc := tiles.DefaultConfig()
				tc.CacheBytes = cacheMB << 20
				if profile != "" {
					stop, err := startCPUProfile(profile)
					if err != nil {
						return err
					}
					defer stop()
				}
				return runServe(ctx, a, cfg, tc, watch, lc)
			}
		}}
}

func runServe(ctx context.Context, a *app, cfg web.Config, tc tiles.Config, watch time.Duration, lc liveConfig) error {
	ln, err := web.Listen(cfg.Addr) // a port in use fails before anything else starts
	if err != nil {
		return err
	}
	defer ln.Close()
	s, err := openServicesWarm(ctx, a, servingConns)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := configureSensors(s, lc); err != nil {
		return err
	}
	deps := webDeps(s, tc)
	srv := web.New(cfg, deps)
	stop, err := startLive(ctx, a, s, lc, deps.Tiles, srv.NotifySensors)
	defer stop()
	if err != nil {
		return err
	}
	return serveOn(ctx, a, s, srv, ln, "serving on", watch)
}

// serveOn announces the address ln listens on and serves srv on it until
// ctx ends, watching the embedded database meanwhile (data.DB.Watch)
// every watch and keeping the API key cache (access.Service.Listen).
func serveOn(ctx context.Context, a *app, s *services, srv *web.Server, ln net.Listener, what string, watch time.Duration) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{}, 2)
	go func() {
		defer func() { done <- struct{}{} }()
		s.db.Watch(ctx, watch)
	}()
	go func() {
		defer func() { done <- struct{}{} }()
		s.access.Listen(ctx, time.Second) // revocations reach the key cache at once
	}()
	fmt.Fprintf(a.stdout, "%s http://%s/ (Ctrl-C to stop)\n", what, ln.Addr())
	err := srv.Serve(ctx, ln)
	cancel()
	<-done
	<-done
	return err
}
