// Package analysis runs detection and grading over the whole network:
// the spatial findings of each pipe (occupation, clearances, sewer
// crossings, third-party works), its dynamic segmentation, the risk model
// over every segment, the hazards found for the ledger, and the publish
// that makes the run current in one transaction.
package analysis

import "gasrisk/data"

// Service is the analysis service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }
