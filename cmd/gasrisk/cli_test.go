package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"gasrisk/synth"
)

var env *datatest.Env

// TestMain runs the tests, or, when the kill tests start the test binary
// as a gasrisk process of its own (gasriskProcess), the command.
func TestMain(m *testing.M) {
	if os.Getenv(beGasrisk) == "1" {
		main()
		return
	}
	os.Exit(datatest.Main(m, &env))
}

// cli runs the binary's command dispatcher and returns exit code, stdout
// and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), &app{stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestHelpDocumentsEveryCommandAndFlag(t *testing.T) {
	code, out, _ := cli(t, "help")
	if code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, c.name) {
			t.Errorf("help lacks %s", c.name)
		}
		code, cout, _ := cli(t, "help", c.name)
		if code != 0 || !strings.Contains(cout, "Usage: gasrisk "+c.name) {
			t.Errorf("help %s: exit %d\n%s", c.name, code, cout)
		}
		var errb bytes.Buffer
		if code := run(context.Background(), &app{stdout: &errb, stderr: &errb}, []string{c.name, "-h"}); code != 0 {
			t.Errorf("%s -h exit %d", c.name, code)
		}
	}
	if code, _, errs := cli(t, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: exit %d %q", code, errs)
	}
}

func TestCLIImportAnalyzeExport(t *testing.T) {
	t.Setenv("DATABASE_URL", env.URL(t))
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Config{Segments: 300, Seed: 3}, dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, l := range importer.Order() {
		code, out, errs := cli(t, "import", filepath.Join(dir, l+".geojson"), l, "--replace")
		if code != 2 || !strings.Contains(errs, "unknown layer") {
			// FILE LAYER order is wrong on purpose: it must be refused as usage
			t.Errorf("swapped arguments: exit %d %q %q", code, out, errs)
		}
		code, out, errs = cli(t, "import", l, filepath.Join(dir, l+".geojson"), "--replace")
		if code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", l, code, out, errs)
		}
	}
	if code, out, errs := cli(t, "analyze", "--as-of", "2026-01-01"); code != 0 || !strings.Contains(out, "grade") {
		t.Fatalf("analyze: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := cli(t, "analyze", "--as-of", "yesterday"); code != 2 || !strings.Contains(errs, "YYYY-MM-DD") {
		t.Errorf("bad --as-of: exit %d %q", code, errs)
	}
	out := filepath.Join(dir, "red.geojson")
	if code, _, errs := cli(t, "export", "segments", "--grade", "red,orange", "-o", out); code != 0 {
		t.Fatalf("export: exit %d %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct{ Properties map[string]any }
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if g := f.Properties["grade"]; g != "red" && g != "orange" {
			t.Fatalf("exported a %v segment with --grade red,orange", g)
		}
		for _, k := range []string{"segment_id", "pipe_id", "score", "occupied", "clearance_violation", "sewer_crossing", "aged", "material", "pressure_class", "install_year", "factors"} {
			if _, ok := f.Properties[k]; !ok {
				t.Fatalf("property %s missing", k)
			}
		}
	}
	csvOut := filepath.Join(dir, "all.csv")
	if code, _, errs := cli(t, "export", "segments", "--format", "csv", "-o", csvOut); code != 0 {
		t.Fatalf("csv export: exit %d %s", code, errs)
	}
	f, err := os.Open(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][0] != "segment_id" || recs[0][len(recs[0])-1] != "wkt" {
		t.Fatalf("csv export: %d records, header %v, %v", len(recs), recs[0], err)
	}
	if !strings.HasPrefix(recs[1][len(recs[1])-1], "LINESTRING") {
		t.Errorf("wkt column %q", recs[1][len(recs[1])-1])
	}
	if code, _, errs := cli(t, "export", "segments", "--grade", "purple"); code != 2 || !strings.Contains(errs, "purple") {
		t.Errorf("bad grade: exit %d %q", code, errs)
	}
	if code, _, errs := cli(t, "export", "segments", "--bbox", "1,2,3"); code != 2 || !strings.Contains(errs, "4 numbers") {
		t.Errorf("bad bbox: exit %d %q", code, errs)
	}
}

func TestServeRefusesNegativeTileCache(t *testing.T) {
	code, _, errs := cli(t, "serve", "--tile-cache-mb", "-1")
	if code != 2 || !strings.Contains(errs, "--tile-cache-mb") {
		t.Errorf("serve --tile-cache-mb -1: exit %d %q, want usage error naming the flag", code, errs)
	}
}
