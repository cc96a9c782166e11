package datatest

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gasrisk/data/cluster"
)

// ownerFile names the test process that started a test cluster.
const ownerFile = "owner.pid"

// claim records this process as the owner of a test cluster's directory.
func claim(dir string) error {
	return os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o644)
}

// reapOrphans stops and removes the test clusters whose owning test
// process is gone (killed by a timeout or a signal before it could stop
// its cluster): a crashed or interrupted run leaves nothing behind for
// long. Directories without an owner file are left alone.
func reapOrphans() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "gasrisk-test-*"))
	for _, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid == os.Getpid() || alive(pid) {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		if c, err := cluster.New(dir); err == nil {
			if err := c.Stop(ctx); err != nil {
				slog.Warn("datatest: stopping an orphaned test cluster failed", "dir", dir, "err", err)
			}
		}
		cancel()
		os.RemoveAll(dir)
	}
}

// alive reports whether a process exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// fuzzWorker reports whether this test binary is a fuzzing worker: those
// must not start a cluster (one per worker, never stopped when the
// coordinator ends them). Fuzz targets are pure.
func fuzzWorker() bool {
	f := flag.Lookup("test.fuzzworker")
	return f != nil && f.Value.String() == "true"
}
