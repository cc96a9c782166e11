// Package data is the handle every PostGIS service of gasrisk shares: the
// connection pool (DB), the configuration, the migrations, the working
// SRID and the current run, and the COPY writers the bulk loads use. The
// services themselves live in the packages below it, one per concern:
// cluster (the embedded PostgreSQL), importer, analysis, ledger, permits,
// access (API keys and audit), export (files and the OGC API), tilesource,
// printsource and results; cmd/gasrisk composes them (docs/design.md).
package data

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk/data/cluster"
)

// DB is an open, migrated gasrisk database.
type DB struct {
	// Pool connects as AppRole, the services' role of least privilege.
	Pool *pgxpool.Pool
	// Generic connects as AppRole too, with plan_cache_mode =
	// force_generic_plan: a statement prepared on it is planned once per
	// connection instead of at every call. It is for the small, hot,
	// index-driven statements of a permit check, whose custom planning
	// (folding the work area's GeoJSON and transform into constants,
	// estimating the GiST scans) costs more than running them
	// (docs/benchmarks.md, "Permit checks: generic plans").
	Generic  *pgxpool.Pool
	cfg      Config
	cluster  *cluster.Cluster // the embedded cluster, nil when cfg.URL names a server
	ownerURL string           // the owner's connection: migrations only
}

// Open connects to the configured database, starting the embedded cluster
// when no URL is given, applies pending migrations as the owner (the
// role of the URL) and connects the pool as AppRole.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	url := cfg.URL
	var c *cluster.Cluster
	if url == "" {
		var err error
		if c, err = cluster.New(cfg.DataDir); err != nil {
			return nil, err
		}
		c.Log = cfg.Log
		if err := c.Start(ctx); err != nil {
			return nil, err
		}
		if url, err = c.URL(); err != nil {
			return nil, err
		}
	}
	s := &DB{cfg: cfg, cluster: c, ownerURL: url}
	if err := s.Migrate(ctx); err != nil {
		return nil, err
	}
	pc, err := appPoolConfig(url, cfg.AppURL)
	if err != nil {
		return nil, err
	}
	pc.MaxConnIdleTime = time.Minute
	if pc.MaxConns < 12 {
		pc.MaxConns = 12 // analysis shards read and write on their own connections
	}
	pc.HealthCheckPeriod = 10 * time.Second
	if cfg.WarmConns > 0 {
		pc.MinIdleConns = int32(cfg.WarmConns)
		pc.AfterConnect = warmConn
	}
	if cfg.OnNotice != nil {
		on := cfg.OnNotice
		pc.ConnConfig.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) { on(n) }
	}
	if s.Pool, err = pgxpool.NewWithConfig(ctx, pc); err != nil {
		return nil, err
	}
	if err := s.Pool.Ping(ctx); err != nil {
		s.Pool.Close()
		return nil, fmt.Errorf("database unreachable as %s: %w", AppRole, err)
	}
	if err := checkAppRole(ctx, s.Pool); err != nil {
		s.Pool.Close()
		return nil, err
	}
	if s.Generic, err = pgxpool.NewWithConfig(ctx, genericPoolConfig(pc)); err != nil {
		s.Pool.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the connections; the embedded cluster keeps running.
func (s *DB) Close() {
	s.Pool.Close()
	s.Generic.Close()
}

// genericConns bounds the Generic pool: the permit checks of a loaded
// two-core machine run a few at a time.
const genericConns = 8

// genericPoolConfig is the Generic pool's configuration: the app pool's,
// with plan_cache_mode = force_generic_plan, no prefetching and fewer
// connections, all kept warm when the app pool keeps some (serve).
func genericPoolConfig(app *pgxpool.Config) *pgxpool.Config {
	pc := app.Copy()
	pc.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	// A check reads a few heap pages: prefetching them (posix_fadvise,
	// one call a page) costs more system calls than it saves.
	pc.ConnConfig.RuntimeParams["effective_io_concurrency"] = "0"
	pc.MaxConns = genericConns
	if pc.MinIdleConns > 0 {
		// A server keeps them all open and warm: a connection opened on a
		// check's path (its first transform loads PostGIS's projection
		// data) held the checks behind it for hundreds of milliseconds.
		pc.MinIdleConns = genericConns
	}
	return pc
}

// Watch keeps the embedded cluster up until ctx ends (cluster.Watch),
// checking it every interval: when it has to start or restart it, the
// pool drops its connections to the old server and dials the new one on
// the same port. A database named by URL is not watched: the pool
// reconnects by itself when that server is back.
func (s *DB) Watch(ctx context.Context, interval time.Duration) {
	if s.cluster == nil || interval <= 0 {
		return
	}
	s.cluster.Watch(ctx, interval, func(string) {
		s.Pool.Reset()
		s.Generic.Reset()
	})
}

// Ping reports whether the database answers.
func (s *DB) Ping(ctx context.Context) (err error) {
	defer Annotate(&err, "data.Ping")
	return s.Pool.Ping(ctx)
}

// Config is the configuration the database was opened with.
func (s *DB) Config() Config { return s.cfg }
