package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"

	"gasrisk"
)

// TestAnnotate checks how Annotate names the operation and classifies
// the errors of the driver, without a database.
func TestAnnotate(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	notFound := gasrisk.Errorf(gasrisk.ENOTFOUND, "no hazard 7")
	const down = "the database is unavailable"
	tests := []struct {
		name      string
		err       error
		code, msg string
	}{
		{"a failed connection attempt", connectError(t), gasrisk.EUNAVAILABLE, down},
		{"a closed pool", puddle.ErrClosedPool, gasrisk.EUNAVAILABLE, down},
		{"a connection the driver closed", fmt.Errorf("query: %w", pgconn.ErrConnClosed), gasrisk.EUNAVAILABLE, down},
		{"a connection lost mid-message", io.ErrUnexpectedEOF, gasrisk.EUNAVAILABLE, down},
		{"a network error", refused, gasrisk.EUNAVAILABLE, down},
		{"a network error below a step", fmt.Errorf("detect: %w", refused), gasrisk.EUNAVAILABLE, down},
		{"a network error below an op without a code", gasrisk.Wrap("ledger.hazardHistory", refused), gasrisk.EUNAVAILABLE, down},
		{"admin shutdown 57P01", &pgconn.PgError{Code: "57P01"}, gasrisk.EUNAVAILABLE, down},
		{"crash shutdown 57P02", &pgconn.PgError{Code: "57P02"}, gasrisk.EUNAVAILABLE, down},
		{"cannot connect now 57P03", &pgconn.PgError{Code: "57P03"}, gasrisk.EUNAVAILABLE, down},
		{"connection failure 08006", &pgconn.PgError{Code: "08006"}, gasrisk.EUNAVAILABLE, down},
		{"connection exception 08000", fmt.Errorf("x: %w", &pgconn.PgError{Code: "08000"}), gasrisk.EUNAVAILABLE, down},
		{"query canceled 57014", &pgconn.PgError{Code: "57014"}, gasrisk.EINTERNAL, "internal error"},
		{"unique violation 23505", &pgconn.PgError{Code: "23505"}, gasrisk.EINTERNAL, "internal error"},
		{"context.Canceled", context.Canceled, gasrisk.EINTERNAL, "internal error"},
		{"context.DeadlineExceeded (a net.Error too)", fmt.Errorf("timeout: %w", context.DeadlineExceeded), gasrisk.EINTERNAL, "internal error"},
		{"a bare io.EOF (a file's end)", io.EOF, gasrisk.EINTERNAL, "internal error"},
		{"a coded error keeps its code and message", notFound, gasrisk.ENOTFOUND, "no hazard 7"},
		{"a coded error below a driver error's text", fmt.Errorf("move: %w", notFound), gasrisk.ENOTFOUND, "no hazard 7"},
		{"an inner method's classification is kept", annotated("data.CurrentRun", refused), gasrisk.EUNAVAILABLE, down},
		{"a plain error", errors.New("boom"), gasrisk.EINTERNAL, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := annotated("ledger.Hazards", tt.err)
			if got := gasrisk.ErrorCode(err); got != tt.code {
				t.Errorf("code %q, want %q (%v)", got, tt.code, err)
			}
			if got := gasrisk.ErrorMessage(err); got != tt.msg {
				t.Errorf("message %q, want %q", got, tt.msg)
			}
			if got := gasrisk.ErrorOp(err); got != "ledger.Hazards" {
				t.Errorf("op %q, want ledger.Hazards", got)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("the cause %v is lost: %v", tt.err, err)
			}
		})
	}
	t.Run("nil stays nil", func(t *testing.T) {
		if err := annotated("ledger.Hazards", nil); err != nil {
			t.Errorf("got %v", err)
		}
	})
}

// annotated returns err as a method annotated with op returns it.
func annotated(op string, err error) (res error) {
	defer Annotate(&res, op)
	return err
}

// connectError is a real *pgconn.ConnectError (its fields are unexported):
// nothing listens on port 1.
func connectError(t *testing.T) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgconn.Connect(ctx, "postgres://nobody@127.0.0.1:1/nothing?sslmode=disable&connect_timeout=5")
	if err == nil {
		c.Close(ctx)
		t.Fatal("connected to port 1")
	}
	var ce *pgconn.ConnectError
	if !errors.As(err, &ce) {
		t.Fatalf("%T %v is not a *pgconn.ConnectError", err, err)
	}
	return err
}
