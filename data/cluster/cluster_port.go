package cluster

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A data directory keeps its port: the first start picks a free one and
// writes it to Dir/port, and later starts reuse it, so that a client
// which dialled the cluster before a restart (a connection pool) reaches
// it again after. Only a port that something else has taken meanwhile is
// replaced by a new free one.

func (c *Cluster) portFile() string { return filepath.Join(c.Dir, "port") }

// StoredPort is the port kept in the data directory, 0 if none is.
func (c *Cluster) StoredPort() int {
	b, err := os.ReadFile(c.portFile())
	if err != nil {
		return 0
	}
	p, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || p <= 0 || p > 65535 {
		return 0
	}
	return p
}

// choosePort returns the stored port if it is free, else a new free port,
// which it stores.
func (c *Cluster) choosePort() (int, error) {
	if p := c.StoredPort(); p != 0 {
		if portFree(p) {
			return p, nil
		}
		c.logf("port %d of %s is taken; choosing another", p, c.Dir)
	} else if _, err := os.Stat(c.portFile()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("reading the cluster's port: %w", err)
	}
	p, err := freePort()
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(c.portFile(), []byte(strconv.Itoa(p)+"\n"), 0o644); err != nil {
		return 0, fmt.Errorf("storing the cluster's port: %w", err)
	}
	return p, nil
}

// portFree reports whether a TCP listener can bind 127.0.0.1:p.
func portFree(p int) bool {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// freePort asks the kernel for a free localhost TCP port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
