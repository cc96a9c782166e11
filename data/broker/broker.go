// Package broker runs a private MQTT broker — Debian's mosquitto — under
// one directory, on loopback: the broker live detectors publish their
// readings to when gasrisk runs the demo or its tests, started and stopped
// as a child process the way package cluster runs PostgreSQL. It knows
// nothing of gas networks.
package broker

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Broker is a mosquitto process kept under Dir: its configuration
// (mosquitto.conf), its port (port, kept across restarts like the
// cluster's) and its log (mosquitto.log).
type Broker struct {
	// Dir holds the broker's files.
	Dir string
	// Bin is the mosquitto executable.
	Bin string
	// Log receives progress messages (may be nil).
	Log func(format string, args ...any)

	mu   sync.Mutex
	cmd  *exec.Cmd
	port int
	done chan struct{} // closed when the process has exited
}

// New returns the broker kept in dir, using the mosquitto found by
// FindBin.
func New(dir string) (*Broker, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	bin, err := FindBin()
	if err != nil {
		return nil, err
	}
	return &Broker{Dir: abs, Bin: bin}, nil
}

// FindBin locates mosquitto: $GASRISK_MOSQUITTO, then the PATH, then
// Debian's /usr/sbin/mosquitto.
func FindBin() (string, error) {
	if b := os.Getenv("GASRISK_MOSQUITTO"); b != "" {
		return b, nil
	}
	if b, err := exec.LookPath("mosquitto"); err == nil {
		return b, nil
	}
	if _, err := os.Stat("/usr/sbin/mosquitto"); err == nil {
		return "/usr/sbin/mosquitto", nil
	}
	return "", errors.New("mosquitto not found (install Debian's mosquitto package, or set GASRISK_MOSQUITTO)")
}

func (b *Broker) confFile() string { return filepath.Join(b.Dir, "mosquitto.conf") }
func (b *Broker) logFile() string  { return filepath.Join(b.Dir, "mosquitto.log") }

func (b *Broker) logf(format string, args ...any) {
	if b.Log != nil {
		b.Log(format, args...)
	}
}

// config is the broker's configuration: one listener on loopback, no
// persistence (a reading not yet acknowledged is sent again by its
// publisher), anonymous clients (only this machine reaches it), room for
// bursts of QoS 1 messages. The queue of a subscriber that falls behind
// (a burst faster than the database stores, or the database down) holds
// up to 5,000,000 messages, some eight hours of 10,000 detectors at one
// reading a minute and at most ≈ 1.5 GB of the broker's memory; mosquitto
// drops what comes beyond it, so the limit is set far above any burst
// the ingest benchmark measures (its default of 1,000, and this file's
// earlier 100,000, lost readings of a one-minute burst at 18,000/s). Run
// as root, mosquitto drops to its own account; it needs no file of Dir
// after reading this one.
func config(port int) string {
	return fmt.Sprintf(`# written by gasrisk
listener %d 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
log_type error
log_type warning
log_type notice
max_queued_messages 5000000
max_inflight_messages 1000
`, port)
}

// Start writes the configuration and starts mosquitto, returning once it
// accepts connections (ctx bounds the wait). The process runs until Stop
// is called or this process dies.
func (b *Broker) Start(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cmd != nil {
		return nil
	}
	if err := os.MkdirAll(b.Dir, 0o755); err != nil {
		return fmt.Errorf("broker dir: %w", err)
	}
	port, err := b.choosePort()
	if err != nil {
		return err
	}
	if err := os.WriteFile(b.confFile(), []byte(config(port)), 0o644); err != nil {
		return err
	}
	logf, err := os.OpenFile(b.logFile(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(b.Bin, "-c", b.confFile())
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Dir = b.Dir
	// Its own process group (a Ctrl-C reaches gasrisk, which stops it),
	// and a SIGTERM should gasrisk die without stopping it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("starting mosquitto: %w", err)
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		logf.Close()
		close(done)
	}()
	b.cmd, b.port, b.done = cmd, port, done
	b.logf("starting mosquitto on 127.0.0.1:%d (%s)", port, b.Dir)
	if err := b.waitReady(ctx); err != nil {
		b.stopLocked()
		return err
	}
	return nil
}

// waitReady polls the port until the broker accepts a connection, it
// exits, or 10 seconds pass.
func (b *Broker) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for {
		c, err := net.DialTimeout("tcp", b.addr(), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		select {
		case <-b.done:
			return fmt.Errorf("mosquitto exited on start:\n%s", tail(b.logFile(), 10))
		case <-ctx.Done():
			return fmt.Errorf("mosquitto did not accept connections on %s: %w\n%s", b.addr(), ctx.Err(), tail(b.logFile(), 10))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (b *Broker) addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(b.port)) }

// Addr is the broker's address HOST:PORT ("" when not started).
func (b *Broker) Addr() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cmd == nil {
		return ""
	}
	return b.addr()
}

// URL is the broker's address for MQTT clients, tcp://HOST:PORT.
func (b *Broker) URL() string { return "tcp://" + b.Addr() }

// Done is closed when the broker process has exited.
func (b *Broker) Done() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.done
}

// Stop stops the broker (SIGTERM, then SIGKILL after 5 s); stopping a
// stopped broker is not an error.
func (b *Broker) Stop() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stopLocked()
}

func (b *Broker) stopLocked() error {
	if b.cmd == nil {
		return nil
	}
	cmd, done := b.cmd, b.done
	b.cmd = nil
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-done
	}
	return nil
}

// tail returns the last n lines of a file, for error messages.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
