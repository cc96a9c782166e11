package web

import (
	"context"
	"gasrisk/data/results"
	"net/http"
	"sync"

	"github.com/gorilla/mux"
)

// StatsSource summarises the current analysis run.
type StatsSource interface {
	// CurrentRun is the id of the current run, 0 before the first.
	CurrentRun(ctx context.Context) (int64, error)
	// Stats counts the current run's segments per grade, finding and
	// district.
	Stats(ctx context.Context) (results.Stats, error)
}

// mountStats adds GET /api/v1/stats: the current run's segments and km per
// grade and per finding flag, overall and per district (the map's legend
// and filters).
func (s *Server) mountStats(r *mux.Router) {
	if s.deps.Stats == nil {
		return
	}
	c := &statsCache{src: s.deps.Stats}
	r.HandleFunc("/api/v1/stats", func(w http.ResponseWriter, r *http.Request) {
		st, err := c.get(r.Context())
		if err != nil {
			Error(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		writeJSON(w, http.StatusOK, st)
	}).Methods(http.MethodGet)
}

// statsCache keeps the stats of the current run: a run's segments never
// change, and counting a million of them takes half a second. Requests
// that find it stale wait for one recount.
type statsCache struct {
	src StatsSource
	mu  sync.Mutex
	st  *results.Stats
}

// get returns the stats of the current run, counting them when the run
// has changed since the last count.
func (c *statsCache) get(ctx context.Context) (results.Stats, error) {
	run, err := c.src.CurrentRun(ctx)
	if err != nil {
		return results.Stats{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st != nil && c.st.RunID == run && run != 0 {
		return *c.st, nil
	}
	st, err := c.src.Stats(ctx)
	if err != nil {
		return st, err
	}
	c.st = &st
	return st, nil
}
