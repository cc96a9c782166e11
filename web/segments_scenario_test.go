package web_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// checkScenarioSegment: GET /api/v1/segments/{wid}?scenario=NAME answers
// the scenario's segment wid in its grade (after) with the current run's
// segment id and grade (before) beside it; the current run's id is not in
// the scenario (404 naming it), an unknown scenario 404, a bad or empty
// name 400, each naming the scenario parameter; every exchange matches
// openapi.json.
func checkScenarioSegment(t *testing.T, base, name string, id, wid int64, before, after string) {
	_, router := loadAPIDoc(t, base)
	path := fmt.Sprintf("/api/v1/segments/%d?scenario=%s", wid, name)
	validateExchange(t, router, base, "", "GET", path, nil, 200)
	resp, body := fetch(t, base+path)
	var d struct {
		SegmentID int64  `json:"segment_id"`
		Grade     string `json:"grade"`
		Scenario  string `json:"scenario"`
		Factors   []struct{ Code string }
		Current   *struct {
			SegmentID int64  `json:"segment_id"`
			Grade     string `json:"grade"`
		}
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &d) != nil || d.Current == nil {
		t.Fatalf("%s: %d %.300s", path, resp.StatusCode, body)
	}
	if d.SegmentID != wid || d.Grade != after || d.Scenario != name || len(d.Factors) == 0 ||
		d.Current.SegmentID != id || d.Current.Grade != before {
		t.Errorf("%s: segment %d %s (scenario %q, %d factors), current %+v; want %d %s, current %d %s",
			path, d.SegmentID, d.Grade, d.Scenario, len(d.Factors), *d.Current, wid, after, id, before)
	}
	resp, body = fetch(t, fmt.Sprintf("%s/api/v1/segments/%d", base, id))
	if json.Unmarshal(body, &d); resp.StatusCode != 200 || d.Grade != before || d.Current != nil || d.Scenario != "" {
		t.Errorf("without a scenario: %d %.200s", resp.StatusCode, body)
	}
	for _, c := range []struct {
		query, name string
		code        int
	}{
		{fmt.Sprintf("%d?scenario=%s", id, name), fmt.Sprint(id), 404},
		{fmt.Sprintf("%d?scenario=none", wid), "none", 404},
		{fmt.Sprintf("%d?scenario=../x", wid), "scenario", 400},
		{fmt.Sprintf("%d?scenario=", wid), "scenario", 400},
	} {
		validateExchange(t, router, base, "", "GET", "/api/v1/segments/"+c.query, nil, c.code)
		resp, body := fetch(t, base+"/api/v1/segments/"+c.query)
		var e struct{ Error string }
		if resp.StatusCode != c.code || json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, c.name) {
			t.Errorf("%s: %d %s, want %d naming %s", c.query, resp.StatusCode, body, c.code, c.name)
		}
	}
}
