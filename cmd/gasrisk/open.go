package main

import (
	"context"
	"fmt"
	"os"

	"golang.org/x/term"

	"gasrisk/data"
)

// openServices opens the configured database, starting the embedded
// cluster on demand (what it starts is logged to stderr), and composes
// the services over it.
func openServices(ctx context.Context, a *app) (*services, error) {
	cfg := data.ConfigFromEnv()
	cfg.Log = func(format string, args ...any) { fmt.Fprintf(a.stderr, format+"\n", args...) }
	db, err := data.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return newServices(db), nil
}

// interactive reports whether stderr is a terminal (for progress bars).
func interactive(a *app) bool {
	f, ok := a.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
