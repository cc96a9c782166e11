package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gasrisk/data/importer"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
	"gasrisk/synth"
)

// TestCLIIncremental: after a full analysis, an incremental import of an
// edited pipe and `analyze --pipes` each revise the current run; the
// flags that cannot go with them are refused as usage.
func TestCLIIncremental(t *testing.T) {
	t.Setenv("DATABASE_URL", env.URL(t))
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Config{Segments: 300, Seed: 3}, dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, l := range importer.Order() {
		if code, out, errs := cli(t, "import", l, filepath.Join(dir, l+".geojson"), "--replace"); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", l, code, out, errs)
		}
	}
	if code, out, errs := cli(t, "analyze", "--as-of", "2026-06-30"); code != 0 {
		t.Fatalf("analyze: exit %d\n%s%s", code, out, errs)
	}
	edited, id := editedPipe(t, dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "pipes", edited, "--incremental"}, "revision 1:"},
		{[]string{"import", "pipes", edited, "--incremental"}, "no pipes changed"},
		{[]string{"analyze", "--pipes", id}, "revision 2:"},
		{[]string{"analyze", "--buildings", "no-such-building"}, "revision 3: 0 pipe(s) re-graded"},
	} {
		if code, out, errs := cli(t, c.args...); code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%s: exit %d, want %q in\n%s%s", strings.Join(c.args, " "), code, c.want, out, errs)
		}
	}
	t.Run("a temporary measure re-grades the hazard's pipe", func(t *testing.T) {
		code, out, errs := cli(t, "hazards", "list", "--json", "--limit", "1000", "--state", "open")
		var page ledger.Page
		if code != 0 || json.Unmarshal([]byte(out), &page) != nil {
			t.Fatalf("list: exit %d\n%s", code, errs)
		}
		i := slices.IndexFunc(page.Items, func(h hazard.Entry) bool { return h.Source == "segment" })
		if i < 0 {
			t.Fatal("no open hazard on a pipe")
		}
		code, out, errs = cli(t, "hazards", "move", page.Items[i].Code, "planned", "--measures", "fence off", "--unit", "Ops",
			"--person", "Zhao", "--deadline", "2099-01-31", "--temporary", "guard")
		if code != 0 {
			t.Fatalf("move: exit %d\n%s%s", code, out, errs)
		}
		// the move revised the run (revision 4): the next revision is the 5th
		if code, out, errs := cli(t, "analyze", "--pipes", id); code != 0 || !strings.Contains(out, "revision 5:") {
			t.Errorf("exit %d, want revision 5 after the move's\n%s%s", code, out, errs)
		}
	})
	for _, args := range [][]string{
		{"analyze", "--pipes", id, "--as-of", "2026-01-01"},
		{"analyze", "--pipes", id, "--plan", "p"},
		{"import", "pipes", edited, "--incremental", "--replace"},
	} {
		if code, _, errs := cli(t, args...); code != 2 {
			t.Errorf("%s: exit %d, want 2 (usage)\n%s", strings.Join(args, " "), code, errs)
		}
	}
	if code, _, errs := cli(t, "analyze", "--pipes", id+",NO-SUCH-PIPE"); code == 0 || !strings.Contains(errs, "pipes: no such pipe(s): NO-SUCH-PIPE") {
		t.Errorf("an unknown pipe: exit %d\n%s", code, errs)
	}
}

// editedPipe writes the city's first pipe with another material into a
// file of its own, and returns the file and the pipe's id.
func editedPipe(t *testing.T, dir string) (string, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "pipes.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	var fc map[string]any
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	f := fc["features"].([]any)[0].(map[string]any)
	props := f["properties"].(map[string]any)
	props["material"] = map[bool]string{true: "pe", false: "cast_iron"}[props["material"] == "cast_iron"]
	fc["features"] = []any{f}
	out, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "edited.geojson")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, props["id"].(string)
}
