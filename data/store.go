// Package data is the PostGIS side of gasrisk: the embedded cluster,
// migrations, import, detection queries, analysis runs and export.
package data

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Store is an open, migrated gasrisk database.
type Store struct {
	Pool *pgxpool.Pool
	cfg  Config
}

// Open connects to the configured database, starting the embedded cluster
// when no URL is given, and applies pending migrations.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	url := cfg.URL
	if url == "" {
		c, err := NewCluster(cfg.DataDir)
		if err != nil {
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
	pc, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	pc.MaxConnIdleTime = time.Minute
	if pc.MaxConns < 12 {
		pc.MaxConns = 12 // analysis shards read and write on their own connections
	}
	pc.HealthCheckPeriod = 10 * time.Second
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database unreachable: %w", err)
	}
	s := &Store{Pool: pool, cfg: cfg}
	if err := s.Migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the connections; the embedded cluster keeps running.
func (s *Store) Close() { s.Pool.Close() }

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.Pool.Ping(ctx) }
