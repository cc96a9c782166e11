package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gasrisk/data"
	"gasrisk/data/access"
	"gasrisk/data/importer"
	"gasrisk/synth"
)

func TestCLIAPIKeys(t *testing.T) {
	url := env.URL(t)
	t.Setenv("DATABASE_URL", url)
	code, out, errs := cli(t, "apikey", "create", "--name", "Firm A", "--role", "permit")
	if code != 0 {
		t.Fatalf("create: exit %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	secret := lines[len(lines)-1]
	if !strings.HasPrefix(secret, "gsk_") || strings.Contains(secret, " ") {
		t.Fatalf("the last line is not the key alone: %q", out)
	}
	db, err := data.Open(context.Background(), data.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keys := access.New(db)
	if k, err := keys.Authenticate(context.Background(), secret); err != nil || k.Name != "Firm A" {
		t.Fatalf("the printed key does not authenticate: %v", err)
	}
	if code, out, _ := cli(t, "apikey", "list"); code != 0 || !strings.Contains(out, "Firm A") || strings.Contains(out, secret) {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	if code, _, errs := cli(t, "apikey", "revoke", "Firm A"); code != 0 {
		t.Errorf("revoke: exit %d %s", code, errs)
	}
	if _, err := keys.Authenticate(context.Background(), secret); err == nil {
		t.Error("a revoked key still authenticates")
	}
	if code, out, _ := cli(t, "apikey", "audit"); code != 0 || !strings.Contains(out, "apikey.revoke") || !strings.Contains(out, "apikey.create") {
		t.Errorf("audit: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{
		{"apikey"}, {"apikey", "create", "--name", "x"}, {"apikey", "frobnicate"}, {"apikey", "revoke"},
	} {
		if code, _, _ := cli(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errs := cli(t, "apikey", "create", "--name", "x", "--role", "root"); code != 1 || !strings.Contains(errs, "role") {
		t.Errorf("unknown role: exit %d %q", code, errs)
	}
}

func TestCLIExportTargetsAndXLSX(t *testing.T) {
	t.Setenv("DATABASE_URL", env.URL(t))
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Config{Segments: 200, Seed: 4}, dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, l := range importer.Order() {
		if code, _, errs := cli(t, "import", l, filepath.Join(dir, l+".geojson")); code != 0 {
			t.Fatalf("import %s: %s", l, errs)
		}
	}
	if code, _, errs := cli(t, "analyze", "--as-of", "2026-06-30"); code != 0 {
		t.Fatalf("analyze: %s", errs)
	}
	xlsx := filepath.Join(dir, "aged.xlsx")
	if code, _, errs := cli(t, "export", "segments", "--format", "xlsx", "--finding", "aged", "--lang", "en", "-o", xlsx); code != 0 {
		t.Fatalf("xlsx: exit %d %s", code, errs)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("segments")
	f.Close()
	if len(rows) < 2 || rows[0][0] != "Segment ID" || !strings.Contains(strings.Join(rows[1], "|"), "aged") {
		t.Errorf("xlsx rows: %d, header %v", len(rows), rows[0])
	}
	for _, target := range []string{"stations", "hazards"} {
		out := filepath.Join(dir, target+".csv")
		if code, _, errs := cli(t, "export", target, "--format", "csv", "--lang", "zh", "-o", out); code != 0 {
			t.Fatalf("%s: %s", target, errs)
		}
		if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "\ufeff") || !strings.Contains(string(b), "POINT") && target == "stations" {
			t.Errorf("%s csv: %.200q", target, b)
		}
	}
	if code, _, errs := cli(t, "export", "segments", "--finding", "haunted", "-o", filepath.Join(dir, "x.geojson")); code != 1 ||
		!strings.Contains(errs, "haunted") {
		t.Errorf("unknown finding: exit %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.geojson")); err == nil {
		t.Error("a refused export left its file behind")
	}
	if code, _, errs := cli(t, "export", "pipes"); code != 2 || !strings.Contains(errs, "segments|stations|hazards") {
		t.Errorf("unknown target: exit %d %q", code, errs)
	}
	if code, _, errs := cli(t, "export", "segments", "--bbox", "120,30,110,31"); code != 2 || !strings.Contains(errs, "west") {
		t.Errorf("W > E: exit %d %q", code, errs)
	}
}
