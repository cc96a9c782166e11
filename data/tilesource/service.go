// Package tilesource builds the map's vector tiles (MVT) in PostGIS:
// the graded segments of the current run, stations, buildings, sewers and
// open hazards, with the versions that key the tile cache.
package tilesource

import "gasrisk/data"

// Service is the tilesource service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }
