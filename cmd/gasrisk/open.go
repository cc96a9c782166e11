package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"gasrisk/data"
)

// openServices opens the configured database, starting the embedded
// cluster on demand (what it starts is logged to stderr), and composes
// the services over it.
func openServices(ctx context.Context, a *app) (*services, error) {
	return openServicesWarm(ctx, a, 0)
}

// servingConns are the connections serve keeps open and warm for
// requests (data.Config.WarmConns): enough for the permit checks and
// tiles of a loaded two-core machine without opening one on a
// request's path.
const servingConns = 4

// openServicesWarm is openServices with warm connections kept open.
func openServicesWarm(ctx context.Context, a *app, warm int) (*services, error) {
	cfg := data.ConfigFromEnv()
	cfg.WarmConns = warm
	cfg.Log = func(format string, args ...any) { fmt.Fprintf(a.stderr, format+"\n", args...) }
	db, err := data.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return newServices(db), nil
}

// interactive reports whether stderr is a terminal (for progress bars).
func interactive(a *app) bool { return terminal(a.stderr) }

// terminal reports whether w is a terminal.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// binaryToTerminal refuses to write a binary format to stdout when it is
// a terminal, naming the flag that gives a file.
func binaryToTerminal(a *app, format, out string) error {
	if (out == "" || out == "-") && terminal(a.stdout) {
		return usageError(fmt.Sprintf("%s is a binary format and stdout is a terminal: give -o FILE (or redirect stdout)", format))
	}
	return nil
}
