package main

import (
	"context"
	"flag"
	"fmt"

	"gasrisk/data"
	"gasrisk/data/cluster"
)

func dbCommand() command {
	return command{name: "db", args: "start|stop|status|url",
		summary: "manage the embedded PostgreSQL+PostGIS cluster",
		detail: `start   initialise (first time) and start the cluster under $GASRISK_DATA_DIR; it stays up
status  say whether it is initialised and running, its port and socket
url     print the connection URL (for psql, QGIS, DATABASE_URL)
stop    shut it down`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			return runDB
		}}
}

func runDB(ctx context.Context, a *app, args []string) error {
	if len(args) != 1 {
		return usageError("want one of start, stop, status, url")
	}
	cfg := data.ConfigFromEnv()
	if cfg.URL != "" && args[0] != "stop" {
		fmt.Fprintln(a.stderr, "note: DATABASE_URL is set, so gasrisk commands use that server, not this embedded one")
	}
	c, err := cluster.New(cfg.DataDir)
	if err != nil {
		return err
	}
	c.Log = func(format string, args ...any) { fmt.Fprintf(a.stderr, format+"\n", args...) }
	switch args[0] {
	case "start":
		if err := c.Start(ctx); err != nil {
			return err
		}
		cfg.URL, _ = c.URL()
		s, err := data.Open(ctx, cfg) // applies migrations
		if err != nil {
			return err
		}
		s.Close()
		url, _ := c.URL()
		fmt.Fprintf(a.stdout, "embedded database running: %s\n", url)
	case "stop":
		return c.Stop(ctx)
	case "status":
		st := c.Status()
		switch {
		case !st.Initialised:
			fmt.Fprintf(a.stdout, "not initialised (data dir %s)\n", c.Dir)
		case !st.Running:
			fmt.Fprintf(a.stdout, "stopped (data dir %s)\n", c.Dir)
		default:
			fmt.Fprintf(a.stdout, "running: pid %d, port %d, socket %s, data dir %s\n", st.PID, st.Port, st.SocketDir, c.Dir)
		}
	case "url":
		url, err := c.URL()
		if err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, url)
	default:
		return usageError(fmt.Sprintf("unknown db action %q: want start, stop, status or url", args[0]))
	}
	return nil
}
