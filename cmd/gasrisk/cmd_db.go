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
url     print the connection URL (for psql, QGIS, DATABASE_URL); --form keyword prints
        host=… port=… dbname=… user=… for GDAL's PG: driver (ogrinfo "PG:$(gasrisk db url --form keyword)")
stop    shut it down`,
		flags: func(fs *flag.FlagSet) func(context.Context, *app, []string) error {
			var form string
			fs.StringVar(&form, "form", "url", "url: the form of the connection string, url (postgres://…) or keyword (host=… port=… dbname=… user=…, for GDAL and psql)")
			return func(ctx context.Context, a *app, args []string) error {
				if form != "url" && form != "keyword" {
					return usageError(fmt.Sprintf("--form %q: want url or keyword", form))
				}
				return runDB(ctx, a, args, form)
			}
		}}
}

func runDB(ctx context.Context, a *app, args []string, form string) error {
	if len(args) != 1 {
		return usageError("want one of start, stop, status, url")
	}
	if form != "url" && args[0] != "url" {
		return usageError("--form belongs to db url")
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
		st := c.Status()
		if !st.Running {
			fmt.Fprintf(a.stdout, "the embedded database was not running (data dir %s)\n", c.Dir)
			return nil
		}
		if err := c.Stop(ctx); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "stopped the embedded database (pid %d, port %d, data dir %s)\n", st.PID, st.Port, c.Dir)
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
		conn := c.URL
		if form == "keyword" {
			conn = c.Keywords
		}
		s, err := conn()
		if err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, s)
	default:
		return usageError(fmt.Sprintf("unknown db action %q: want start, stop, status or url", args[0]))
	}
	return nil
}
