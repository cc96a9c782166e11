// Package export streams the current run, the stations and the hazards
// as GeoJSON, CSV or XLSX for planners' GIS, and serves the OGC API –
// Features collections over the same queries.
package export

import "gasrisk/data"

// Service is the export service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }
