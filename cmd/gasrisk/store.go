package main

import (
	"context"
	"fmt"
	"os"

	"golang.org/x/term"

	"gasrisk/data"
)

// openStore opens the configured database, starting the embedded cluster
// on demand, and logs what it starts to stderr.
func openStore(ctx context.Context, a *app) (*data.Store, error) {
	cfg := data.ConfigFromEnv()
	cfg.Log = func(format string, args ...any) { fmt.Fprintf(a.stderr, format+"\n", args...) }
	return data.Open(ctx, cfg)
}

// interactive reports whether stderr is a terminal (for progress bars).
func interactive(a *app) bool {
	f, ok := a.stderr.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
