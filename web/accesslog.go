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
		aw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		defer func() {
			log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", aw.code),
				slog.Int64("bytes", aw.bytes), slog.Duration("duration", time.Since(start)), slog.String("key", e.key))
		}()
		h.ServeHTTP(aw, r.WithContext(context.WithValue(r.Context(), accessEntryKey{}, e)))
	})
}
