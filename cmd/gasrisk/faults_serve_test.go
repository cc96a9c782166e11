package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data/cluster"
	"gasrisk/data/importer"
	"gasrisk/synth"
)

// ownCluster loads a small analysed city into an embedded cluster of its
// own (GASRISK_DATA_DIR of the test), stopped when the test ends, and
// returns it with a segment id to ask for.
func ownCluster(t *testing.T) (*cluster.Cluster, int64) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("DATABASE_URL", "")
	t.Setenv("GASRISK_DATA_DIR", filepath.Join(dir, "data"))
	city := filepath.Join(dir, "city")
	if _, err := synth.Generate(context.Background(), synth.Config{Segments: 300, Seed: 5}, city, nil); err != nil {
		t.Fatal(err)
	}
	c, err := cluster.New(filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop(context.Background()) })
	for _, l := range importer.Order() {
		if code, out, errs := cli(t, "import", l, filepath.Join(city, l+".geojson"), "--replace"); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", l, code, out, errs)
		}
	}
	if code, out, errs := cli(t, "analyze", "--as-of", "2026-01-01"); code != 0 {
		t.Fatalf("analyze: exit %d\n%s%s", code, out, errs)
	}
	url, err := c.URL()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var id int64
	if err := conn.QueryRow(context.Background(), `SELECT min(segment_id) FROM segments`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return c, id
}

// startServe runs `gasrisk serve` in this process until the test ends and
// returns its base URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- run(ctx, &app{stdout: io.Discard, stderr: tlog{t}}, append([]string{"serve", "--addr", addr}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d", code)
		}
	})
	base := "http://" + addr
	for i := 0; i < 300; i++ {
		if status(base+"/healthz") == http.StatusOK {
			return base
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("serve did not come up")
	return ""
}

// quietLog discards the server's log of the failed requests during the
// test.
func quietLog(t *testing.T) {
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
}

var client = &http.Client{Timeout: 10 * time.Second}

// status GETs url and returns the status code, 0 if there was no answer.
func status(url string) int {
	resp, err := client.Get(url)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeRecoversWithoutTheWatcher: with the watcher off, /readyz says
// 503 for as long as the cluster is down, and once someone starts it
// again the pool reconnects to the same port by itself.
func TestServeRecoversWithoutTheWatcher(t *testing.T) {
	c, id := ownCluster(t)
	quietLog(t)
	base := startServe(t, "--db-watch", "0")
	seg := fmt.Sprintf("%s/api/v1/segments/%d", base, id)
	if got := status(seg); got != http.StatusOK {
		t.Fatalf("before the crash: segment %d", got)
	}
	if err := syscall.Kill(c.Status().PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	for i := 0; i < 10; i++ {
		if got := status(base + "/readyz"); got != http.StatusServiceUnavailable {
			t.Fatalf("readyz %d while the database is down, want 503", got)
		}
		if got := status(seg); got < 500 {
			t.Fatalf("segment %d while the database is down", got)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for status(seg) != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("the pool did not reconnect within 60 s of the restart")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got := status(base + "/readyz"); got != http.StatusOK {
		t.Errorf("readyz %d after the restart", got)
	}
}

// outage is what the load saw of a crash.
type outage struct {
	mu          sync.Mutex
	failed      int           // data requests that failed
	lastFailure time.Duration // after the kill
	readyDown   int           // /readyz 503 answers
	readyLied   int           // /readyz 200 while the server was down before and after asking
	okInARow    int           // data requests that succeeded since the last failure
}

// TestServeRecoversFromADatabaseCrash kills the postmaster under load:
// serve's watcher brings the cluster back on its port and requests
// succeed again, serve never restarting; /readyz says 503 meanwhile.
func TestServeRecoversFromADatabaseCrash(t *testing.T) {
	c, id := ownCluster(t)
	quietLog(t)
	base := startServe(t, "--db-watch", "1s")
	seg := fmt.Sprintf("%s/api/v1/segments/%d", base, id)
	before := c.Status()
	var o outage
	var killed atomic.Int64 // unix nanos of the kill, 0 before
	since := func() time.Duration { return time.Since(time.Unix(0, killed.Load())) }
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				time.Sleep(10 * time.Millisecond) // clients wait a little between requests
				got := status(seg)
				if killed.Load() == 0 {
					continue
				}
				o.mu.Lock()
				if got != http.StatusOK {
					o.failed++
					o.lastFailure = since()
					o.okInARow = 0
				} else {
					o.okInARow++
				}
				o.mu.Unlock()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if killed.Load() == 0 {
				continue
			}
			down := !c.Status().Running
			got := status(base + "/readyz")
			o.mu.Lock()
			if got == http.StatusServiceUnavailable {
				o.readyDown++
			}
			if got == http.StatusOK && down && !c.Status().Running {
				o.readyLied++
			}
			o.mu.Unlock()
		}
	}()
	time.Sleep(time.Second) // the load runs
	killed.Store(time.Now().UnixNano())
	t.Logf("%s kill", time.Now().Format("15:04:05.000"))
	if err := syscall.Kill(before.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// Recovered: the server runs again and 100 requests in a row succeed.
	deadline := time.Now().Add(60 * time.Second)
	for {
		time.Sleep(200 * time.Millisecond)
		o.mu.Lock()
		ok := o.okInARow
		o.mu.Unlock()
		if st := c.Status(); st.Running && st.PID != before.PID && ok >= 100 && status(base+"/readyz") == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not recovered within 60 s of the kill: status %+v, %d failed, %d ok since", c.Status(), o.failed, ok)
		}
	}
	close(stop)
	wg.Wait()
	o.mu.Lock()
	defer o.mu.Unlock()
	t.Logf("postmaster killed: %d requests failed, the last %v after the kill; /readyz said 503 %d times",
		o.failed, o.lastFailure.Round(10*time.Millisecond), o.readyDown)
	if after := c.Status(); after.Port != before.Port {
		t.Errorf("the cluster came back on port %d, was %d", after.Port, before.Port)
	}
	if o.failed == 0 || o.readyDown == 0 {
		t.Errorf("the load saw no outage (%d failures, %d readyz 503): did the kill happen?", o.failed, o.readyDown)
	}
	if o.readyLied > 0 {
		t.Errorf("/readyz said ready %d times while the database was down", o.readyLied)
	}
	for i := 0; i < 50; i++ {
		if got := status(seg); got != http.StatusOK {
			t.Fatalf("after recovering: segment %d", got)
		}
	}
}

// tlog writes what serve says on stderr (the watcher's restarts) to the
// test's log, with the time.
type tlog struct{ t *testing.T }

func (l tlog) Write(b []byte) (int, error) {
	l.t.Logf("%s %s", time.Now().Format("15:04:05.000"), b)
	return len(b), nil
}
