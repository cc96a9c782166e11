// Package gasrisk holds what every layer of the service shares: the kinds
// of errors a user can be told about. The domain model is in riskmodel, the
// PostGIS side in data, HTTP in web (see DESIGN.md §1).
package gasrisk

import (
	"errors"
	"fmt"
)

// Error codes: what went wrong, in terms a caller can act on. web maps
// each to one HTTP status; the CLI prints the message.
const (
	EINVALID       = "invalid"       // the input is malformed or out of range
	ENOTFOUND      = "not_found"     // no such thing
	ECONFLICT      = "conflict"      // not allowed in the current state
	EUNAUTHORIZED  = "unauthorized"  // no or unknown credentials
	EFORBIDDEN     = "forbidden"     // credentials lack the role
	ETOOLARGE      = "too_large"     // the input exceeds a configured limit
	EUNPROCESSABLE = "unprocessable" // well-formed but impossible (e.g. a self-intersecting area)
	ERATELIMIT     = "rate_limited"  // too many requests
	EUNAVAILABLE   = "unavailable"   // a dependency (the database) is down
	EINTERNAL      = "internal"      // a bug or an unexpected failure
)

// Error is an error with a code and a message safe to show to users.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err: the *Error's message,
// or a generic one for internal errors, whose details stay in the logs.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return "internal error"
}
