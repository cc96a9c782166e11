package tiles

import (
	"context"

	"gasrisk/geo"
)

// Source produces the vector tiles and knows the version of every layer's
// data. package data implements it with PostGIS.
type Source interface {
	// TileVersions returns an opaque version string per layer name; a
	// layer's tiles change only when its version does (e.g. the current
	// analysis run for segments, the last import for buildings).
	TileVersions(ctx context.Context) (map[string]string, error)
	// TileMVT returns the layer's MVT for tile t, built from the data of
	// the given version (as TileVersions returned it); empty when the
	// tile has no features.
	TileMVT(ctx context.Context, layer string, t geo.Tile, version string) ([]byte, error)
	// TileBounds returns the lon/lat extent of the layer's data at the
	// given version; ok is false when the layer is empty.
	TileBounds(ctx context.Context, layer string, version string) (b geo.BBox, ok bool, err error)
}
