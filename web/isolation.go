package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/data/topology"
	"gasrisk/hazard"
)

// NetworkSource answers isolation traces and topology checks of the gas
// network (data/topology).
type NetworkSource interface {
	Isolate(ctx context.Context, start topology.Start) (topology.Isolation, error)
	Check(ctx context.Context) (topology.Report, error)
	// Cards are the emergency cards of hazards, keyed by hazard id.
	Cards(ctx context.Context, ids []int64) (map[int64]hazard.Card, error)
}

// mountNetwork adds POST /api/v1/isolation (the valves to close around a
// segment, hazard or point, and who loses gas), GET /api/v1/topology (the
// topology check) and GET /api/v1/topology.geojson (its findings as points
// for the map) and GET /api/v1/hazards/{id}/emergency-card (a hazard's
// emergency card).
func (s *Server) mountNetwork(r *mux.Router) {
	if s.deps.Network == nil {
		return
	}
	r.HandleFunc("/api/v1/isolation", s.isolate).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/hazards/{id}/emergency-card", s.emergencyCard).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/topology", func(w http.ResponseWriter, r *http.Request) {
		rep, err := s.deps.Network.Check(r.Context())
		if err != nil {
			Error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, rep)
	}).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/topology.geojson", func(w http.ResponseWriter, r *http.Request) {
		rep, err := s.deps.Network.Check(r.Context())
		if err != nil {
			Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/geo+json")
		w.WriteHeader(http.StatusOK)
		json.NewEncoder(w).Encode(rep.GeoJSON())
	}).Methods(http.MethodGet)
}

// isolate answers POST /api/v1/isolation.
func (s *Server) isolate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.Limits.MaxBodyBytes)
	err := jsonMediaType(r.Header.Get("Content-Type"))
	var start topology.Start
	if err == nil {
		start, err = DecodeIsolationRequest(r.Body)
	}
	var iso topology.Isolation
	if err == nil {
		iso, err = s.deps.Network.Isolate(r.Context(), start)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, iso)
}

// DecodeIsolationRequest reads {"segment_id": N}, {"hazard_id": N} or
// {"point": [lon, lat]}: one JSON object, no unknown fields, exactly one
// of the three.
func DecodeIsolationRequest(r io.Reader) (topology.Start, error) {
	var st topology.Start
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return st, jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		if err == nil || !errors.As(err, new(*http.MaxBytesError)) {
			err = gasrisk.Errorf(gasrisk.EINVALID, "unexpected data after the JSON object")
		}
		return st, jsonError(err)
	}
	n := 0
	for _, set := range []bool{st.SegmentID != nil, st.HazardID != nil, st.Point != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return st, gasrisk.Errorf(gasrisk.EINVALID, "give exactly one of segment_id, hazard_id or point [lon, lat]")
	}
	if st.Point != nil && len(*st.Point) != 2 {
		return st, gasrisk.Errorf(gasrisk.EINVALID, "point: want [lon, lat], got %d numbers", len(*st.Point))
	}
	return st, nil
}
