package cluster

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// libraryProbeEvery is how often Watch checks that a new backend can
// still load PostGIS's library.
const libraryProbeEvery = 30 * time.Second

// Watch keeps the cluster up until ctx ends. Every interval it looks at
// the postmaster: when it has died (its lock file left behind; a cluster
// stopped on purpose is left alone), Watch starts the cluster again; when
// it is stale (its executable is no longer the postgres of BinDir: the
// PostgreSQL packages were upgraded under it) or, checked every 30 s, a
// new backend cannot load PostGIS's library, Watch restarts it. After
// each (re)start it calls restarted (if not nil) with the reason, so that
// a connection pool can drop its connections to the old server. A start
// that fails is logged and tried again on the next tick.
func (c *Cluster) Watch(ctx context.Context, interval time.Duration, restarted func(reason string)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	lastProbe := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		probe := time.Since(lastProbe) >= libraryProbeEvery
		if probe {
			lastProbe = time.Now()
		}
		reason, restart := c.check(ctx, probe)
		if reason == "" {
			continue
		}
		c.logf("embedded PostgreSQL in %s: %s; restarting it", c.Dir, reason)
		var err error
		if restart {
			err = c.Stop(ctx)
		}
		if err == nil {
			err = c.Start(ctx)
		}
		if err != nil {
			if ctx.Err() == nil {
				c.logf("embedded PostgreSQL in %s did not start (trying again): %v", c.Dir, err)
			}
			continue
		}
		if restarted != nil {
			restarted(reason)
		}
	}
}

// check says why the cluster needs starting (restart false: it is down)
// or restarting (restart true: it runs, but stale binaries), "" when it
// is fine. probe adds the library check.
func (c *Cluster) check(ctx context.Context, probe bool) (reason string, restart bool) {
	s := c.Status()
	if !s.Running {
		// No lock file: stopped on purpose (gasrisk db stop), or never
		// started. A dead postmaster leaves its lock file behind.
		if !s.Initialised || s.PID == 0 {
			return "", false
		}
		return "the server is down", false
	}
	if r := c.staleReason(s.PID); r != "" {
		return r, true
	}
	if probe {
		if r := c.libraryReason(ctx); r != "" {
			return r, true
		}
	}
	return "", false
}

// staleReason says how the running postmaster's executable differs from
// BinDir's postgres: deleted (a package upgrade replaced the file) or
// another file. Unknown (no /proc, no permission) counts as the same.
func (c *Cluster) staleReason(pid int) string {
	exe := filepath.Join("/proc", strconv.Itoa(pid), "exe")
	target, err := os.Readlink(exe)
	if err != nil {
		return ""
	}
	running, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	installed, err := os.Stat(filepath.Join(c.BinDir, "postgres"))
	if err != nil {
		return ""
	}
	return staleExe(target, running, installed)
}

// staleExe compares the executable a postmaster runs (its /proc link
// target and file) with the installed postgres.
func staleExe(target string, running, installed os.FileInfo) string {
	if strings.HasSuffix(target, " (deleted)") {
		return "its executable " + strings.TrimSuffix(target, " (deleted)") + " was replaced on disk (PostgreSQL upgraded)"
	}
	if !os.SameFile(running, installed) {
		return fmt.Sprintf("it runs %s, not the installed postgres", target)
	}
	return ""
}

// libraryReason connects a new backend and calls into PostGIS: after an
// upgrade of the packages it may fail to load the library the running
// server no longer matches.
func (c *Cluster) libraryReason(ctx context.Context) string {
	url, err := c.URL()
	if err != nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return ""
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_extension WHERE extname = 'postgis'`).Scan(&n); err != nil || n == 0 {
		return ""
	}
	var v string
	err = conn.QueryRow(ctx, `SELECT postgis_lib_version()`).Scan(&v)
	return libraryFailure(err)
}

// libraryFailure is the reason to restart when err says a library could
// not be loaded, "" for any other outcome.
func libraryFailure(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	for _, s := range []string{"could not load library", "incompatible library", "undefined symbol"} {
		if strings.Contains(msg, s) {
			return "a backend failed to load a library (" + msg + ")"
		}
	}
	return ""
}
