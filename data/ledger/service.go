// Package ledger loads and stores the hazard ledger (隐患台账): lists,
// details with their history, moves through the closed loop, the ledger
// and control-list exports and the ledger statistics. The rules of the
// loop (states, allowed moves, what a move needs) are in package hazard.
package ledger

import "gasrisk/data"

// Service is the ledger service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }
