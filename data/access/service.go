// Package access keeps the API keys (roles, hashes, revocation) and the
// append-only audit log.
package access

import "gasrisk/data"

// Service is the access service over the shared database.
type Service struct {
	db    *data.DB
	cache *keyCache
}

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db, cache: newKeyCache()} }
