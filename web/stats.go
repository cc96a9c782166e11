package web

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"

	"gasrisk/data"
)

// StatsSource summarises the current analysis run.
type StatsSource interface {
	Stats(ctx context.Context) (data.Stats, error)
}

func (s *Server) mountStats(r *mux.Router) {
	r.HandleFunc("/api/v1/stats", s.stats).Methods(http.MethodGet)
}

// stats answers GET /api/v1/stats: km and counts per grade, findings,
// districts and the network's bounds.
func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	st, err := s.deps.Stats.Stats(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}
