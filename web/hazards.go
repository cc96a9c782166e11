package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/data/ledger"
	"gasrisk/data/printsource"
	"gasrisk/hazard"
	"gasrisk/printmap"
)

// LedgerSource is the hazard ledger (data/ledger implements it).
type LedgerSource interface {
	Hazards(ctx context.Context, f ledger.Filter) (ledger.Page, error)
	Hazard(ctx context.Context, id int64, today time.Time) (hazard.Detail, error)
	HazardByCode(ctx context.Context, code string) (int64, error)
	MoveHazard(ctx context.Context, id int64, t hazard.Transition) (hazard.Detail, error)
	HazardsGeoJSON(ctx context.Context, w io.Writer, f ledger.Filter) (int, error)
	LedgerStats(ctx context.Context, today time.Time) (ledger.Stats, error)
	ExportLedger(ctx context.Context, w io.Writer, o ledger.ExportOptions) (int, error)
	ExportControlList(ctx context.Context, w io.Writer, o ledger.ControlListOptions) (int, error)
}

// PrintSource reads what the printed risk map shows.
type PrintSource interface {
	PrintMap(ctx context.Context, a printsource.Area, p printmap.Page, lang string, printed time.Time) (printmap.Map, error)
}

// maxTransitionBody bounds a transition request.
const maxTransitionBody = 64 << 10

// mountHazards serves the ledger's hazard API.
func (s *Server) mountHazards(r *mux.Router) {
	r.HandleFunc("/api/v1/hazards", s.hazards).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/hazards.geojson", withTimeout(s.cfg.Limits.ExportTimeout, "the export", s.hazardsGeoJSON)).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/hazards/{id}", s.hazard).Methods(http.MethodGet)
	r.Handle("/api/v1/hazards/{id}/transitions", s.ledgerEditor(s.moveHazard)).Methods(http.MethodPost)
}

// hazards answers GET /api/v1/hazards: one page of the ledger, filtered by
// state, kind, grade, district (comma-separated or repeated), overdue,
// listed, recheck_due (true/false), sorted by id or grade (sort=), with
// limit and offset.
func (s *Server) hazards(w http.ResponseWriter, r *http.Request) {
	f, err := hazardFilter(r, true)
	if err != nil {
		Error(w, r, err)
		return
	}
	page, err := s.deps.Ledger.Hazards(r.Context(), f)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// hazardsGeoJSON answers GET /api/v1/hazards.geojson: the filtered hazards
// as an RFC 7946 FeatureCollection (the map's hazards with their state).
func (s *Server) hazardsGeoJSON(w http.ResponseWriter, r *http.Request) {
	f, err := hazardFilter(r, false)
	if err != nil {
		Error(w, r, err)
		return
	}
	if err := f.Validate(); err != nil {
		Error(w, r, err)
		return
	}
	tw := &ledgerWriter{w: w, header: func() { w.Header().Set("Content-Type", "application/geo+json") }}
	if _, err := s.deps.Ledger.HazardsGeoJSON(r.Context(), tw, f); err != nil && !tw.started {
		Error(w, r, timedOut(w, r, err))
	} else if err != nil {
		ledgerStreamError(r, err)
	}
}

// hazard answers GET /api/v1/hazards/{id}: one hazard (by id or code such
// as YH-000042) with its geometry, history and allowed moves.
func (s *Server) hazard(w http.ResponseWriter, r *http.Request) {
	id, err := s.hazardID(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	d, err := s.deps.Ledger.Hazard(r.Context(), id, time.Time{})
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// moveHazard answers POST /api/v1/hazards/{id}/transitions with a JSON
// Transition ("to" and the fields the move needs): 200 and the
// hazard; 400 for missing or misplaced fields; 409 with "state" and
// "allowed" when the state machine does not allow the move. The tile
// service is told at once, so the next hazards tile shows the new state.
func (s *Server) moveHazard(w http.ResponseWriter, r *http.Request, actor string) {
	id, err := s.hazardID(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	var t hazard.Transition
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxTransitionBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		if berr := bodyError(err); berr != nil {
			err = berr
		} else {
			err = gasrisk.Errorf(gasrisk.EINVALID, "transition body: %v", err)
		}
		Error(w, r, err)
		return
	}
	t.Actor = actor
	d, err := s.deps.Ledger.MoveHazard(r.Context(), id, t)
	var te *hazard.TransitionError
	if errors.As(err, &te) {
		writeJSON(w, http.StatusConflict, map[string]any{"error": te.Error(), "state": te.From, "allowed": te.Allowed})
		return
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	if s.deps.Tiles != nil {
		s.deps.Tiles.Invalidate() // the hazards layer's version moved with it: the map shows it at once
	}
	writeJSON(w, http.StatusOK, d)
}

// hazardID reads {id}: a positive integer or a code such as YH-000042.
func (s *Server) hazardID(r *http.Request) (int64, error) {
	v := mux.Vars(r)["id"]
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	if strings.HasPrefix(strings.ToUpper(v), "YH-") {
		return s.deps.Ledger.HazardByCode(r.Context(), v)
	}
	return 0, gasrisk.Errorf(gasrisk.EINVALID, "hazard %q: want an id or a code such as YH-000042", v)
}

// hazardFilter reads the filter of the query string; paged reads limit
// and offset too.
func hazardFilter(r *http.Request, paged bool) (ledger.Filter, error) {
	q := r.URL.Query()
	f := ledger.Filter{States: ledgerList(q["state"]), Kinds: ledgerList(q["kind"]), Grades: ledgerList(q["grade"]),
		Districts: ledgerList(q["district"]), Sort: q.Get("sort")}
	var err error
	for _, b := range []struct {
		name string
		dst  **bool
	}{{"overdue", &f.Overdue}, {"listed", &f.Listed}, {"recheck_due", &f.RecheckDue}} {
		if *b.dst, err = ledgerBool(q.Get(b.name), b.name); err != nil {
			return f, err
		}
	}
	if paged {
		if f.Limit, err = ledgerInt(q.Get("limit"), "limit"); err != nil {
			return f, err
		}
		if f.Offset, err = ledgerInt(q.Get("offset"), "offset"); err != nil {
			return f, err
		}
	}
	return f, nil
}

// ledgerList splits comma-separated and repeated values.
func ledgerList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// ledgerBool reads true/false (nil when absent).
func ledgerBool(v, name string) (*bool, error) {
	if v == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "%s=%q: want true or false", name, v)
	}
	return &b, nil
}

// ledgerInt reads a non-negative integer (0 when absent).
func ledgerInt(v, name string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, gasrisk.Errorf(gasrisk.EINVALID, "%s=%q: want a non-negative integer", name, v)
	}
	return n, nil
}
