// Package plans finds the renewal candidates of the current run, with
// which of them touch, and stores named renewal plans with their inputs,
// jobs and progress (docs/risk-model.md §11). The planning itself is the
// pure package renewal.
package plans

import "gasrisk/data"

// Service is the plans service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }
