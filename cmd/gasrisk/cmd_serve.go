package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"gasrisk/web"
)

func serveCommand() command {
	return command{name: "serve", args: "[--addr HOST:PORT] [--public-reads] [--model FILE]",
		summary: "serve the risk map, tiles and APIs over HTTP",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var cfg web.Config
			var model string
			var watch time.Duration
			fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen address")
			fs.BoolVar(&cfg.PublicReads, "public-reads", false,
				"serve reads (map, tiles, exports, OGC API) without a key on a non-loopback address (default: viewer key needed there)")
			fs.StringVar(&model, "model", "", "model config file (JSON): the protection and control ranges the permit check uses")
			fs.DurationVar(&watch, "db-watch", time.Second,
				"how often to check the embedded PostgreSQL and bring it back if it died or its binaries were upgraded (0: never)")
			fs.Float64Var(&cfg.Permits.Rate, "permit-rate", 5, "permit API requests per second per API key (negative: no limit)")
			fs.IntVar(&cfg.Permits.Burst, "permit-burst", 10, "permit API requests an API key may make at once")
			fs.Float64Var(&cfg.Permits.Policy.MaxAreaM2, "max-work-area", 250000, "largest work area a permit check accepts, m²")
			fs.Float64Var(&cfg.Permits.Policy.MaxLengthM, "max-work-length", 5000, "longest work line a permit check accepts, m")
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
				}
				return runServe(ctx, a, cfg, watch)
			}
		}}
}

func runServe(ctx context.Context, a *app, cfg web.Config, watch time.Duration) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(a.stdout, "serving on http://%s/ (Ctrl-C to stop)\n", cfg.Addr)
	return serveHTTP(ctx, s, cfg, watch)
}

// serveHTTP serves the web server over s until ctx ends, watching the
// embedded database meanwhile (data.DB.Watch) every watch.
func serveHTTP(ctx context.Context, s *services, cfg web.Config, watch time.Duration) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.db.Watch(ctx, watch)
	}()
	err := web.New(cfg, webDeps(s)).ListenAndServe(ctx)
	cancel()
	<-done
	return err
}
