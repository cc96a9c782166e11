package web

import (
	"context"
	"gasrisk/data/access"
	"gasrisk/data/permits"
	"gasrisk/permit"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"gasrisk"
)

// PermitService checks planned third-party works and keeps their tickets
// (data/permits implements it).
type PermitService interface {
	CheckPermit(ctx context.Context, c permits.Check) (permit.Result, error)
	PermitTicket(ctx context.Context, id string, caller access.Key) (permits.Ticket, error)
	AuditPermitRefused(ctx context.Context, caller access.Key, refusal error) error
}

// PermitConfig configures the permit API.
type PermitConfig struct {
	Policy permit.Policy // ranges and size limits (zero: permit.DefaultPolicy)
	Limits PermitLimits  // request size limits
	Rate   float64       // checks per second per API key (0: 5; < 0: no limit)
	Burst  int           // checks a key may make at once (0: 10)
}

// withDefaults fills unset fields.
func (c PermitConfig) withDefaults() PermitConfig {
	def := permit.DefaultPolicy()
	if c.Policy.Detection.ProtectionRangeM == nil {
		c.Policy.Detection = def.Detection
	}
	if c.Policy.MaxAreaM2 <= 0 {
		c.Policy.MaxAreaM2 = def.MaxAreaM2
	}
	if c.Policy.MaxLengthM <= 0 {
		c.Policy.MaxLengthM = def.MaxLengthM
	}
	if c.Rate == 0 {
		c.Rate = 5
	}
	if c.Burst <= 0 {
		c.Burst = 10
	}
	c.Limits = c.Limits.withDefaults()
	return c
}

// mountPermits adds the permit API (permit or admin keys only, see
// routeAccess), rate-limited per key:
//
//	POST /api/v1/permits/check          check planned works → 201 with the ticket
//	GET  /api/v1/permits/{ticket_id}    a ticket, to the key that made it
func (s *Server) mountPermits(r *mux.Router, m *metrics) {
	if s.deps.Permits == nil {
		return
	}
	cfg := s.cfg.Permits.withDefaults()
	lim := newRateLimiter(cfg.Rate, cfg.Burst, time.Now)
	r.Handle("/api/v1/permits/check", limited(lim, s.checkPermit(cfg, m))).Methods(http.MethodPost)
	r.Handle("/api/v1/permits/{ticket_id}", limited(lim, http.HandlerFunc(s.permitTicket))).Methods(http.MethodGet)
}

// limited refuses requests over the caller's rate with 429 and
// Retry-After.
func limited(l *rateLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k, _ := CallerFrom(r.Context())
		if ok, wait := l.allow(k.ID); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter(wait)))
			Error(w, r, gasrisk.Errorf(gasrisk.ERATELIMIT, "API key %q is over its rate limit (%g requests per second): retry in %d s",
				k.Name, l.rate, retryAfter(wait)))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkPermit answers POST /api/v1/permits/check.
func (s *Server) checkPermit(cfg PermitConfig, m *metrics) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		caller, _ := CallerFrom(r.Context())
		r.Body = http.MaxBytesReader(w, r.Body, cfg.Limits.MaxBodyBytes)
		err := jsonMediaType(r.Header.Get("Content-Type"))
		var req permit.Request
		if err == nil {
			req, err = DecodePermitRequest(r.Body, cfg.Limits)
		}
		var res permit.Result
		if err == nil {
			res, err = s.deps.Permits.CheckPermit(r.Context(), permits.Check{Request: req, Policy: cfg.Policy, Caller: caller})
		}
		if err != nil {
			code := gasrisk.ErrorCode(err)
			m.permits.WithLabelValues(code).Inc()
			if code != gasrisk.EINTERNAL && code != gasrisk.EUNAVAILABLE {
				if aerr := s.deps.Permits.AuditPermitRefused(r.Context(), caller, err); aerr != nil {
					slog.Error("audit of a refused permit check failed", "err", aerr)
				}
			}
			Error(w, r, err)
			return
		}
		m.permits.WithLabelValues(res.Decision).Inc()
		w.Header().Set("Location", "/api/v1/permits/"+res.TicketID)
		writeJSON(w, http.StatusCreated, res)
	}
}

// jsonMediaType refuses a body not declared as JSON (415): the permit
// API takes application/json (charset, if given, utf-8).
func jsonMediaType(contentType string) error {
	mt, params, err := mime.ParseMediaType(contentType)
	if err == nil && mt == "application/json" && (params["charset"] == "" || strings.EqualFold(params["charset"], "utf-8")) {
		return nil
	}
	if contentType == "" {
		contentType = "none"
	}
	return gasrisk.Errorf(gasrisk.EMEDIATYPE, "Content-Type %q: send the request as Content-Type: application/json", quote(contentType))
}

// validTicketID reports whether id has the form of ticket ids: PT- and
// 16 base32 characters (data.newTicketID).
func validTicketID(id string) bool {
	rest, ok := strings.CutPrefix(id, "PT-")
	return ok && len(rest) == 16 && strings.Trim(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == ""
}

// permitTicket answers GET /api/v1/permits/{ticket_id}.
func (s *Server) permitTicket(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["ticket_id"]
	caller, _ := CallerFrom(r.Context())
	if !validTicketID(id) {
		Error(w, r, gasrisk.Errorf(gasrisk.ENOTFOUND, "no permit ticket %q (ticket ids look like PT-ABCDEFGHIJKLMNOP)", id))
		return
	}
	t, err := s.deps.Permits.PermitTicket(r.Context(), id, caller)
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}
