// Package permits checks planned third-party works against the current
// run's segments and keeps the tickets. The decision and its measures
// are made by package permit; this package finds the segments within
// reach and stores the ticket, the works record and the audit entry.
package permits

import "gasrisk/data"

// Service is the permits service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }
