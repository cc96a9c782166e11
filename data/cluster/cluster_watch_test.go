package cluster_test

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"gasrisk/data/cluster"
)

func TestClusterKeepsItsPort(t *testing.T) {
	c := startCluster(t)
	ctx := context.Background()
	first := c.Status().Port
	if got := c.StoredPort(); got != first {
		t.Fatalf("stored port %d, running on %d", got, first)
	}
	restart := func() int {
		t.Helper()
		if err := c.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		return c.Status().Port
	}
	if got := restart(); got != first {
		t.Errorf("restart moved the cluster from port %d to %d", first, got)
	}
	t.Run("taken", func(t *testing.T) {
		if err := c.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(first))
		if err != nil {
			t.Skipf("cannot hold port %d for the test: %v", first, err)
		}
		defer l.Close()
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		got := c.Status().Port
		if got == first || got == 0 {
			t.Fatalf("port %d was taken, the cluster started on %d", first, got)
		}
		if c.StoredPort() != got {
			t.Errorf("new port %d not stored (stored %d)", got, c.StoredPort())
		}
		query(t, c, "SELECT 'ok'")
	})
}

// watch runs c.Watch until the test ends, counting restarts.
func watch(t *testing.T, c *cluster.Cluster) *atomic.Int32 {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var n atomic.Int32
	go func() {
		defer close(done)
		c.Watch(ctx, 200*time.Millisecond, func(reason string) {
			t.Logf("restarted: %s", reason)
			n.Add(1)
		})
	}()
	t.Cleanup(func() { cancel(); <-done })
	return &n
}

// newPID waits until the cluster runs under a postmaster other than old.
func newPID(t *testing.T, c *cluster.Cluster, old int) cluster.Status {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if s := c.Status(); s.Running && s.PID != old && s.SocketDir != "" {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if err := c.WaitReady(ctx); err != nil {
				t.Fatal(err)
			}
			return c.Status()
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the cluster was not brought back within 60 s (status %+v)", c.Status())
	return cluster.Status{}
}

func TestWatchRestartsAKilledServer(t *testing.T) {
	c := startCluster(t)
	// The cluster commits asynchronously: a crash may lose the last ~0.6 s.
	query(t, c, "SET synchronous_commit = on; CREATE TABLE kept (v text); INSERT INTO kept VALUES ('kept'); SELECT 'ok'")
	before := c.Status()
	start := time.Now()
	n := watch(t, c)
	if err := syscall.Kill(before.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	after := newPID(t, c, before.PID)
	t.Logf("back %v after the kill", time.Since(start).Round(time.Millisecond))
	if after.Port != before.Port {
		t.Errorf("restarted on port %d, was %d", after.Port, before.Port)
	}
	if got := query(t, c, "SELECT v FROM kept"); got != "kept" {
		t.Errorf("after the restart: %q", got)
	}
	// The new postmaster writes its pid before Watch's start returns and
	// reports the restart: wait for the report, do not race it.
	for deadline := time.Now().Add(30 * time.Second); n.Load() == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if n.Load() != 1 {
		t.Errorf("%d restarts reported, want 1", n.Load())
	}
}

// TestWatchLeavesAStoppedServer: a cluster stopped on purpose (gasrisk db
// stop) stays stopped.
func TestWatchLeavesAStoppedServer(t *testing.T) {
	c := startCluster(t)
	n := watch(t, c)
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // five ticks
	if c.Status().Running || n.Load() != 0 {
		t.Errorf("the watcher started a stopped cluster (%d restarts)", n.Load())
	}
}

// TestWatchRestartsAnUpgradedServer runs the cluster from a copy of the
// PostgreSQL binaries and replaces the postgres executable under it, as
// a package upgrade does: the watcher restarts the server on the new file.
func TestWatchRestartsAnUpgradedServer(t *testing.T) {
	real, err := cluster.FindPGBin()
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	// Not …/bin: PostgreSQL would look for its libraries in …/lib.
	bin := filepath.Join(dir, "pgexe")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"initdb", "pg_ctl", "postgres", "createdb", "pg_isready"} {
		copyFile(t, filepath.Join(real, name), filepath.Join(bin, name))
	}
	c := &cluster.Cluster{Dir: dir, BinDir: bin}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // initdb on a busy machine
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop(context.Background()) })
	before := c.Status()
	n := watch(t, c)
	// An upgrade writes the new file beside the old one and renames it over.
	copyFile(t, filepath.Join(real, "postgres"), filepath.Join(bin, "postgres.new"))
	if err := os.Rename(filepath.Join(bin, "postgres.new"), filepath.Join(bin, "postgres")); err != nil {
		t.Fatal(err)
	}
	after := newPID(t, c, before.PID)
	running, err := os.Stat(filepath.Join("/proc", strconv.Itoa(after.PID), "exe"))
	if err != nil {
		t.Skip("no /proc:", err)
	}
	installed, err := os.Stat(filepath.Join(bin, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(running, installed) {
		t.Error("the restarted server does not run the new executable")
	}
	if after.Port != before.Port {
		t.Errorf("restarted on port %d, was %d", after.Port, before.Port)
	}
	query(t, c, "SELECT 'ok'")
	time.Sleep(time.Second) // five more ticks: nothing more to restart
	if n.Load() != 1 {
		t.Errorf("%d restarts reported, want 1", n.Load())
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
