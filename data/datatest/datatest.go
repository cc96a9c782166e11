// Package datatest starts a real embedded PostGIS for tests, with the same
// launcher the binary uses, and hands each test a fresh migrated database.
package datatest

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
)

// Env is one embedded cluster shared by a test binary.
type Env struct {
	Cluster *data.Cluster
	dir     string
	n       atomic.Int64
}

const template = "gasrisk_template"

// Start initialises and starts a cluster in a new temporary directory and
// prepares a migrated template database.
func Start() (*Env, error) {
	dir, err := os.MkdirTemp("", "gasrisk-test-")
	if err != nil {
		return nil, err
	}
	c, err := data.NewCluster(dir)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		return nil, err
	}
	e := &Env{Cluster: c, dir: dir}
	if err := e.exec(ctx, "CREATE DATABASE "+template); err != nil {
		return nil, err
	}
	url, _ := c.URLFor(template)
	s, err := data.Open(ctx, data.Config{URL: url})
	if err != nil {
		return nil, err
	}
	s.Close()
	return e, nil
}

// Main runs a test binary's tests against a fresh cluster: use it as
// TestMain's body. The cluster is stopped and removed afterwards.
func Main(m *testing.M, env **Env) int {
	e, err := Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "datatest: cannot start PostGIS:", err)
		return 1
	}
	*env = e
	code := m.Run()
	e.Stop()
	return code
}

// Stop shuts the cluster down and removes its files.
func (e *Env) Stop() {
	e.Cluster.Stop(context.Background())
	os.RemoveAll(e.dir)
}

// URL returns the URL of a new, empty, migrated database.
func (e *Env) URL(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), e.n.Add(1))
	ctx := context.Background()
	if err := e.exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+template); err != nil {
		t.Fatal(err)
	}
	url, _ := e.Cluster.URLFor(name)
	return url
}

// Store opens a new, empty, migrated database, closed when the test ends.
func (e *Env) Store(t testing.TB) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), data.Config{URL: e.URL(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func (e *Env) exec(ctx context.Context, sql string) error {
	url, err := e.Cluster.URLFor("postgres")
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
