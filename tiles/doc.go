// Package tiles serves the risk map as tiles: Mapbox Vector Tiles (MVT 2.1,
// EPSG:3857, extent 4096) built by a Source (PostGIS ST_AsMVT in package
// data), PNG raster tiles rendered in Go from those same vector tiles,
// TileJSON 3.0 documents, and a bounded in-memory cache whose entries are
// keyed by each layer's data version, so a new analysis run or import
// invalidates exactly the layers it changed.
//
// The package does no SQL and no HTTP: web adapts requests to Service, data
// implements Source.
package tiles
