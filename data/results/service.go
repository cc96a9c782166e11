// Package results reads the current run's results: counts and lengths
// per grade, finding and district, and one segment's assessment with its
// factors.
package results

import (
	"context"
	"gasrisk/data"
)

// Service is the results service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }

// CurrentRun is the id of the current run, 0 before the first.
func (s *Service) CurrentRun(ctx context.Context) (_ int64, err error) {
	defer data.Annotate(&err, "results.CurrentRun")
	return s.db.CurrentRun(ctx)
}
