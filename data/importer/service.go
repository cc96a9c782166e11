// Package importer loads the layers of a city (pipes, stations, buildings,
// sewers, places, districts, detectors) from GeoJSON or any file GDAL
// reads: fields mapped to the canonical vocabulary, geometries checked
// and transformed, each layer replaced all-or-nothing.
package importer

import (
	"context"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
)

// Service is the importer service over the shared database.
type Service struct{ db *data.DB }

// New returns the service over db.
func New(db *data.DB) *Service { return &Service{db: db} }

// Empty returns those of the named layers that hold no features.
func (s *Service) Empty(ctx context.Context, layers ...string) (_ []string, err error) {
	defer data.Annotate(&err, "importer.Empty")
	var empty []string
	for _, name := range layers {
		l, err := LookupLayer(name)
		if err != nil {
			return nil, err
		}
		var has bool
		q := `SELECT EXISTS (SELECT 1 FROM ` + pgx.Identifier{l.Table()}.Sanitize() + `)`
		if err := s.db.Pool.QueryRow(ctx, q).Scan(&has); err != nil {
			return nil, err
		}
		if !has {
			empty = append(empty, l.Name)
		}
	}
	return empty, nil
}
