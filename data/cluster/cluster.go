// Package cluster runs a private PostgreSQL + PostGIS server under one
// directory (initdb, pg_ctl start/stop, an unprivileged OS account when
// run as root): the database gasrisk uses when DATABASE_URL is unset.
// It knows nothing of gas networks.
package cluster

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Cluster is a private PostgreSQL + PostGIS server kept under one data
// directory: the database of the binary when DATABASE_URL is unset.
type Cluster struct {
	// Dir is the gasrisk data directory; the server's files are in Dir/pg.
	Dir string
	// BinDir holds initdb, pg_ctl and postgres.
	BinDir string
	// Log receives progress messages (may be nil).
	Log func(format string, args ...any)
}

// Status describes a cluster as found on disk.
type Status struct {
	Initialised bool
	Running     bool
	PID         int
	Port        int
	SocketDir   string
}

const (
	clusterUser = "gasrisk"
	clusterDB   = "gasrisk"
)

// New returns the cluster kept in dir, using the PostgreSQL binaries
// found by FindPGBin.
func New(dir string) (*Cluster, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	bin, err := FindPGBin()
	if err != nil {
		return nil, err
	}
	return &Cluster{Dir: abs, BinDir: bin}, nil
}

// FindPGBin locates the PostgreSQL server binaries: $GASRISK_PG_BIN, then
// pg_config --bindir, then Debian's /usr/lib/postgresql/15/bin.
func FindPGBin() (string, error) {
	cands := []string{os.Getenv("GASRISK_PG_BIN")}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		cands = append(cands, strings.TrimSpace(string(out)))
	}
	cands = append(cands, "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")
	for _, c := range cands {
		if c == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(c, "pg_ctl")); err == nil {
			return c, nil
		}
	}
	return "", errors.New("PostgreSQL server binaries not found (install postgresql-15 and postgresql-15-postgis-3, or set GASRISK_PG_BIN)")
}

func (c *Cluster) pgData() string  { return filepath.Join(c.Dir, "pg") }
func (c *Cluster) logFile() string { return filepath.Join(c.Dir, "postgres.log") }

// socketDir is Dir/run, or a short directory under the temp dir when that
// path would exceed the 107-byte limit of a unix socket path.
func (c *Cluster) socketDir() string {
	d := filepath.Join(c.Dir, "run")
	if len(d)+len("/.s.PGSQL.65535") < 100 {
		return d
	}
	sum := sha256.Sum256([]byte(c.Dir))
	return filepath.Join(os.TempDir(), "gasrisk-"+hex.EncodeToString(sum[:6]))
}

func (c *Cluster) logf(format string, args ...any) {
	if c.Log != nil {
		c.Log(format, args...)
	}
}

// Status reads the cluster's state from its data directory.
func (c *Cluster) Status() Status {
	var s Status
	if _, err := os.Stat(filepath.Join(c.pgData(), "PG_VERSION")); err == nil {
		s.Initialised = true
	}
	f, err := os.Open(filepath.Join(c.pgData(), "postmaster.pid"))
	if err != nil {
		return s
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) < 5 {
		return s
	}
	s.PID, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	s.Port, _ = strconv.Atoi(strings.TrimSpace(lines[3]))
	s.SocketDir = strings.TrimSpace(lines[4])
	s.Running = alive(s.PID)
	return s
}

// alive reports whether process pid exists and is not a zombie: a
// postmaster killed under a parent that does not reap it (PID 1 of some
// containers) stays in the process table.
func alive(pid int) bool {
	if pid <= 0 || syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return true
	}
	// pid (comm) state ...: comm may hold spaces and parentheses.
	rest := string(b[strings.LastIndexByte(string(b), ')')+1:])
	f := strings.Fields(rest)
	return len(f) == 0 || (f[0] != "Z" && f[0] != "X")
}

// URL is the connection string of the running cluster's gasrisk database.
func (c *Cluster) URL() (string, error) { return c.URLFor(clusterDB) }

// URLFor is the connection string of database db in the running cluster.
func (c *Cluster) URLFor(db string) (string, error) {
	s := c.Status()
	if !s.Running {
		return "", fmt.Errorf("the embedded database in %s is not running (gasrisk db start)", c.Dir)
	}
	return fmt.Sprintf("postgres://%s@/%s?host=%s&port=%d&sslmode=disable", clusterUser, db, s.SocketDir, s.Port), nil
}

// Start initialises the cluster if needed and starts it unless it is already
// running. It is safe to call from several processes at once.
func (c *Cluster) Start(ctx context.Context) error {
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	unlock, err := lockFile(filepath.Join(c.Dir, "cluster.lock"))
	if err != nil {
		return err
	}
	defer unlock()
	if c.Status().Running {
		return nil
	}
	owner, err := serverUser()
	if err != nil {
		return err
	}
	if err := c.prepareDirs(owner); err != nil {
		return err
	}
	if !c.Status().Initialised {
		if err := c.initdb(ctx, owner); err != nil {
			return err
		}
	}
	if err := c.pgctlStart(ctx, owner); err != nil {
		return err
	}
	return c.ensureDatabase(ctx, owner)
}

// Stop shuts the cluster down (fast mode); stopping a stopped cluster is not
// an error.
func (c *Cluster) Stop(ctx context.Context) error {
	if !c.Status().Running {
		return nil
	}
	owner, err := serverUser()
	if err != nil {
		return err
	}
	return c.run(ctx, owner, "pg_ctl", "-D", c.pgData(), "-m", "fast", "-w", "-t", "60", "stop")
}

func (c *Cluster) initdb(ctx context.Context, owner *osUser) error {
	c.logf("initialising embedded PostgreSQL in %s", c.pgData())
	err := c.run(ctx, owner, "initdb", "-D", c.pgData(), "-U", clusterUser, "-A", "trust",
		"-E", "UTF8", "--no-locale", "--no-sync")
	if err != nil {
		if rerr := os.RemoveAll(c.pgData()); rerr != nil {
			slog.Warn("cluster: removing the half-initialised data directory failed", "op", "cluster.Start",
				"dir", c.pgData(), "err", rerr)
		}
		return err
	}
	conf := fmt.Sprintf(`
# written by gasrisk
listen_addresses = '127.0.0.1'
unix_socket_directories = '%s'
unix_socket_permissions = 0777
max_connections = 100
shared_buffers = '512MB'
work_mem = '64MB'
maintenance_work_mem = '1GB'
max_wal_size = '8GB'
checkpoint_timeout = '30min'
wal_level = minimal
max_wal_senders = 0
synchronous_commit = off
jit = off
logging_collector = off
`, c.socketDir())
	f, err := os.OpenFile(filepath.Join(c.pgData(), "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(conf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (c *Cluster) pgctlStart(ctx context.Context, owner *osUser) error {
	port, err := c.choosePort()
	if err != nil {
		return err
	}
	c.clearStaleLock()
	c.logf("starting embedded PostgreSQL on port %d (socket %s)", port, c.socketDir())
	// After a crash the server syncs its data directory before recovery:
	// one syncfs(2) instead of an fsync per file (3 s on a fresh cluster).
	// A backend whose client died (a killed import or analysis) notices
	// within 2 s even inside a long query, and lets go of its locks.
	// The socket directory is given at every start, not only in
	// postgresql.conf: a data directory moved or restored elsewhere
	// starts with its own (initdb wrote the first path into the file).
	err = c.run(ctx, owner, "pg_ctl", "-D", c.pgData(), "-l", c.logFile(), "-w", "-t", "120",
		"-o", fmt.Sprintf("-p %d -k %s -c recovery_init_sync_method=syncfs -c client_connection_check_interval=2s%s",
			port, shellQuote(c.socketDir()), c.preload()), "start")
	if err != nil {
		return fmt.Errorf("%w\n%s", err, tail(c.logFile(), 15))
	}
	return nil
}

// clearStaleLock removes the lock file of a postmaster that is dead but
// not yet reaped: PostgreSQL takes a zombie for a running server and would
// refuse to start until its parent (PID 1 when pg_ctl has exited) reaps it.
// Backends it left behind still hold its shared memory, which PostgreSQL
// checks on its own.
func (c *Cluster) clearStaleLock() {
	s := c.Status()
	if s.PID <= 0 || s.Running || syscall.Kill(s.PID, 0) != nil {
		return
	}
	locks := []string{filepath.Join(c.pgData(), "postmaster.pid")}
	if s.SocketDir != "" && s.Port > 0 {
		locks = append(locks, filepath.Join(s.SocketDir, fmt.Sprintf(".s.PGSQL.%d.lock", s.Port)))
	}
	for _, f := range locks {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			c.logf("removing the lock file of dead postmaster %d: %v", s.PID, err)
		}
	}
}

// ensureDatabase creates the gasrisk database on first start.
func (c *Cluster) ensureDatabase(ctx context.Context, owner *osUser) error {
	marker := filepath.Join(c.pgData(), "gasrisk_db_created")
	if _, err := os.Stat(marker); err == nil {
		return nil
	}
	s := c.Status()
	err := c.run(ctx, owner, "createdb", "-h", s.SocketDir, "-p", strconv.Itoa(s.Port), "-U", clusterUser, clusterDB)
	if err != nil && !strings.Contains(err.Error(), "already exists") {
		return err
	}
	return os.WriteFile(marker, nil, 0o644)
}

// run executes a PostgreSQL binary as owner, returning its output in the
// error when it fails.
func (c *Cluster) run(ctx context.Context, owner *osUser, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, filepath.Join(c.BinDir, name), args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	cmd.Dir = c.Dir
	owner.apply(cmd)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// tail returns the last n lines of a file, for error messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// WaitReady polls until the server accepts connections or ctx ends.
func (c *Cluster) WaitReady(ctx context.Context) error {
	s := c.Status()
	for {
		cmd := exec.CommandContext(ctx, filepath.Join(c.BinDir, "pg_isready"), "-h", s.SocketDir, "-p", strconv.Itoa(s.Port), "-U", clusterUser)
		if cmd.Run() == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// shellQuote quotes s for the shell pg_ctl runs the server's options
// through.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
