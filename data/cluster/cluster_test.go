package cluster_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data/cluster"
)

func startCluster(t *testing.T) *cluster.Cluster {
	t.Helper()
	c, err := cluster.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // initdb on a busy machine
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop(context.Background()) })
	return c
}

func query(t *testing.T, c *cluster.Cluster, sql string) string {
	t.Helper()
	url, err := c.URL()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	stmts := strings.Split(sql, ";")
	for _, st := range stmts[:len(stmts)-1] {
		if _, err := conn.Exec(ctx, st); err != nil {
			t.Fatalf("%s: %v", st, err)
		}
	}
	sql = stmts[len(stmts)-1]
	var out string
	if err := conn.QueryRow(ctx, sql).Scan(&out); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

func TestClusterLifecycle(t *testing.T) {
	c := startCluster(t)
	ctx := context.Background()
	st := c.Status()
	if !st.Initialised || !st.Running || st.Port == 0 || st.PID == 0 {
		t.Fatalf("status after start = %+v", st)
	}
	query(t, c, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here'); SELECT 'ok'")
	t.Run("reuse", func(t *testing.T) {
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if got := c.Status().PID; got != st.PID {
			t.Errorf("second Start restarted the server: pid %d, was %d", got, st.PID)
		}
	})
	t.Run("stop", func(t *testing.T) {
		if err := c.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		if c.Status().Running {
			t.Fatal("still running after Stop")
		}
		if _, err := c.URL(); err == nil {
			t.Error("URL of a stopped cluster should fail")
		}
		if err := c.Stop(ctx); err != nil {
			t.Errorf("stopping a stopped cluster: %v", err)
		}
	})
	t.Run("restart keeps data", func(t *testing.T) {
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if got := query(t, c, "SELECT v FROM kept"); got != "still here" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("postgis", func(t *testing.T) {
		got := query(t, c, "CREATE EXTENSION IF NOT EXISTS postgis; SELECT postgis_lib_version()")
		if !strings.HasPrefix(got, "3.") {
			t.Errorf("postgis version %q", got)
		}
	})
}

func TestClusterTwoDataDirs(t *testing.T) {
	a, b := startCluster(t), startCluster(t)
	sa, sb := a.Status(), b.Status()
	if sa.Port == sb.Port || sa.SocketDir == sb.SocketDir || sa.PID == sb.PID {
		t.Fatalf("clusters clash: %+v vs %+v", sa, sb)
	}
	query(t, a, "CREATE TABLE only_in_a (x int) ; SELECT 'ok'")
	if got := query(t, b, "SELECT count(*)::text FROM pg_tables WHERE tablename = 'only_in_a'"); got != "0" {
		t.Errorf("cluster b sees a's table")
	}
}

func TestClusterRunsUnprivileged(t *testing.T) {
	c := startCluster(t)
	b, err := os.ReadFile("/proc/" + strconv.Itoa(c.Status().PID) + "/status")
	if err != nil {
		t.Skip("no /proc:", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "Uid:") {
			uid := strings.Fields(line)[1]
			if uid == "0" {
				t.Fatal("PostgreSQL runs as root")
			}
			if os.Geteuid() == 0 {
				t.Logf("running as root; server runs as uid %s", uid)
			}
			return
		}
	}
	t.Fatal("no Uid line")
}

// TestClusterMovedDataDir: a data directory moved elsewhere (a backup
// restored to a new path) starts there with its socket beside it and
// its data, though initdb wrote the first path into postgresql.conf.
func TestClusterMovedDataDir(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	from, to := filepath.Join(base, "first"), filepath.Join(base, "moved")
	c, err := cluster.New(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	query(t, c, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('moved along'); SELECT 'ok'")
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
	m, err := cluster.New(to)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ctx); err != nil {
		t.Fatalf("start of the moved data directory: %v", err)
	}
	t.Cleanup(func() { m.Stop(context.Background()) })
	if got := query(t, m, "SELECT v FROM kept"); got != "moved along" {
		t.Errorf("moved cluster: got %q", got)
	}
	if sd := m.Status().SocketDir; !strings.HasPrefix(sd, to) {
		t.Errorf("socket directory %s, want one inside %s", sd, to)
	}
}
