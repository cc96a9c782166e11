package web_test

import (
	"context"
	"net/http/httptest"
	"reflect"
	"testing"

	"gasrisk"
	"gasrisk/data/results"
	"gasrisk/web"
)

func TestStatsAPI(t *testing.T) {
	s := shared.get(t)
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Stats: s.Results}))
	t.Cleanup(srv.Close)
	want, err := s.Results.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second answer comes from the cache
		var got results.Stats
		if code := getJSON(t, srv.URL+"/api/v1/stats", &got); code != 200 {
			t.Fatalf("status %d", code)
		}
		if got.RunID == 0 || got.Grades["red"].Segments == 0 || len(got.Districts) == 0 || len(got.Findings) != 5 {
			t.Errorf("stats of the test city: %+v", got)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("GET /api/v1/stats\n got %+v\nwant %+v", got, want)
		}
	}
}

// fakeStats counts how often the stats are computed.
type fakeStats struct {
	run    int64
	counts int
	err    error
}

func (f *fakeStats) CurrentRun(context.Context) (int64, error) { return f.run, f.err }

func (f *fakeStats) Stats(context.Context) (results.Stats, error) {
	f.counts++
	return results.Stats{RunID: f.run, Districts: []results.DistrictStats{}}, f.err
}

func TestStatsAreCountedOncePerRun(t *testing.T) {
	f := &fakeStats{}
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{Stats: f}))
	t.Cleanup(srv.Close)
	get := func() int64 {
		t.Helper()
		var st results.Stats
		if code := getJSON(t, srv.URL+"/api/v1/stats", &st); code != 200 {
			t.Fatalf("status %d", code)
		}
		return st.RunID
	}
	steps := []struct {
		run        int64
		wantCounts int
	}{
		{0, 1}, {0, 2}, // before the first run: counted every time (districts may arrive)
		{1, 3}, {1, 3}, {1, 3}, // run 1: counted once
		{2, 4}, {2, 4},
	}
	for i, st := range steps {
		f.run = st.run
		if got := get(); got != st.run || f.counts != st.wantCounts {
			t.Errorf("step %d: run %d, counted %d times; want run %d, %d times", i, got, f.counts, st.run, st.wantCounts)
		}
	}
	f.err = gasrisk.Errorf(gasrisk.EUNAVAILABLE, "database unreachable")
	var body map[string]string
	if code := getJSON(t, srv.URL+"/api/v1/stats", &body); code != 503 || body["error"] != "database unreachable" {
		t.Errorf("stats without a database: %d %v", code, body)
	}
}
