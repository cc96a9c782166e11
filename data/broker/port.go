package broker

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

// A directory keeps its broker's port, as the cluster's does: the first
// start picks a free one and writes it to Dir/port; later starts reuse it
// (detectors configured with it reach the broker again after a restart),
// unless something else has taken it meanwhile.

func (b *Broker) portFile() string { return filepath.Join(b.Dir, "port") }

// StoredPort is the port kept in the directory, 0 if none is.
func (b *Broker) StoredPort() int {
	data, err := os.ReadFile(b.portFile())
	if err != nil {
		return 0
	}
	p, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || p <= 0 || p > 65535 {
		return 0
	}
	return p
}

// choosePort returns the stored port if it is free, else a new free port,
// which it stores.
func (b *Broker) choosePort() (int, error) {
	if p := b.StoredPort(); p != 0 {
		if portFree(p) {
			return p, nil
		}
		b.logf("port %d of the broker in %s is taken; choosing another", p, b.Dir)
	} else if _, err := os.Stat(b.portFile()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("reading the broker's port: %w", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	p := l.Addr().(*net.TCPAddr).Port
	l.Close()
	if err := os.WriteFile(b.portFile(), []byte(strconv.Itoa(p)+"\n"), 0o644); err != nil {
		return 0, fmt.Errorf("storing the broker's port: %w", err)
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
