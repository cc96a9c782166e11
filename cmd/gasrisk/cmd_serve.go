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
			fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen address")
			fs.BoolVar(&cfg.PublicReads, "public-reads", false,
				"serve reads (map, tiles, exports, OGC API) without a key on a non-loopback address (default: viewer key needed there)")
			fs.StringVar(&model, "model", "", "model config file (JSON): the protection and control ranges the permit check uses")
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
				return runServe(ctx, a, cfg)
			}
		}}
}

func runServe(ctx context.Context, a *app, cfg web.Config) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(a.stdout, "serving on http://%s/ (Ctrl-C to stop)\n", cfg.Addr)
	return web.New(cfg, webDeps(s)).ListenAndServe(ctx)
}
