// Package permits checks planned third-party works against the current
// run's segments and keeps the tickets. The decision and its measures
// are made by package permit; this package finds the segments within
// reach and stores the ticket, the works record and the audit entry.
package permits

import (
	"context"
	"gasrisk/data"

	"github.com/jackc/pgx/v5"
)

// Service is the permits service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }

// querier is what a check sends its statements to: the pool (each
// statement, or batch, on a connection of its own).
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}
