package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestDBURLKeywordFormOpensInGDAL: the keyword form of "db url" is what
// GDAL's PG: driver (Debian's gdal-bin) connects with.
func TestDBURLKeywordFormOpensInGDAL(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo not installed (gdal-bin)")
	}
	t.Setenv("GASRISK_DATA_DIR", env.Cluster(t).Dir) // the test cluster, running
	t.Setenv("DATABASE_URL", "")
	if code, out, errs := cli(t, "db", "start"); code != 0 || !strings.Contains(out, "embedded database running") {
		t.Fatalf("db start: exit %d\n%s%s", code, out, errs) // migrates its gasrisk database
	}
	code, conn, errs := cli(t, "db", "url", "--form", "keyword")
	conn = strings.TrimSpace(conn)
	if code != 0 || !strings.HasPrefix(conn, "host=") || !strings.Contains(conn, " dbname=gasrisk user=gasrisk") {
		t.Fatalf("db url --form keyword: exit %d %q %s", code, conn, errs)
	}
	out, err := exec.Command("ogrinfo", "-ro", "-so", "PG:"+conn).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "pipes") || !strings.Contains(string(out), "PostgreSQL") {
		t.Errorf("ogrinfo PG:%s: %v\n%s", conn, err, out)
	}
	if code, _, errs := cli(t, "db", "status", "--form", "keyword"); code != 2 || !strings.Contains(errs, "--form belongs to db url") {
		t.Errorf("--form on status: exit %d %s", code, errs)
	}
}

func TestDBStopSaysWhatItDid(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GASRISK_DATA_DIR", dir)
	t.Setenv("DATABASE_URL", "")
	if code, out, errs := cli(t, "db", "start"); code != 0 {
		t.Fatalf("db start: exit %d\n%s%s", code, out, errs)
	}
	t.Cleanup(func() { cli(t, "db", "stop") }) // if the test fails half-way
	code, out, _ := cli(t, "db", "stop")
	if code != 0 || !strings.Contains(out, "stopped the embedded database (pid ") || !strings.Contains(out, "data dir "+dir) {
		t.Errorf("stop: exit %d %q", code, out)
	}
	code, out, _ = cli(t, "db", "stop")
	if code != 0 || !strings.Contains(out, "the embedded database was not running") {
		t.Errorf("second stop: exit %d %q", code, out)
	}
}

// openPTY opens a pseudo-terminal and returns its terminal side.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	var unlock int32
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Skipf("unlockpt: %v", e)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Skipf("ptsname: %v", e)
	}
	tty, err := os.OpenFile("/dev/pts/"+strconv.FormatUint(uint64(n), 10), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pts: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty
}

// TestBinaryNotToTerminal: XLSX and PNG are not written to a terminal;
// the refusal names -o, and comes before the database is opened.
func TestBinaryNotToTerminal(t *testing.T) {
	tty := openPTY(t)
	t.Setenv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none") // never reached
	for _, args := range [][]string{{"export", "segments", "--format", "xlsx"}, {"export", "hazards", "--format", "xlsx", "-o", "-"},
		{"hazards", "print", "-o", "-"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var errb strings.Builder
			code := run(t.Context(), &app{stdout: tty, stderr: &errb}, args)
			if code != 2 || !strings.Contains(errb.String(), "stdout is a terminal: give -o FILE") {
				t.Errorf("exit %d %q", code, errb.String())
			}
		})
	}
}
