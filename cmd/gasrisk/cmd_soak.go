package main

import (
	"context"
	"flag"
	"math"
	"os"
	"time"
)

func soakCommand() command {
	return command{name: "soak", args: "[--url URL] [--key KEY] [--duration D] [--rate R]",
		summary: "drive a running server with mixed traffic; report errors, p99 per route and RSS over time",
		detail: `The mix: vector and raster tiles, stats, hazard pages, segments, OGC API pages,
small exports, permit checks, an occasional printed map (A4 at 72 dpi) and bad requests.
Requests leave on schedule (open loop). The server's RSS is read from its /metrics.
Use an admin key (or one with the permit role and reads open).

Example:
  nice -n 10 gasrisk soak --url http://127.0.0.1:8080 --key gsk_... --duration 10m --rate 10`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			c := soakConfig{Seed: 1}
			fs.StringVar(&c.URL, "url", "http://127.0.0.1:8080", "server base URL")
			fs.StringVar(&c.Key, "key", os.Getenv("GASRISK_KEY"), "API key (default $GASRISK_KEY)")
			fs.DurationVar(&c.Duration, "duration", 10*time.Minute, "how long to send")
			fs.Float64Var(&c.Rate, "rate", 10, "requests per second")
			fs.DurationVar(&c.Sample, "sample", 30*time.Second, "how often to read the server's RSS")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 || c.Rate <= 0 || c.Duration <= 0 || c.Sample <= 0 {
					return usageError("soak takes no arguments; --rate, --duration and --sample must be positive")
				}
				return runSoak(ctx, c, a.stdout)
			}
		}}
}

// asinhTan is asinh(tan(φ)), the Mercator y of a latitude.
func asinhTan(phi float64) float64 { return math.Asinh(math.Tan(phi)) }
