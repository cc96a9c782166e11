// Package gasrisk holds what every layer of the service shares: the kinds
// of errors a user can be told about. The domain model is in riskmodel, the
// PostGIS side in data, HTTP in web (docs/design.md §1).
//
// Errors carry a code (what a caller can act on), a message safe to show
// users, and, when they wrap another error, the operation that failed and
// the cause, which only the logs see. Errorf makes a new error; E and Wrap
// add an operation to an error that came from below:
//
//	return gasrisk.Errorf(gasrisk.ENOTFOUND, "hazard %s not found", id)
//	return gasrisk.E("ledger.Move", gasrisk.EUNAVAILABLE, err) // err from the driver
//	return gasrisk.Wrap("ledger.Move", err)                    // keeps err's code and message
//
// The package imports only the standard library, so it cannot tell a
// database that is down from a bug: the layer that calls a dependency
// classifies its failures (data wraps a pgconn.ConnectError with
// EUNAVAILABLE). Any other error, context.Canceled and
// context.DeadlineExceeded included, is EINTERNAL unless a layer says
// otherwise (tiles turns its build deadline into EUNAVAILABLE).
package gasrisk

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes: what went wrong, in terms a caller can act on. web maps
// each to one HTTP status; the CLI prints the message.
//
// They are untyped string constants rather than a named type: callers keep
// codes in string fields and variables (test tables, audit outcomes), which
// a named type would no longer accept.
const (
	EINVALID       = "invalid"       // the input is malformed or out of range
	ENOTFOUND      = "not_found"     // no such thing
	ECONFLICT      = "conflict"      // not allowed in the current state
	EUNAUTHORIZED  = "unauthorized"  // no or unknown credentials
	EFORBIDDEN     = "forbidden"     // credentials lack the role
	ETOOLARGE      = "too_large"     // the input exceeds a configured limit
	EUNPROCESSABLE = "unprocessable" // well-formed but impossible (e.g. a self-intersecting area)
	ERATELIMIT     = "rate_limited"  // too many requests
	EMEDIATYPE     = "media_type"    // the body is not of a media type the operation takes
	EUNAVAILABLE   = "unavailable"   // a dependency (the database) is down
	EINTERNAL      = "internal"      // a bug or an unexpected failure
)

// Error is an error with a code and a message safe to show to users and,
// optionally, the operation that failed and the underlying cause.
//
// Code and Message may be left empty to inherit them from Err, as E and
// Wrap do: an empty Code is that of Err (EINTERNAL if Err has none), an
// empty Message that of Err when the codes agree, else a generic text for
// the code. Read them with ErrorCode and ErrorMessage rather than from the
// fields. The literal &Error{Op, Code, Message, Err} sets all four.
type Error struct {
	Op      string // the operation that failed, e.g. "ledger.Move"; "" if not named
	Code    string // one of EINVALID … EINTERNAL; "" inherits Err's
	Message string // safe to show users; "" inherits Err's (see above)
	Err     error  // the cause, for logs only, never shown to users; may be nil
}

// Error renders "op: message: cause", leaving out what is empty. A message
// inherited from the cause is not repeated; an error with a code but no
// message of its own shows the code's generic text. Unlike ErrorMessage,
// it includes the cause: it is for logs, not for users.
func (e *Error) Error() string {
	var b strings.Builder
	add := func(s string) {
		if s == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(s)
	}
	add(e.Op)
	switch {
	case e.Message != "":
		add(e.Message)
	case e.Code != "" && (e.Err == nil || ErrorCode(e.Err) != e.Code):
		add(defaultMessage(e.Code))
	}
	if e.Err != nil {
		add(e.Err.Error())
	}
	if b.Len() == 0 {
		return defaultMessage(ErrorCode(e))
	}
	return b.String()
}

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// E returns an error for operation op with the given code, caused by err.
// Its message is err's when err already has this code (as a user would
// have been told without op), else the code's generic text; either way
// err's own text reaches only the logs. err may be nil, code "" inherits
// err's code as Wrap does.
//
// Use it where a layer classifies a failure from below, e.g. a driver's
// connection error as EUNAVAILABLE. For a message of your own as well,
// write the literal &Error{Op: op, Code: code, Message: msg, Err: err}.
func E(op, code string, err error) error {
	return &Error{Op: op, Code: code, Err: err}
}

// Wrap returns err with operation op added, keeping err's code and message
// (an error without a code stays EINTERNAL); nil for a nil err, so that
// `return gasrisk.Wrap(op, err)` can end a function.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain that sets
// one, EINTERNAL for any other error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	for errors.As(err, &e) {
		if e.Code != "" {
			return e.Code
		}
		if e.Err == nil {
			break
		}
		err = e.Err
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err: that of the first
// *Error in its chain, or a generic one for its code (for internal errors,
// "internal error"); the causes stay in the logs.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case !errors.As(err, &e):
		return defaultMessage(EINTERNAL)
	case e.Message != "":
		return e.Message
	}
	code := ErrorCode(e)
	if e.Err != nil && ErrorCode(e.Err) == code {
		return ErrorMessage(e.Err)
	}
	return defaultMessage(code)
}

// ErrorOp returns the outermost operation named in err's chain, "" if
// none is.
func ErrorOp(err error) string {
	var e *Error
	for errors.As(err, &e) {
		if e.Op != "" {
			return e.Op
		}
		if e.Err == nil {
			break
		}
		err = e.Err
	}
	return ""
}

// defaultMessage is the generic user message of a code.
func defaultMessage(code string) string {
	switch code {
	case EINVALID:
		return "invalid request"
	case ENOTFOUND:
		return "not found"
	case ECONFLICT:
		return "not allowed in the current state"
	case EUNAUTHORIZED:
		return "unauthorized"
	case EFORBIDDEN:
		return "forbidden"
	case ETOOLARGE:
		return "request too large"
	case EUNPROCESSABLE:
		return "unprocessable request"
	case EMEDIATYPE:
		return "unsupported media type"
	case ERATELIMIT:
		return "too many requests"
	case EUNAVAILABLE:
		return "service unavailable"
	}
	return "internal error"
}
