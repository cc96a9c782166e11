package main

import (
	"strings"
	"testing"

	"gasrisk/data/datatest"
)

// TestCLIRecord adds field records from the command line, refuses a bad
// one naming the attribute, and lists them.
func TestCLIRecord(t *testing.T) {
	t.Setenv("DATABASE_URL", env.URL(t))
	pipes := datatest.WriteGeoJSON(t, "pipes.geojson", 4547, []datatest.Feature{{Props: map[string]any{"id": "P1", "material": "steel",
		"pressure_class": "MPB"}, Geom: datatest.Line(529000, 3387000, 529100, 3387000)}})
	if code, out, errs := cli(t, "import", "pipes", pipes, "--replace"); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	at := []string{"--lon", "114.3", "--lat", "30.6"}
	code, out, errs := cli(t, append(append([]string{"record", "add", "leaks"}, at...), "found_date=2026-06-01", "leak_class=1", "cause=腐蚀", "pipe_id=P1")...)
	if code != 0 || !strings.Contains(out, "added leaks record L-") {
		t.Fatalf("record add: %d %q %q", code, out, errs)
	}
	code, out, errs = cli(t, append(append([]string{"record", "add", "cp_readings"}, at...), "date=2026-06-01", "potential_mv=-700")...)
	if code == 0 || !strings.Contains(errs, "missing pass") {
		t.Errorf("record without pass: %d %q %q", code, out, errs)
	}
	code, out, errs = cli(t, "record", "list", "leaks", "--pipe", "P1")
	if code != 0 || !strings.Contains(out, `"cause": "corrosion"`) || strings.Count(out, `"Feature"`) != 1 {
		t.Errorf("record list: %d %q %q", code, out, errs)
	}
}
