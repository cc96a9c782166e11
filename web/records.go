package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/data/importer"
)

// RecordService adds and lists field records — leaks, patrol
// observations, cathodic-protection readings (data/importer implements
// it).
type RecordService interface {
	AddRecord(ctx context.Context, layer string, rec importer.Record) (string, error)
	Records(ctx context.Context, layer string, f importer.RecordFilter) ([]importer.Record, error)
}

// mountRecords adds the field-record API (editor or admin keys write,
// every reader lists):
//
//	POST /api/v1/LAYER   add one record (a GeoJSON Feature) → 201 {"id": …}
//	GET  /api/v1/LAYER   the newest records as a FeatureCollection (?limit, ?pipe_id,
//	                     ?run: only those an analysis run weighed, an id or current)
//
// for layer leaks, patrols or cp_readings.
func (s *Server) mountRecords(r *mux.Router) {
	if s.deps.Records == nil {
		return
	}
	for _, layer := range []string{"cp_readings", "leaks", "patrols"} { // importer.EvidenceLayers
		r.HandleFunc("/api/v1/"+layer, s.addRecord(layer)).Methods(http.MethodPost)
		r.HandleFunc("/api/v1/"+layer, s.listRecords(layer)).Methods(http.MethodGet)
	}
}

// addRecord stores one record; a refused record stores nothing and the
// answer names the attribute.
func (s *Server) addRecord(layer string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := jsonMediaType(r.Header.Get("Content-Type")); err != nil {
			Error(w, r, err)
			return
		}
		var rec importer.Record
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			Error(w, r, jsonError(err))
			return
		}
		if err := dec.Decode(&struct{}{}); err != io.EOF {
			if err == nil || !errors.As(err, new(*http.MaxBytesError)) {
				err = gasrisk.Errorf(gasrisk.EINVALID, "unexpected data after the JSON object")
			}
			Error(w, r, jsonError(err))
			return
		}
		id, err := s.deps.Records.AddRecord(r.Context(), layer, rec)
		if err != nil {
			Error(w, r, err)
			return
		}
		writeJSON(w, http.StatusCreated, map[string]string{"id": id, "layer": layer})
	}
}

// listRecords answers the newest records of a layer.
func (s *Server) listRecords(layer string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var f importer.RecordFilter
		q := r.URL.Query()
		for name := range q {
			if name != "limit" && name != "pipe_id" && name != "run" {
				Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "unknown parameter %q (known: limit, pipe_id, run)", name))
				return
			}
		}
		if v := q.Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > importer.MaxRecords {
				Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "limit %s: want a whole number from 1 to %d", quote(v), importer.MaxRecords))
				return
			}
			f.Limit = n
		}
		f.PipeID = q.Get("pipe_id")
		switch v := q.Get("run"); v {
		case "":
		case "current":
			f.Run = importer.CurrentRun
		default:
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 {
				Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "run %s: want an analysis run's id (a whole number from 1) or current", quote(v)))
				return
			}
			f.Run = n
		}
		recs, err := s.deps.Records.Records(r.Context(), layer, f)
		if err != nil {
			Error(w, r, err)
			return
		}
		if recs == nil {
			recs = []importer.Record{}
		}
		writeJSON(w, http.StatusOK, map[string]any{"type": "FeatureCollection", "features": recs})
	}
}
