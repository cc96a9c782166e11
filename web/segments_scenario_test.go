package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gasrisk/data/datatest"
)

// checkScenarioSegment: GET /api/v1/segments/{wid}?scenario=NAME answers
// the scenario's segment wid in its grade (after) with the current run's
// segment of its stretch and that segment's grade beside it; the current
// run's segment id (of grade before) is not in
// the scenario (404 naming it), an unknown scenario 404, a bad or empty
// name 400, each naming the scenario parameter; every exchange matches
// openapi.json.
func checkScenarioSegment(t *testing.T, s datatest.Services, base, name string, id, wid int64, before, after string) {
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
	if d.SegmentID != wid || d.Grade != after || d.Scenario != name || len(d.Factors) == 0 {
		t.Errorf("%s: segment %d %s (scenario %q, %d factors); want %d %s", path, d.SegmentID, d.Grade, d.Scenario, len(d.Factors), wid, after)
	}
	// current: the current run's segment of the same pipe and part over
	// the scenario segment's middle, in its grade
	var ok bool
	var grade string
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT (c.pipe_gid, c.part) = (w.pipe_gid, w.part) AND (w.f0 + w.f1) / 2 BETWEEN c.f0 AND c.f1,
		c.grade FROM segments c, segments w WHERE c.run_id = (SELECT run_id FROM current_run) AND c.segment_id = $1
		AND w.run_id = (SELECT max(id) FROM analysis_runs WHERE scenario = $3) AND w.segment_id = $2`, d.Current.SegmentID, wid, name).Scan(&ok, &grade)
	if err != nil || !ok || d.Current.Grade != grade {
		t.Errorf("%s: current %+v is not the stretch of the scenario's segment in the current run (%v, %s): %v", path, *d.Current, ok, grade, err)
	}
	resp, body = fetch(t, fmt.Sprintf("%s/api/v1/segments/%d", base, id))
	var plain struct {
		Grade    string
		Scenario *string
		Current  *json.RawMessage
	}
	if json.Unmarshal(body, &plain); resp.StatusCode != 200 || plain.Grade != before || plain.Current != nil || plain.Scenario != nil {
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
