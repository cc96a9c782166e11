package web

import (
	"log/slog"
	"net/http"

	"gasrisk"
)

// statusOf maps each error code to its HTTP status: the one table of it.
func statusOf(code string) int {
	switch code {
	case gasrisk.EINVALID:
		return http.StatusBadRequest
	case gasrisk.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case gasrisk.EFORBIDDEN:
		return http.StatusForbidden
	case gasrisk.ENOTFOUND:
		return http.StatusNotFound
	case gasrisk.ECONFLICT:
		return http.StatusConflict
	case gasrisk.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case gasrisk.EUNPROCESSABLE:
		return http.StatusUnprocessableEntity
	case gasrisk.EMEDIATYPE:
		return http.StatusUnsupportedMediaType
	case gasrisk.ERATELIMIT:
		return http.StatusTooManyRequests
	case gasrisk.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Error writes err as {"error": "..."} with its status and user-safe
// message, never a stack trace or a cause. Every 5xx is logged with the
// operation that failed ("op", the outermost one named) and the whole
// chain of causes ("err").
func Error(w http.ResponseWriter, r *http.Request, err error) {
	code := gasrisk.ErrorCode(err)
	status := statusOf(code)
	if status >= http.StatusInternalServerError {
		slog.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "code", code,
			"op", gasrisk.ErrorOp(err), "err", err)
	}
	writeError(w, status, gasrisk.ErrorMessage(err))
}
