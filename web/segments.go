package web

import (
	"context"
	"gasrisk/data/results"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"gasrisk"
)

// SegmentSource reads assessed segments.
type SegmentSource interface {
	Segment(ctx context.Context, id int64) (results.SegmentDetail, error)
}

func (s *Server) mountSegments(r *mux.Router) {
	r.HandleFunc("/api/v1/segments/{id}", s.segment).Methods(http.MethodGet)
}

// segment answers GET /api/v1/segments/{id}: one assessment with its factors.
func (s *Server) segment(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	if err != nil || id <= 0 {
		Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "segment id %q is not a positive integer", mux.Vars(r)["id"]))
		return
	}
	d, err := s.deps.Segments.Segment(r.Context(), id)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}
