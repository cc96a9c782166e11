package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data/importer"
	"gasrisk/synth"
)

// beGasrisk, set to 1 in its environment, makes the test binary run as
// gasrisk (TestMain).
const beGasrisk = "GASRISK_TEST_AS_MAIN"

// killedCity is a database with a small analysed city, a connection to
// it and a bigger city's files to import.
type killedCity struct {
	conn *pgx.Conn
	big  string
}

func newKilledCity(t *testing.T) killedCity {
	t.Helper()
	url := env.URL(t)
	t.Setenv("DATABASE_URL", url)
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small"), filepath.Join(dir, "big")
	for _, g := range []struct {
		dir string
		n   int
	}{{small, 300}, {big, 5000}} {
		if _, err := synth.Generate(context.Background(), synth.Config{Segments: g.n, Seed: 7}, g.dir, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range importer.Order() {
		if code, out, errs := cli(t, "import", l, filepath.Join(small, l+".geojson"), "--replace"); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", l, code, out, errs)
		}
	}
	if code, out, errs := cli(t, "analyze", "--as-of", "2026-01-01"); code != 0 {
		t.Fatalf("analyze: exit %d\n%s%s", code, out, errs)
	}
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return killedCity{conn: conn, big: big}
}

// state is what a kill must leave as it was: the layers' rows, the
// current run, its segments and the hazard ledger with its history.
const stateSQL = `SELECT (SELECT count(*) FROM pipes), (SELECT count(*) FROM buildings), (SELECT count(*) FROM imports),
	(SELECT run_id FROM current_run), (SELECT count(*) FROM segments WHERE run_id = (SELECT run_id FROM current_run)),
	(SELECT count(*) FROM hazards), (SELECT count(*) FROM hazard_events)`

type cityState [7]int64

func (k killedCity) state(t *testing.T) cityState {
	t.Helper()
	var s cityState
	err := k.conn.QueryRow(context.Background(), stateSQL).Scan(&s[0], &s[1], &s[2], &s[3], &s[4], &s[5], &s[6])
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// killWhen runs gasrisk with args as a process of its own and kills it
// (SIGKILL) as soon as the query when reports true; it fails the test if
// the process ended first. It then waits until the process's backends
// are gone.
func (k killedCity) killWhen(t *testing.T, when string, args ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), beGasrisk+"=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	ctx := context.Background()
	for {
		select {
		case err := <-exited:
			t.Fatalf("gasrisk %v ended before the kill (%v):\n%s", args, err, out.String())
		default:
		}
		var yes bool
		if err := k.conn.QueryRow(ctx, when).Scan(&yes); err != nil {
			t.Fatal(err)
		}
		if yes {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	deadline := time.Now().Add(60 * time.Second)
	for {
		var n int
		err := k.conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d backends of the killed process still there after 60 s", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestKillDuringImport(t *testing.T) {
	k := newKilledCity(t)
	before := k.state(t)
	for _, l := range []string{"pipes", "buildings"} {
		file := filepath.Join(k.big, l+".geojson")
		k.killWhen(t, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
			AND pid <> pg_backend_pid() AND state = 'active' AND query ILIKE 'COPY%')`, "import", l, file, "--replace")
		if got := k.state(t); got != before {
			t.Fatalf("killed import of %s: state %v, was %v", l, got, before)
		}
	}
	if code, out, errs := cli(t, "import", "pipes", filepath.Join(k.big, "pipes.geojson"), "--replace"); code != 0 {
		t.Fatalf("import after the kill: exit %d\n%s%s", code, out, errs)
	}
	if got := k.state(t); got[0] <= before[0] || got[2] != before[2]+1 {
		t.Errorf("import after the kill: state %v, was %v", got, before)
	}
}

func TestKillDuringAnalyze(t *testing.T) {
	k := newKilledCity(t)
	before := k.state(t)
	k.killWhen(t, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname LIKE 'gasrisk\_run\_%')`, "analyze", "--as-of", "2026-06-01")
	if got := k.state(t); got != before {
		t.Fatalf("killed analysis: state %v, was %v", got, before)
	}
	if code, out, errs := cli(t, "analyze", "--as-of", "2026-06-01"); code != 0 {
		t.Fatalf("analyze after the kill: exit %d\n%s%s", code, out, errs)
	}
	got := k.state(t)
	if got[3] <= before[3] || got[4] == 0 || got[5] < before[5] {
		t.Errorf("analyze after the kill: state %v, was %v", got, before)
	}
	var status, reason string
	err := k.conn.QueryRow(context.Background(), `SELECT status, coalesce(error, '') FROM analysis_runs WHERE id = $1 + 1`, before[3]).Scan(&status, &reason)
	if err != nil || status != "failed" || reason != "interrupted" {
		t.Errorf("the killed run: %s %q %v, want failed \"interrupted\"", status, reason, err)
	}
	var schemas int
	if err := k.conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'gasrisk\_run\_%'`).Scan(&schemas); err != nil || schemas != 0 {
		t.Errorf("%d work schemas left (%v)", schemas, err)
	}
}
