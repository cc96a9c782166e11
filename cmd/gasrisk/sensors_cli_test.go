package main

import (
	"encoding/json"
	"strings"
	"testing"

	"gasrisk/data/sensors"
)

// TestCLISensorsSuggest: the places for new detectors of a generated city,
// best first, as a table and as JSON.
func TestCLISensorsSuggest(t *testing.T) {
	ledgerCLICity(t)
	code, out, errs := cli(t, "sensors", "suggest", "--count", "5", "--json")
	var cs []sensors.Candidate
	if code != 0 || json.Unmarshal([]byte(out), &cs) != nil || len(cs) == 0 || len(cs) > 5 {
		t.Fatalf("suggest --json: exit %d, %d candidates\n%s%s", code, len(cs), out, errs)
	}
	for i, c := range cs {
		if c.Rank != i+1 || i > 0 && c.Score > cs[i-1].Score || c.PipeID == "" || c.SewerID == "" {
			t.Errorf("candidate %+v", c)
		}
	}
	code, out, _ = cli(t, "sensors", "suggest", "--count", "2")
	if code != 0 || !strings.HasPrefix(out, "RANK") || strings.Count(out, "\n") != 3 || !strings.Contains(out, cs[0].PipeID) {
		t.Errorf("suggest: exit %d\n%s", code, out)
	}
	if code, _, errs := cli(t, "sensors", "suggest", "--count", "0"); code == 0 || !strings.Contains(errs, "--count") {
		t.Errorf("--count 0: exit %d, %s", code, errs)
	}
}
