package data

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"

	"gasrisk"
)

// Annotate names the operation that failed on the error a data service
// returns, and classifies the database's failures, so that one line at the
// top of each exported method does it for every return (docs/design.md §1,
// "Errors"):
//
//	func (s *Service) Hazards(ctx context.Context, f Filter) (_ Page, err error) {
//		defer data.Annotate(&err, "ledger.Hazards")
//
// op is "package.Method". A nil *errp stays nil. Otherwise *errp becomes a
// *gasrisk.Error with Op op and the old error as its cause:
//
//   - an error that already has a code (a *gasrisk.Error below, such as
//     ENOTFOUND or a conflict) keeps its code and message (gasrisk.Wrap);
//   - context.Canceled and context.DeadlineExceeded stay what they are
//     (EINTERNAL, wrapped with op): the caller gave up, the database may be
//     fine; a layer above may say otherwise (tiles makes its build deadline
//     EUNAVAILABLE);
//   - a database that cannot be reached becomes EUNAVAILABLE with the
//     message "the database is unavailable": a failed connection attempt
//     (*pgconn.ConnectError), a pool that was closed (pgxpool's "closed
//     pool"), a connection the driver closed ("conn closed") or that broke
//     (a net.Error, or io.ErrUnexpectedEOF in mid-message), and the server's
//     SQLSTATE class 08 (connection exception), 57P01 and 57P02 (admin and
//     crash shutdown) and 57P03 (cannot connect now). A bare io.EOF is not
//     one: readers of imported files end with it;
//   - anything else keeps op and stays EINTERNAL.
//
// Streaming methods (exports) keep returning what they wrote: Annotate
// only replaces the error.
func Annotate(errp *error, op string) {
	if *errp != nil {
		*errp = annotate(op, *errp)
	}
}

// annotate is Annotate on a non-nil error.
func annotate(op string, err error) error {
	if gasrisk.ErrorCode(err) == gasrisk.EINTERNAL && unreachable(err) {
		return &gasrisk.Error{Op: op, Code: gasrisk.EUNAVAILABLE, Message: "the database is unavailable", Err: err}
	}
	return gasrisk.Wrap(op, err)
}

// unreachable reports whether err says the database cannot be reached,
// rather than that the caller gave up or a statement failed.
func unreachable(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false // context.DeadlineExceeded is also a net.Error
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &ce), errors.Is(err, puddle.ErrClosedPool), errors.Is(err, pgconn.ErrConnClosed),
		errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &ne):
		return true
	case errors.As(err, &pe):
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	return false
}
