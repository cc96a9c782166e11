// Package importer loads the layers of a city (pipes, stations, buildings,
// sewers, places, districts, detectors) from GeoJSON or any file GDAL
// reads: fields mapped to the canonical vocabulary, geometries checked
// and transformed, each layer replaced all-or-nothing.
package importer

import "gasrisk/data"

// Service is the importer service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }
