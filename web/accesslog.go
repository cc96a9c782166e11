package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// The access log: one line per request, whatever its route or outcome
// (404 and 405 included): method, path, status, bytes of body sent,
// duration and the name of the API key that authenticated it ("-" for
// none). Never the key itself, nor the query string (where a client
// might put one by mistake).

// accessEntry collects, for the access log, what the handlers learn about
// a request: the name of its API key.
type accessEntry struct{ key string }

type accessEntryKey struct{}

// noteKeyName records the name of the key a request was authenticated
// with, for the access log.
func noteKeyName(ctx context.Context, name string) {
	if e, ok := ctx.Value(accessEntryKey{}).(*accessEntry); ok && name != "" {
		e.key = name
	}
}

// accessLog wraps h so that every request is logged to log (nil: slog's
// default logger) once its response is complete.
func accessLog(log *slog.Logger, h http.Handler) http.Handler {
	if log == nil {
		log = slog.Default()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		e := &accessEntry{key: "-"}
		aw := &accessWriter{ResponseWriter: w, code: http.StatusOK}
		defer func() {
			log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", aw.code),
				slog.Int64("bytes", aw.bytes), slog.Duration("duration", time.Since(start)), slog.String("key", e.key))
		}()
		h.ServeHTTP(aw, r.WithContext(context.WithValue(r.Context(), accessEntryKey{}, e)))
	})
}

// accessWriter remembers the status and counts the body bytes sent.
type accessWriter struct {
	http.ResponseWriter
	code    int
	bytes   int64
	written bool
}

// WriteHeader remembers the first status sent.
func (w *accessWriter) WriteHeader(code int) {
	if !w.written {
		w.code, w.written = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write counts what is sent.
func (w *accessWriter) Write(b []byte) (int, error) {
	w.written = true
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Flush passes flushes on, for streamed responses.
func (w *accessWriter) Flush() {
	w.written = true
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *accessWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
