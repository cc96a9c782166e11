// Package printsource reads what the printed risk map shows (segments,
// districts, hazards, extent) for an area, for printmap to draw.
package printsource

import "gasrisk/data"

// Service is the printsource service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }
