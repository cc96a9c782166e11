package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own
// (no global state): requests and latencies per route, permit decisions.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	permits  *prometheus.CounterVec
	writers  sync.Pool // *statusWriter
	mu       sync.RWMutex
	cache    map[obsKey]observers
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry(), cache: map[obsKey]observers{}}
	m.writers.New = func() any { return new(statusWriter) }
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "gasrisk_http_requests_total",
		Help: "HTTP requests by route template, method and status code."}, []string{"route", "method", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "gasrisk_http_request_duration_seconds",
		Help:    "HTTP request latency by route template and method (to the end of the response).",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 10, 60}},
		[]string{"route", "method"})
	m.permits = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "gasrisk_permit_checks_total",
		Help: "Permit checks by outcome: clear, conditional, denied, or the refusal's error code."}, []string{"outcome"})
	m.reg.MustRegister(m.requests, m.latency, m.permits,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// mountMetrics serves GET /metrics in the Prometheus text format, with
// the tile cache's statistics when the server has tiles.
func (s *Server) mountMetrics(r *mux.Router, m *metrics) {
	if s.deps.Tiles != nil {
		m.reg.MustRegister(newTileCacheCollector(s.deps.Tiles))
	}
	r.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})).Methods(http.MethodGet)
}

// obsKey names the observers of one route, method and status.
type obsKey struct {
	route, method string
	code          int
}

// observers are the request counter and latency histogram of an obsKey.
type observers struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// begin starts timing a request and wraps its writer to see the status.
func (m *metrics) begin(w http.ResponseWriter) (*statusWriter, time.Time) {
	sw := m.writers.Get().(*statusWriter)
	*sw = statusWriter{ResponseWriter: w, code: http.StatusOK}
	return sw, time.Now()
}

// end counts and times a request by its route template; deferred, so that
// requests whose handler aborts (panics) count too.
func (m *metrics) end(r *http.Request, sw *statusWriter, start time.Time) {
	route := "unknown"
	if cr := mux.CurrentRoute(r); cr != nil {
		if t, err := cr.GetPathTemplate(); err == nil {
			route = t
		}
	}
	o := m.observers(obsKey{route, r.Method, sw.code})
	o.count.Inc()
	o.latency.Observe(time.Since(start).Seconds())
	*sw = statusWriter{}
	m.writers.Put(sw)
}

// observers returns the observers of a key, remembered (the keys are
// bounded: routed requests only) so that the hot path does not allocate.
func (m *metrics) observers(k obsKey) observers {
	m.mu.RLock()
	o, ok := m.cache[k]
	m.mu.RUnlock()
	if ok {
		return o
	}
	o = observers{m.requests.WithLabelValues(k.route, k.method, strconv.Itoa(k.code)),
		m.latency.WithLabelValues(k.route, k.method)}
	m.mu.Lock()
	m.cache[k] = o
	m.mu.Unlock()
	return o
}

// statusWriter remembers the status code and whether anything was
// written, and counts the body bytes sent (the metrics and the access log
// wrap every response in one).
type statusWriter struct {
	http.ResponseWriter
	code    int
	bytes   int64
	written bool
}

// WriteHeader remembers the first status sent.
func (w *statusWriter) WriteHeader(code int) {
	if !w.written {
		w.code, w.written = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write notes that the response has started and counts what is sent.
func (w *statusWriter) Write(b []byte) (int, error) {
	w.written = true
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Flush passes flushes on, for streamed responses.
func (w *statusWriter) Flush() {
	w.written = true
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
