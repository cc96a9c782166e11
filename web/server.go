// Package web serves gasrisk over HTTP: the map page, tiles, JSON APIs and
// health endpoints.
package web

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"gasrisk/printmap"
	"gasrisk/tiles"
)

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Config is what the server needs to know.
type Config struct {
	Addr string
	// PublicReads opens reads (map, tiles, exports, OGC API) to callers
	// without a key when the server listens beyond loopback.
	PublicReads bool
	// Permits configures the permit API (zero: defaults).
	Permits PermitConfig
	// AccessLog receives one line per request (nil: slog's default
	// logger).
	AccessLog *slog.Logger
	// Limits bound request bodies, read times, exports, OGC requests and
	// the printed map (zero: defaults).
	Limits Limits
}

// Deps are the services the handlers use; cmd wires them from the
// services under data/ (docs/design.md).
type Deps struct {
	DB       Pinger
	Segments SegmentSource
	Tiles    *tiles.Service // vector and raster tiles; nil: no /tiles
	Stats    StatsSource
	// Ledger is the hazard ledger (nil: no ledger API or page); Print
	// reads and Printer draws the printable map (either nil: not served).
	Ledger  LedgerSource
	Print   PrintSource
	Printer *printmap.Renderer
	// Keys authenticates API keys (nil: every request that needs a key is
	// refused). Permits, Export and OGC serve the permit API,
	// /api/v1/export and /ogc (nil: not served).
	Keys    KeySource
	Permits PermitService
	Export  Exporter
	OGC     OGCSource
	// Plans makes and keeps renewal plans (nil: no /api/v1/plans).
	Plans PlanService
	// Sensors serves the live detectors' readings and alarms (nil: not
	// served).
	Sensors SensorSource
	// Records adds and lists field records (nil: not served).
	Records RecordService
	// Network answers isolation traces and topology checks (nil: not
	// served).
	Network NetworkSource
}

// Server is the gasrisk HTTP server.
type Server struct {
	cfg     Config
	deps    Deps
	router  *mux.Router
	handler http.Handler // the router behind the access log
	prints  *printQueue
	live    *liveHub // wakes the live map's streams (sensors_stream.go)
}

// New builds a server over its dependencies.
func New(cfg Config, deps Deps) *Server {
	cfg.Limits = cfg.Limits.withDefaults()
	s := &Server{cfg: cfg, deps: deps, router: mux.NewRouter(), prints: newPrintQueue(cfg.Limits.Print), live: newLiveHub()}
	s.routes()
	s.handler = accessLog(cfg.AccessLog, s.router)
	return s
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) routes() {
	m := newMetrics()
	s.router.Use(s.guard(m))
	s.router.HandleFunc("/healthz", s.healthz).Methods(http.MethodGet)
	s.router.HandleFunc("/readyz", s.readyz).Methods(http.MethodGet)
	s.mountSegments(s.router)
	s.mountTiles(s.router)
	s.mountStats(s.router)
	s.mountLedger(s.router)
	s.mountMetrics(s.router, m)
	s.mountOpenAPI(s.router)
	s.mountExport(s.router)
	s.mountOGC(s.router)
	s.mountPermits(s.router, m)
	s.mountPlans(s.router)
	s.mountSensors(s.router)
	s.mountRecords(s.router)
	s.mountNetwork(s.router)
	s.mountMap(s.router)
	s.router.MethodNotAllowedHandler = methodNotAllowed(s.router)
	s.router.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such resource: "+r.URL.Path)
	})
}

// ListenAndServe listens on the configured address and serves until ctx
// ends, then shuts down gracefully.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := Listen(s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Listen binds addr ("" is 127.0.0.1:8080, the default): callers that
// have slow work to do before serving bind first, so that a port in use
// is reported at once. The error names the address.
func Listen(addr string) (net.Listener, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	return ln, nil
}

// DefaultAddr is where the server listens when no address is configured
// (an empty Config.Addr counts as loopback, auth.go).
const DefaultAddr = "127.0.0.1:8080"

// Serve serves on ln until ctx ends, then shuts down gracefully; it closes
// ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return hs.Shutdown(sctx)
	}
}

// HTTPServer is an http.Server for s with its read and idle timeouts
// (Config.Limits); ListenAndServe uses it.
func (s *Server) HTTPServer() *http.Server {
	l := s.cfg.Limits
	return &http.Server{Addr: s.cfg.Addr, Handler: s, ReadHeaderTimeout: l.ReadHeaderTimeout, ReadTimeout: l.ReadTimeout,
		IdleTimeout: l.IdleTimeout}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.deps.DB.Ping(ctx); err != nil {
		writeError(w, http.StatusServiceUnavailable, "database unreachable")
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
