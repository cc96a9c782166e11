package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"gasrisk/data"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/synth"
)

func TestNoArgumentsIsAUsageError(t *testing.T) {
	code, out, errs := cli(t)
	if code != 2 || out != "" || !strings.Contains(errs, "Usage: gasrisk COMMAND") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := cli(t, "version")
	if code != 0 || !strings.HasPrefix(out, "gasrisk ") || !strings.Contains(out, "built with go") {
		t.Errorf("exit %d\n%s", code, out)
	}
	tests := []struct {
		name     string
		settings map[string]string
		want     string
	}{
		{"clean checkout", map[string]string{"vcs.revision": "9b4481b1", "vcs.time": "2026-12-06T07:09:10Z", "vcs.modified": "false"},
			"revision 9b4481b1 (2026-12-06T07:09:10Z)"},
		{"uncommitted changes", map[string]string{"vcs.revision": "9b4481b1", "vcs.modified": "true"}, "revision 9b4481b1+dirty\n"},
		{"no vcs", nil, "revision unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bi := &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: "gasrisk", Version: "v0.0.0-20261206070910-9b4481b17fca"}}
			for k, v := range tt.settings {
				bi.Settings = append(bi.Settings, debug.BuildSetting{Key: k, Value: v})
			}
			var b strings.Builder
			writeVersion(&b, bi)
			if !strings.Contains(b.String(), tt.want) || !strings.Contains(b.String(), "gasrisk v0.0.0-20261206070910-9b4481b17fca") {
				t.Errorf("got\n%s\nwant %q", b.String(), tt.want)
			}
		})
	}
}

// TestFlagErrorsNameFlagsAsTyped: parse errors write --name (and -o) as
// the usage texts do, not the flag package's -name.
func TestFlagErrorsNameFlagsAsTyped(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none") // refused before the database is needed
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"analyze", "--frob"}, "flag provided but not defined: --frob"},
		{[]string{"hazards", "list", "--limit", "x"}, `invalid value "x" for flag --limit`},
		{[]string{"export", "segments", "-o"}, "flag needs an argument: -o"},
		{[]string{"db", "url", "--form", "json"}, `--form "json": want url or keyword`},
		{[]string{"import", "pipes", "x.geojson", "--set", "colour=red"}, `--set colour: pipes has no attribute "colour"`},
		{[]string{"import", "pipes", "x.geojson", "--set", "material"}, `--set "material": want field=value`},
		{[]string{"export", "segments", "--bbox", "1,2,3"}, `--bbox "1,2,3": want 4 numbers W,S,E,N`},
		{[]string{"hazards", "print", "--dpi", "20"}, "--dpi 20: want 72–300"},
		{[]string{"hazards", "print", "--size", "A0"}, `--size "A0": want A4 or A3`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errs := cli(t, tt.args...)
			if code != 2 || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q, want 2 and %q", code, errs, tt.want)
			}
		})
	}
}

// TestMakeRunPort: make run takes PORT or ADDR (make -n prints what it
// would run).
func TestMakeRunPort(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
	for vars, want := range map[string]string{"": "demo --addr 127.0.0.1:8080", "PORT=9090": "demo --addr 127.0.0.1:9090",
		"ADDR=0.0.0.0:7000": "demo --addr 0.0.0.0:7000"} {
		args := []string{"-n", "-C", "../..", "run"}
		if vars != "" {
			args = append(args, vars)
		}
		out, err := exec.Command("make", args...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "bin/gasrisk "+want+"\n") {
			t.Errorf("make %v: %v\n%s", args, err, out)
		}
	}
}

// takenPort holds a loopback port for the test and returns its address.
func takenPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String()
}

// TestPortTakenFailsFirst: serve and demo refuse a port in use before they
// open the database, generate or import anything.
func TestPortTakenFailsFirst(t *testing.T) {
	addr := takenPort(t)
	dataDir := t.TempDir()
	t.Setenv("GASRISK_DATA_DIR", dataDir)
	t.Setenv("DATABASE_URL", "") // the embedded cluster: demo would initialise it in dataDir
	for _, args := range [][]string{{"serve", "--addr", addr}, {"demo", "--addr", addr, "--segments", "50"}} {
		t.Run(args[0], func(t *testing.T) {
			code, out, errs := cli(t, args...)
			if code != 1 || !strings.Contains(errs, "cannot listen on "+addr) || !strings.Contains(errs, "address already in use") {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errs)
			}
			if strings.Contains(out, "serving") {
				t.Errorf("announced serving on a port it could not take:\n%s", out)
			}
			if entries, _ := os.ReadDir(dataDir); len(entries) != 0 {
				t.Errorf("%s started work before checking the port: %s holds %v", args[0], dataDir, entries)
			}
		})
	}
}

// lineWriter hands stdout over line by line while the command runs.
type lineWriter struct{ w *io.PipeWriter }

func (l lineWriter) Write(p []byte) (int, error) { return l.w.Write(p) }

// TestDemoServesOnThePortGiven: demo loads every layer with progress,
// analyses, then says where it serves once listening there.
func TestDemoServesOnThePortGiven(t *testing.T) {
	t.Setenv("DATABASE_URL", env.URL(t))
	t.Setenv("GASRISK_DATA_DIR", t.TempDir()) // the sample city goes here
	pr, pw := io.Pipe()
	var errb syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, &app{stdout: lineWriter{pw}, stderr: &errb}, []string{"demo", "--addr", "127.0.0.1:0", "--segments", "200"})
		pw.Close()
	}()
	var lines []string
	var url string
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if u, ok := strings.CutPrefix(sc.Text(), "serving the sample city on "); ok {
			url = strings.Fields(u)[0]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if url == "" {
		t.Fatalf("no serving line (exit %d?)\n%s\n%s", len(done), strings.Join(lines, "\n"), errb.String())
	}
	out := strings.Join(lines, "\n")
	for _, l := range importer.Order() {
		if !strings.Contains(out, " "+l+" (read ") {
			t.Errorf("demo did not import %s:\n%s", l, out)
		}
	}
	if !strings.Contains(out, "analysis run 1") {
		t.Errorf("no analysis summary before serving:\n%s", out)
	}
	if e := errb.String(); !strings.Contains(e, "pipes: read") || !strings.Contains(e, "analyze: ") {
		t.Errorf("demo showed no import and analysis progress:\n%s", e)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0/") {
		t.Errorf("serving line names %s, not the port taken", url)
	}
	for _, path := range []string{"healthz", "", "api/v1/stats"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET /%s: %s", path, resp.Status)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("demo exit %d after Ctrl-C\n%s", code, errb.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("demo did not stop when its context ended")
	}
}

// TestImportDirAndAnalyzeWarnings: analyze warns while buildings and
// sewers are missing; import-dir loads every layer gen writes.
func TestImportDirAndAnalyzeWarnings(t *testing.T) {
	t.Setenv("DATABASE_URL", env.URL(t))
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Config{Segments: 200, Seed: 5}, dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"districts", "pipes"} {
		if code, out, errs := cli(t, "import", l, filepath.Join(dir, l+".geojson")); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", l, code, out, errs)
		}
	}
	code, _, errs := cli(t, "analyze", "--as-of", "2026-06-30")
	if code != 0 || !strings.Contains(errs, "warning: no buildings imported") || !strings.Contains(errs, "warning: no sewers imported") {
		t.Fatalf("analyze without buildings and sewers: exit %d\n%s", code, errs)
	}
	code, out, errs := cli(t, "import-dir", dir, "--replace")
	if code != 0 {
		t.Fatalf("import-dir: exit %d\n%s%s", code, out, errs)
	}
	var got []string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 4 && f[1] == "imported" {
			got = append(got, f[3])
		}
	}
	if strings.Join(got, " ") != strings.Join(importer.Order(), " ") {
		t.Errorf("import-dir imported %v, want %v in that order\n%s", got, importer.Order(), out)
	}
	if !strings.Contains(out, "predates this import") {
		t.Errorf("no note that the analysis is stale:\n%s", out)
	}
	code, _, errs = cli(t, "analyze", "--as-of", "2026-06-30")
	if code != 0 || strings.Contains(errs, "warning") {
		t.Errorf("analyze of the whole city: exit %d\n%s", code, errs)
	}
	if code, _, errs := cli(t, "import-dir", t.TempDir()); code != 1 || !strings.Contains(errs, "holds no layer file") {
		t.Errorf("empty dir: exit %d %s", code, errs)
	}
}

// TestCLIImportSetOnBareFile: a network published without attributes
// loads with --set constants and the pressure default, which is warned.
func TestCLIImportSetOnBareFile(t *testing.T) {
	t.Setenv("DATABASE_URL", env.URL(t))
	x, y := 529000.0, 3387000.0
	var fs []datatest.Feature
	for i := range 3 {
		fs = append(fs, datatest.Feature{Geom: datatest.Line(x, y+float64(10*i), x+40, y+float64(10*i))})
	}
	file := datatest.WriteGeoJSON(t, "bare.geojson", 4547, fs)
	code, out, errs := cli(t, "import", "pipes", file, "--set", "material=steel", "--set", "INSTALL_YEAR=1990")
	if code != 0 || !strings.Contains(out, "imported 3 pipes") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "warning: "+file+": 3 of the pipes have neither pressure_class nor pressure_mpa: taken as MPA") {
		t.Errorf("no pressure warning:\n%s", errs)
	}
	db, err := data.Open(context.Background(), data.Config{URL: os.Getenv("DATABASE_URL")})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var stored string
	err = db.Pool.QueryRow(context.Background(), `SELECT string_agg(id || ' ' || material || ' ' || install_year || ' ' || pressure_class, '; ' ORDER BY id) FROM pipes`).Scan(&stored)
	if want := "pipes-1 steel 1990 MPA; pipes-2 steel 1990 MPA; pipes-3 steel 1990 MPA"; err != nil || stored != want {
		t.Errorf("stored %q (%v), want %q", stored, err, want)
	}
}

// syncBuffer is a bytes.Buffer safe for a command writing in another
// goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
