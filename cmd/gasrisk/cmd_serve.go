package main

import (
	"context"
	"flag"
	"fmt"

	"gasrisk/web"
)

func serveCommand() command {
	return command{name: "serve", args: "[--addr HOST:PORT]",
		summary: "serve the risk map, tiles and APIs over HTTP",
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var cfg web.Config
			fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen address")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 0 {
					return usageError("serve takes no arguments")
				}
				return runServe(ctx, a, cfg)
			}
		}}
}

func runServe(ctx context.Context, a *app, cfg web.Config) error {
	s, err := openStore(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(a.stdout, "serving on http://%s/ (Ctrl-C to stop)\n", cfg.Addr)
	return web.New(cfg, webDeps(s)).ListenAndServe(ctx)
}
