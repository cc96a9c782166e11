package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"gasrisk"
)

// Limits bound what one request may cost the server. Zero fields take
// the defaults of withDefaults; docs/api.md lists them.
type Limits struct {
	// MaxBodyBytes is the largest request body any route takes (routes
	// may take less: the permit check 256 KiB, a hazard transition
	// 64 KiB). A larger body gets 413.
	MaxBodyBytes int64
	// ReadHeaderTimeout and ReadTimeout bound the time a client may take
	// to send a request's header and its whole request (header and body):
	// a body still trickling in then is cut.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	// IdleTimeout closes kept-alive connections left idle this long.
	IdleTimeout time.Duration
	// ExportTimeout bounds one export (/api/v1/export, the ledger's
	// exports, hazards.geojson); OGCTimeout one OGC API request (a page
	// of items).
	ExportTimeout time.Duration
	OGCTimeout    time.Duration
	// Print bounds the printed map.
	Print PrintLimits
}

// PrintLimits bound the printed map (/api/v1/maps/print.png).
type PrintLimits struct {
	// Concurrent prints drawn at once; Queue more may wait up to
	// QueueWait for a turn; past that 503 with Retry-After.
	Concurrent int
	Queue      int
	QueueWait  time.Duration
	// MaxPixels is the largest page (width × height in pixels) one print
	// may draw: 422 above it.
	MaxPixels int
}

// drainBytes is how much of an oversized body the server reads and
// discards after answering 413, so that the client, still sending, reads
// the answer instead of a connection reset.
const drainBytes = 1 << 30

// withDefaults fills unset limits.
func (l Limits) withDefaults() Limits {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = 1 << 20
	}
	def(&l.ReadHeaderTimeout, 10*time.Second)
	def(&l.ReadTimeout, 60*time.Second)
	def(&l.IdleTimeout, 2*time.Minute)
	def(&l.ExportTimeout, 5*time.Minute)
	def(&l.OGCTimeout, time.Minute)
	if l.Print.Concurrent <= 0 {
		l.Print.Concurrent = 1
	}
	if l.Print.Queue <= 0 {
		l.Print.Queue = 2
	}
	def(&l.Print.QueueWait, 2*time.Minute)
	if l.Print.MaxPixels <= 0 {
		l.Print.MaxPixels = 4961 * 3508 // A3 at 300 dpi, the largest page the printer draws
	}
	return l
}

// limitBody refuses a body declared larger than the server takes with
// 413, reading and discarding it first (in full duplex, after the answer
// is sent) so that the client sees the answer and not a reset; a body
// that turns out larger than declared (chunked) fails its handler's read
// the same way (http.MaxBytesError → 413).
func limitBody(w http.ResponseWriter, r *http.Request, max int64) bool {
	if r.ContentLength <= max {
		r.Body = http.MaxBytesReader(w, r.Body, max)
		return true
	}
	err := gasrisk.Errorf(gasrisk.ETOOLARGE, "request body of %d bytes exceeds the limit of %d bytes", r.ContentLength, max)
	if r.Header.Get("Expect") == "100-continue" { // nothing sent yet: the client never sends the body
		Error(w, r, err)
		return false
	}
	rc := http.NewResponseController(w)
	rc.EnableFullDuplex()
	w.Header().Set("Connection", "close")
	Error(w, r, err)
	rc.Flush()
	io.CopyN(io.Discard, r.Body, drainBytes)
	return false
}

// bodyError turns an error reading a request body into a user error: 413
// past the limit, 400 for a body that did not arrive in time (the
// server's ReadTimeout) or was cut.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return gasrisk.Errorf(gasrisk.ETOOLARGE, "request body exceeds %d bytes", tooBig.Limit)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return gasrisk.Errorf(gasrisk.EINVALID, "the request body did not arrive in time")
	}
	return nil
}

// withTimeout runs a handler under a time limit: its context ends after d,
// and an error caused by that becomes a 503 saying so.
func withTimeout(d time.Duration, what string, h func(w http.ResponseWriter, r *http.Request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h(w, r.WithContext(context.WithValue(ctx, timeLimitKey{}, timeLimit{d, what})))
	}
}

type timeLimitKey struct{}

// timeLimit is the time limit a request runs under.
type timeLimit struct {
	d    time.Duration
	what string
}

// timedOut replaces an error caused by the request's time limit with one
// that says so (503, Retry-After set); other errors pass.
func timedOut(w http.ResponseWriter, r *http.Request, err error) error {
	tl, ok := r.Context().Value(timeLimitKey{}).(timeLimit)
	if !ok || !errors.Is(r.Context().Err(), context.DeadlineExceeded) {
		return err
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(tl.d.Seconds())))
	return gasrisk.Errorf(gasrisk.EUNAVAILABLE, "%s took longer than the limit of %s: narrow it (filters, bbox, limit) and retry", tl.what, tl.d)
}
