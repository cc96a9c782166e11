package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gasrisk/data"
	"gasrisk/data/importer"
	"gasrisk/synth"
	"gasrisk/web"
)

func demoCommand() command {
	return command{name: "demo", args: "[--segments N] [--addr HOST:PORT]",
		summary: "start the embedded db, load the sample city, analyze, serve",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			cfg := synth.Config{Seed: 1}
			var srv web.Config
			var noServe bool
			fs.IntVar(&cfg.Segments, "segments", 5000, "size of the sample city in pipe segments")
			fs.StringVar(&srv.Addr, "addr", "127.0.0.1:8080", "listen address")
			fs.BoolVar(&noServe, "no-serve", false, "load and analyze, then exit")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("demo takes no arguments")
				}
				return runDemo(ctx, a, cfg, srv, noServe)
			}
		}}
}

func runDemo(ctx context.Context, a *app, cfg synth.Config, srv web.Config, noServe bool) error {
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
	for _, l := range importer.Order() {
		o := importer.Options{Layer: l, File: filepath.Join(dir, l+".geojson"), Replace: true}
		res, err := s.importer.Import(ctx, o)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "loaded %d %s\n", res.Loaded, l)
	}
	o, err := analysisOptions("", "")
	if err != nil {
		return err
	}
	sum, err := s.analysis.Analyze(ctx, o)
	if err != nil {
		return err
	}
	printSummary(a.stdout, sum)
	if noServe {
		return nil
	}
	fmt.Fprintf(a.stdout, "serving the sample city on http://%s/ (Ctrl-C to stop)\n", srv.Addr)
	return serveHTTP(ctx, s, srv, time.Second)
}
