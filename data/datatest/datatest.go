// Package datatest starts a real embedded PostGIS for tests, with the same
// launcher the binary uses, and hands each test a fresh migrated database.
// The cluster starts on the first test that asks for a database, so
// `go test -list` and a -run that matches no such test start nothing.
package datatest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
	"gasrisk/data/cluster"
)

// Env is one embedded cluster shared by a test binary, started on first
// use.
type Env struct {
	once    sync.Once
	err     error
	cluster *cluster.Cluster
	dir     string
	n       atomic.Int64
}

const template = "gasrisk_template"

// Main runs a test binary's tests, sharing one cluster between them: use
// it as TestMain's body. The cluster, if a test started it, is stopped and
// removed afterwards.
func Main(m *testing.M, env **Env) int {
	e := &Env{}
	*env = e
	code := m.Run()
	e.Stop()
	return code
}

// start initialises and starts a cluster in a new temporary directory and
// prepares a migrated template database.
func (e *Env) start() error {
	reapOrphans()
	dir, err := os.MkdirTemp("", "gasrisk-test-")
	if err != nil {
		return err
	}
	e.dir = dir
	if err := claim(dir); err != nil {
		return err
	}
	c, err := cluster.New(dir)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		return err
	}
	e.cluster = c
	if err := e.exec(ctx, "CREATE DATABASE "+template); err != nil {
		return err
	}
	url, _ := c.URLFor(template)
	db, err := data.Open(ctx, data.Config{URL: url})
	if err != nil {
		return err
	}
	db.Close()
	return nil
}

// Cluster returns the running cluster, starting it on first use.
func (e *Env) Cluster(t testing.TB) *cluster.Cluster {
	t.Helper()
	if fuzzWorker() {
		t.Fatal("datatest: a fuzz target asked for PostgreSQL; fuzz targets must be pure (no cluster per fuzzing worker)")
	}
	e.once.Do(func() { e.err = e.start() })
	if e.err != nil {
		t.Fatalf("datatest: cannot start PostGIS: %v", e.err)
	}
	return e.cluster
}

// Stop shuts the cluster down, if it was started, and removes its files.
func (e *Env) Stop() {
	if e.cluster != nil {
		if err := e.cluster.Stop(context.Background()); err != nil {
			slog.Warn("datatest: stopping the test cluster failed", "op", "datatest.Stop", "dir", e.dir, "err", err)
		}
	}
	if e.dir != "" {
		if err := os.RemoveAll(e.dir); err != nil {
			slog.Warn("datatest: removing the test cluster's directory failed", "op", "datatest.Stop", "dir", e.dir, "err", err)
		}
	}
}

// URL returns the URL of a new, empty, migrated database.
func (e *Env) URL(t testing.TB) string {
	t.Helper()
	c := e.Cluster(t)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), e.n.Add(1))
	if err := e.exec(context.Background(), "CREATE DATABASE "+name+" TEMPLATE "+template); err != nil {
		t.Fatal(err)
	}
	url, _ := c.URLFor(name)
	return url
}

// DB opens a new, empty, migrated database, closed when the test ends.
func (e *Env) DB(t testing.TB) *data.DB {
	t.Helper()
	db, err := data.Open(context.Background(), data.Config{URL: e.URL(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

func (e *Env) exec(ctx context.Context, sql string) error {
	url, err := e.cluster.URLFor("postgres")
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// Owner connects to db as its owner, the role that ran the migrations
// (db.Pool connects as data.AppRole): for tests that do what the
// services may not. Closed when the test ends.
func Owner(t testing.TB, db *data.DB) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), db.Config().URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
