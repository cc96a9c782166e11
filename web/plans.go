package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/data/plans"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// PlanService makes and keeps renewal plans (data/plans implements it).
type PlanService interface {
	// Model is the current run's model config (its renewal settings are
	// a plan's defaults).
	Model(ctx context.Context) (riskmodel.Config, error)
	Create(ctx context.Context, name string, m riskmodel.Config, o renewal.Options) (plans.Plan, error)
	List(ctx context.Context) ([]plans.Summary, error)
	Get(ctx context.Context, name string) (plans.Plan, error)
	ExportXLSX(ctx context.Context, w io.Writer, name, lang string) error
	// Features is the plan's jobs as GeoJSON, overdue as of today (the
	// map's plan layer).
	Features(ctx context.Context, name string, today time.Time) ([]byte, error)
	// Scenarios lists the what-if runs; Compare sets one against the
	// current run (gasrisk analyze --scenario makes them).
	Scenarios(ctx context.Context) ([]plans.ScenarioSummary, error)
	Compare(ctx context.Context, name string) (plans.Comparison, error)
	// Move moves a job of a plan; Progress reports a plan's progress.
	Move(ctx context.Context, plan string, no int, t renewal.Transition, today time.Time) (plans.JobProgress, error)
	Progress(ctx context.Context, plan string, today time.Time) (plans.Report, error)
}

// maxPlanBody bounds a plan request: its options and renewal overrides.
const maxPlanBody = 64 << 10

// mountPlans adds the renewal plans (docs/api.md "Renewal plans"):
//
//	POST /api/v1/plans         make and store a plan → 201 with it
//	GET  /api/v1/plans         the stored plans
//	GET  /api/v1/plans/{name}  one plan (?format=xlsx: the 更新改造计划表, ?lang=en; ?format=geojson: its jobs on the map)
//	GET  /api/v1/plans/{name}/progress                 by year and district, with every job
//	POST /api/v1/plans/{name}/jobs/{no}/transitions    move job no to its next state
//	GET  /api/v1/scenarios         the what-if runs
//	GET  /api/v1/scenarios/{name}  km per grade before and after, per year and district
func (s *Server) mountPlans(r *mux.Router) {
	if s.deps.Plans == nil {
		return
	}
	r.HandleFunc("/api/v1/plans", s.createPlan).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/plans", s.listPlans).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/plans/{name}", s.getPlan).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/plans/{name}/progress", s.planProgress).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/plans/{name}/jobs/{no}/transitions", s.moveJob).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/scenarios", s.listScenarios).Methods(http.MethodGet)
	r.HandleFunc("/api/v1/scenarios/{name}", s.compareScenario).Methods(http.MethodGet)
}

func (s *Server) listScenarios(w http.ResponseWriter, r *http.Request) {
	ss, err := s.deps.Plans.Scenarios(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"scenarios": ss})
}

func (s *Server) compareScenario(w http.ResponseWriter, r *http.Request) {
	c, err := s.deps.Plans.Compare(r.Context(), mux.Vars(r)["name"])
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// planBody is a POST /api/v1/plans request.
type planBody struct {
	Name       *string         `json:"name"`
	FirstYear  *int            `json:"first_year"`
	LastYear   *int            `json:"last_year"`
	BudgetYuan *float64        `json:"budget_yuan"`
	Lang       string          `json:"lang"`
	Renewal    json.RawMessage `json:"renewal"`
}

// decodePlanBody reads a plan request: missing fields, wrong types,
// unknown fields and bad renewal overrides are EINVALID naming the field.
func decodePlanBody(r io.Reader) (planBody, error) {
	var b planBody
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return b, jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		if err == nil || !errors.As(err, new(*http.MaxBytesError)) {
			err = gasrisk.Errorf(gasrisk.EINVALID, "unexpected data after the JSON object")
		}
		return b, jsonError(err)
	}
	for _, f := range []struct {
		name   string
		absent bool
	}{{"name", b.Name == nil}, {"first_year", b.FirstYear == nil}, {"last_year", b.LastYear == nil}, {"budget_yuan", b.BudgetYuan == nil}} {
		if f.absent {
			return b, gasrisk.Errorf(gasrisk.EINVALID, "%s: missing", f.name)
		}
	}
	return b, renewal.ValidName(*b.Name)
}

// model applies the body's renewal overrides to m and validates it.
func (b planBody) model(m riskmodel.Config) (riskmodel.Config, error) {
	if len(b.Renewal) == 0 || string(b.Renewal) == "null" {
		return m, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b.Renewal))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m.Renewal); err != nil {
		return m, gasrisk.Errorf(gasrisk.EINVALID, "renewal: %v", jsonError(err))
	}
	if err := m.Validate(); err != nil {
		return m, gasrisk.Errorf(gasrisk.EINVALID, "%v", err)
	}
	return m, nil
}

func (s *Server) createPlan(w http.ResponseWriter, r *http.Request) {
	b, err := decodePlanBody(http.MaxBytesReader(w, r.Body, maxPlanBody))
	if err != nil {
		Error(w, r, err)
		return
	}
	o := renewal.Options{FirstYear: *b.FirstYear, LastYear: *b.LastYear, BudgetYuan: *b.BudgetYuan, Lang: b.Lang}
	if err := o.Validate(); err != nil {
		Error(w, r, err)
		return
	}
	m, err := s.deps.Plans.Model(r.Context())
	if err == nil {
		m, err = b.model(m)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	p, err := s.deps.Plans.Create(r.Context(), *b.Name, m, o)
	if err != nil {
		Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/plans/"+url.PathEscape(p.Name))
	writeJSON(w, http.StatusCreated, p)
}

func (s *Server) listPlans(w http.ResponseWriter, r *http.Request) {
	ps, err := s.deps.Plans.List(r.Context())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"plans": ps})
}

func (s *Server) getPlan(w http.ResponseWriter, r *http.Request) {
	name, q := mux.Vars(r)["name"], r.URL.Query()
	switch q.Get("format") {
	case "", "json":
		p, err := s.deps.Plans.Get(r.Context(), name)
		if err != nil {
			Error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, p)
	case "xlsx":
		var buf bytes.Buffer
		if err := s.deps.Plans.ExportXLSX(r.Context(), &buf, name, q.Get("lang")); err != nil {
			Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		w.Write(buf.Bytes())
	case "geojson":
		b, err := s.deps.Plans.Features(r.Context(), name, time.Now())
		if err != nil {
			Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/geo+json")
		w.Write(b)
	default:
		Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "format: %q must be json, xlsx or geojson", quote(q.Get("format"))))
	}
}

func (s *Server) planProgress(w http.ResponseWriter, r *http.Request) {
	rep, err := s.deps.Plans.Progress(r.Context(), mux.Vars(r)["name"], time.Now())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// moveJob answers POST .../jobs/{no}/transitions with a JSON
// renewal.Transition: 200 and the job; 400 naming a missing or bad field;
// 409 for a move out of order.
func (s *Server) moveJob(w http.ResponseWriter, r *http.Request) {
	no, err := strconv.Atoi(mux.Vars(r)["no"])
	if err != nil || no < 1 {
		Error(w, r, gasrisk.Errorf(gasrisk.EINVALID, "no: %q must be a job number from 1", quote(mux.Vars(r)["no"])))
		return
	}
	var t renewal.Transition
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxPlanBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		Error(w, r, jsonError(err))
		return
	}
	j, err := s.deps.Plans.Move(r.Context(), mux.Vars(r)["name"], no, t, time.Now())
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, j)
}
