package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/data/results"
)

// SegmentSource reads assessed segments.
type SegmentSource interface {
	Segment(ctx context.Context, id int64) (results.SegmentDetail, error)
	// ScenarioSegment reads a segment of a what-if run with the grade of
	// its stretch in the current run.
	ScenarioSegment(ctx context.Context, id int64, scenario string) (results.SegmentDetail, error)
}

func (s *Server) mountSegments(r *mux.Router) {
	r.HandleFunc("/api/v1/segments/{id}", s.segment).Methods(http.MethodGet)
}

// segment answers GET /api/v1/segments/{id}: one assessment with its
// factors; ?scenario=NAME reads it from that what-if run (the segment ids
// of the scenario's tiles) with the current run's grade beside it.
func (s *Server) segment(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(mux.Vars(r)["id"], 10, 64)
	if err != nil || id <= 0 {
		Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "segment id %q is not a positive integer", mux.Vars(r)["id"]))
		return
	}
	scenario, err := scenarioParam(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	var d results.SegmentDetail
	if scenario == "" {
		d, err = s.deps.Segments.Segment(r.Context(), id)
	} else {
		d, err = s.deps.Segments.ScenarioSegment(r.Context(), id, scenario)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}
