package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gasrisk/data/importer"
	"gasrisk/synth"
)

// TestCLITopologyAndIsolate checks and traces a generated city through the
// commands: the report parses, and an isolation at a pipe of the city
// names valves to close.
func TestCLITopologyAndIsolate(t *testing.T) {
	t.Setenv("DATABASE_URL", env.URL(t))
	dir := t.TempDir()
	if _, err := synth.Generate(context.Background(), synth.Config{Segments: 300, Seed: 5, Connected: true}, dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, l := range importer.Order() {
		if code, out, errs := cli(t, "import", l, filepath.Join(dir, l+".geojson"), "--replace"); code != 0 {
			t.Fatalf("import %s: exit %d\n%s%s", l, code, out, errs)
		}
	}
	code, out, errs := cli(t, "topology", "--format", "json")
	var rep struct {
		Pipes, Junctions int
		Dangles          []any
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Pipes == 0 || rep.Junctions >= 2*rep.Pipes {
		t.Fatalf("topology: exit %d, %+v (junctions must be fewer than pipe ends: the pipes meet)\n%.500s%s", code, rep, out, errs)
	}
	if code, out, _ := cli(t, "topology"); code != 0 || !strings.Contains(out, "class changes:") {
		t.Errorf("topology text: exit %d\n%s", code, out)
	}
	// A point on the middle of the longest MPA pipe (a main with valves).
	b, err := os.ReadFile(filepath.Join(dir, "pipes.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties map[string]any
			Geometry   struct{ Coordinates [][]float64 }
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	var pt []float64
	for _, f := range fc.Features {
		if f.Properties["pressure_class"] == "MPA" && f.Properties["status"] == "in_service" && len(f.Geometry.Coordinates) >= 4 {
			pt = f.Geometry.Coordinates[len(f.Geometry.Coordinates)/2]
			break
		}
	}
	if pt == nil {
		t.Fatal("no MPA pipe in the city")
	}
	code, out, errs = cli(t, "isolate", "--point", fmt.Sprintf("%.7f,%.7f", pt[0], pt[1]), "--format", "json")
	var iso struct {
		Valves   []struct{ ID string }
		Isolated []string `json:"isolated_pipes"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &iso) != nil || len(iso.Valves) == 0 || len(iso.Isolated) == 0 {
		t.Fatalf("isolate: exit %d %+v\n%.800s%s", code, iso, out, errs)
	}
	if code, out, _ := cli(t, "isolate", "--point", fmt.Sprintf("%.7f,%.7f", pt[0], pt[1])); code != 0 || !strings.Contains(out, "close ") {
		t.Errorf("isolate text: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"isolate"}, {"isolate", "--point", "114"}, {"isolate", "--segment", "1", "--hazard", "2"}} {
		if code, _, errs := cli(t, args...); code != 2 || !strings.Contains(errs, "--") {
			t.Errorf("%v: exit %d %q, want a usage error", args, code, errs)
		}
	}
	if code, _, errs := cli(t, "isolate", "--point", "0,0"); code == 0 || !strings.Contains(errs, "no in-service gas pipe within 50 m") {
		t.Errorf("isolate far away: exit %d %q", code, errs)
	}
}
