package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"gasrisk/data"
	"gasrisk/data/importer"
	"gasrisk/synth"
	"gasrisk/tiles"
	"gasrisk/web"
)

func demoCommand() command {
	return command{name: "demo", args: "[--segments N] [--addr HOST:PORT]",
		summary: "start the embedded db, load the sample city, analyze, serve",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			cfg := synth.Config{Seed: 1}
			var srv web.Config
			var noServe bool
			var lc liveConfig
			liveFlags(fs, &lc, "embedded")
			fs.IntVar(&cfg.Segments, "segments", 5000, "size of the sample city in pipe segments")
			fs.StringVar(&srv.Addr, "addr", web.DefaultAddr, "listen address HOST:PORT, checked before the city is loaded (make run PORT=9090 or ADDR=…)")
			fs.BoolVar(&noServe, "no-serve", false, "load and analyze, then exit")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("demo takes no arguments")
				}
				return runDemo(ctx, a, cfg, srv, noServe, lc)
			}
		}}
}

func runDemo(ctx context.Context, a *app, cfg synth.Config, srv web.Config, noServe bool, lc liveConfig) error {
	var ln net.Listener
	if !noServe {
		// a port in use fails now, not after the city is generated and analysed
		var err error
		if ln, err = web.Listen(srv.Addr); err != nil {
			return err
		}
		defer ln.Close()
	}
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	dir := filepath.Join(data.ConfigFromEnv().DataDir, "sample", fmt.Sprintf("city-%d-%d", cfg.Segments, cfg.Seed))
	if _, err := os.Stat(filepath.Join(dir, "pipes.geojson")); err != nil {
		if err := runGen(ctx, a, cfg, dir); err != nil {
			return err
		}
	}
	files, missing, err := layerFiles(dir)
	if err != nil {
		return err
	}
	if err := importFiles(ctx, a, s, importer.Options{Replace: true}, files, missing); err != nil {
		return err
	}
	o, err := analysisOptions("", "")
	if err != nil {
		return err
	}
	sum, err := analyzeWithProgress(ctx, a, s, o)
	if err != nil {
		return err
	}
	printSummary(a.stdout, sum)
	if err := configureSensors(s, lc); err != nil {
		return err
	}
	if err := simulateFleet(ctx, a, s, cfg.Seed, 2); err != nil {
		return err
	}
	if noServe {
		return nil
	}
	deps := webDeps(s, tiles.DefaultConfig())
	server := web.New(srv, deps)
	stop, err := startLive(ctx, a, s, lc, deps.Tiles, server.NotifySensors)
	defer stop()
	if err != nil {
		return err
	}
	return serveOn(ctx, a, s, server, ln, "serving the sample city on", time.Second)
}
