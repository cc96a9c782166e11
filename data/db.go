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
	Pool     *pgxpool.Pool
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
	return s, nil
}

// Close releases the connections; the embedded cluster keeps running.
func (s *DB) Close() { s.Pool.Close() }

// Watch keeps the embedded cluster up until ctx ends (cluster.Watch),
// checking it every interval: when it has to start or restart it, the
// pool drops its connections to the old server and dials the new one on
// the same port. A database named by URL is not watched: the pool
// reconnects by itself when that server is back.
func (s *DB) Watch(ctx context.Context, interval time.Duration) {
	if s.cluster == nil || interval <= 0 {
		return
	}
	s.cluster.Watch(ctx, interval, func(string) { s.Pool.Reset() })
}

// Ping reports whether the database answers.
func (s *DB) Ping(ctx context.Context) (err error) {
	defer Annotate(&err, "data.Ping")
	return s.Pool.Ping(ctx)
}

// Config is the configuration the database was opened with.
func (s *DB) Config() Config { return s.cfg }
