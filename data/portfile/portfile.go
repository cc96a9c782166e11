// Package portfile keeps the TCP port of a local server that gasrisk
// starts (the embedded PostgreSQL cluster, the MQTT broker) in a file of
// the server's directory: the first start picks a free port on 127.0.0.1
// and stores it; later starts reuse it, so that a client which dialled the
// server before a restart (a connection pool, a detector) reaches it
// again after. Only a port that something else has taken meanwhile is
// replaced by a new free one.
package portfile

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strconv"
	"strings"
)

// Stored returns the port kept in the file at path, 0 if none is.
func Stored(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	p, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || p <= 0 || p > 65535 {
		return 0
	}
	return p
}

// Choose returns the port stored at path if it is free, else a new free
// port, which it stores. taken, if not nil, hears of a stored port that
// something else holds.
func Choose(path string, taken func(port int)) (int, error) {
	if p := Stored(path); p != 0 {
		if Free(p) {
			return p, nil
		}
		if taken != nil {
			taken(p)
		}
	} else if _, err := os.Stat(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("reading the port: %w", err)
	}
	p, err := pick()
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(path, []byte(strconv.Itoa(p)+"\n"), 0o644); err != nil {
		return 0, fmt.Errorf("storing the port: %w", err)
	}
	return p, nil
}

// Free reports whether a TCP listener can bind 127.0.0.1:p.
func Free(p int) bool {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// pick asks the kernel for a free localhost TCP port.
func pick() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
