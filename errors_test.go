package gasrisk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// dialError stands in for a driver's error type (pgconn.ConnectError,
// *net.OpError), which this package must not import.
type dialError struct{ addr string }

func (e *dialError) Error() string { return "dial tcp " + e.addr + ": connect: connection refused" }

// secrets are texts of causes that must never reach a user.
var secrets = []string{"connection refused", "disk full", "context canceled"}

func TestErrorCodeAndMessage(t *testing.T) {
	disk := errors.New("pq: disk full")
	conn := &dialError{"127.0.0.1:5432"}
	notFound := Errorf(ENOTFOUND, "hazard 7 not found")
	tests := []struct {
		name    string
		err     error
		code    string
		message string
		text    string // err.Error(), for the logs
		op      string
	}{
		{"nil", nil, "", "", "", ""},
		{"plain error is internal", disk, EINTERNAL, "internal error", "pq: disk full", ""},
		{"coded", Errorf(ENOTFOUND, "segment %d not found", 7), ENOTFOUND, "segment 7 not found", "segment 7 not found", ""},
		{"wrapped", fmt.Errorf("loading: %w", Errorf(EINVALID, "bad bbox")), EINVALID, "bad bbox", "loading: bad bbox", ""},
		{"joined: the coded one counts", errors.Join(disk, notFound), ENOTFOUND, "hazard 7 not found", "pq: disk full\nhazard 7 not found", ""},
		{"empty Error", &Error{}, EINTERNAL, "internal error", "internal error", ""},

		{"Wrap keeps code and message", Wrap("ledger.Move", notFound),
			ENOTFOUND, "hazard 7 not found", "ledger.Move: hazard 7 not found", "ledger.Move"},
		{"Wrap twice: the outer op first", Wrap("web.moveHazard", Wrap("ledger.Move", notFound)),
			ENOTFOUND, "hazard 7 not found", "web.moveHazard: ledger.Move: hazard 7 not found", "web.moveHazard"},
		{"Wrap of a plain error stays internal", Wrap("analysis.Analyze", disk),
			EINTERNAL, "internal error", "analysis.Analyze: pq: disk full", "analysis.Analyze"},
		{"Wrap of context.Canceled stays internal", Wrap("analysis.Analyze", context.Canceled),
			EINTERNAL, "internal error", "analysis.Analyze: context canceled", "analysis.Analyze"},
		{"Wrap through fmt.Errorf", Wrap("data.Export", fmt.Errorf("loading: %w", Errorf(EINVALID, "bad bbox"))),
			EINVALID, "bad bbox", "data.Export: loading: bad bbox", "data.Export"},
		{"fmt.Errorf around Wrap", fmt.Errorf("moving: %w", Wrap("ledger.Move", notFound)),
			ENOTFOUND, "hazard 7 not found", "moving: ledger.Move: hazard 7 not found", "ledger.Move"},

		{"E classifies a driver error", E("ledger.Move", EUNAVAILABLE, conn),
			EUNAVAILABLE, "service unavailable",
			"ledger.Move: service unavailable: dial tcp 127.0.0.1:5432: connect: connection refused", "ledger.Move"},
		{"Wrap of E keeps its code", Wrap("web.moveHazard", E("ledger.Move", EUNAVAILABLE, conn)),
			EUNAVAILABLE, "service unavailable",
			"web.moveHazard: ledger.Move: service unavailable: dial tcp 127.0.0.1:5432: connect: connection refused", "web.moveHazard"},
		{"E with the cause's code inherits its message", E("ledger.Move", ENOTFOUND, notFound),
			ENOTFOUND, "hazard 7 not found", "ledger.Move: hazard 7 not found", "ledger.Move"},
		{"E with another code hides the cause's message", E("ledger.Move", EINTERNAL, notFound),
			EINTERNAL, "internal error", "ledger.Move: internal error: hazard 7 not found", "ledger.Move"},
		{"E without a cause", E("ledger.Move", EINVALID, nil),
			EINVALID, "invalid request", "ledger.Move: invalid request", "ledger.Move"},
		{"E without a code is Wrap", E("ledger.Move", "", disk),
			EINTERNAL, "internal error", "ledger.Move: pq: disk full", "ledger.Move"},
		{"literal with a message of its own",
			&Error{Op: "tiles.Build", Code: EUNAVAILABLE, Message: "database unavailable: tiles cannot be built", Err: conn},
			EUNAVAILABLE, "database unavailable: tiles cannot be built",
			"tiles.Build: database unavailable: tiles cannot be built: dial tcp 127.0.0.1:5432: connect: connection refused", "tiles.Build"},
		{"op below an unnamed error", &Error{Code: EUNAVAILABLE, Err: Wrap("ledger.Move", disk)},
			EUNAVAILABLE, "service unavailable", "service unavailable: ledger.Move: pq: disk full", "ledger.Move"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
			msg := ErrorMessage(tt.err)
			if msg != tt.message {
				t.Errorf("message %q, want %q", msg, tt.message)
			}
			for _, s := range secrets {
				if strings.Contains(msg, s) {
					t.Errorf("message %q shows the cause %q", msg, s)
				}
			}
			if got := ErrorOp(tt.err); got != tt.op {
				t.Errorf("op %q, want %q", got, tt.op)
			}
			if tt.err == nil {
				return
			}
			if got := tt.err.Error(); got != tt.text {
				t.Errorf("Error() %q, want %q", got, tt.text)
			}
		})
	}
}

func TestWrapNil(t *testing.T) {
	if err := Wrap("ledger.Move", nil); err != nil {
		t.Fatalf("Wrap(op, nil) = %#v, want nil", err)
	}
}

// TestUnwrap checks errors.Is and errors.As see through E and Wrap to the
// cause, and that wrapping does not change the error it wraps.
func TestUnwrap(t *testing.T) {
	conn := &dialError{"db:5432"}
	notFound := Errorf(ENOTFOUND, "hazard 7 not found")
	inner := E("ledger.Move", EUNAVAILABLE, fmt.Errorf("begin: %w", conn))
	outer := Wrap("web.moveHazard", inner)

	t.Run("Unwrap", func(t *testing.T) {
		if got := errors.Unwrap(outer); got != inner {
			t.Errorf("Unwrap(outer) = %v, want the inner error", got)
		}
		if got := (&Error{Code: EINVALID}).Unwrap(); got != nil {
			t.Errorf("Unwrap without a cause = %v", got)
		}
	})
	t.Run("Is", func(t *testing.T) {
		for _, c := range []struct {
			err, target error
			want        bool
		}{
			{outer, conn, true},
			{outer, inner, true},
			{outer, notFound, false},
			{Wrap("a", Wrap("b", notFound)), notFound, true},
			{Wrap("analysis.Analyze", context.DeadlineExceeded), context.DeadlineExceeded, true},
			{Wrap("analysis.Analyze", context.DeadlineExceeded), context.Canceled, false},
			{E("tiles.Get", EUNAVAILABLE, context.DeadlineExceeded), context.DeadlineExceeded, true},
		} {
			if got := errors.Is(c.err, c.target); got != c.want {
				t.Errorf("Is(%v, %v) = %v, want %v", c.err, c.target, got, c.want)
			}
		}
	})
	t.Run("As", func(t *testing.T) {
		var de *dialError
		if !errors.As(outer, &de) || de != conn {
			t.Errorf("As *dialError: %v", de)
		}
		var ge *Error
		if !errors.As(outer, &ge) || ge.Op != "web.moveHazard" {
			t.Errorf("As *Error found %+v, want the outermost", ge)
		}
		if !errors.As(ge.Err, &ge) || ge.Op != "ledger.Move" || ge.Code != EUNAVAILABLE {
			t.Errorf("As *Error below it found %+v", ge)
		}
	})
	t.Run("wrapping leaves the cause alone", func(t *testing.T) {
		_ = E("x", EINTERNAL, Wrap("y", notFound))
		if *notFound != (Error{Code: ENOTFOUND, Message: "hazard 7 not found"}) {
			t.Errorf("cause changed to %+v", notFound)
		}
	})
}
