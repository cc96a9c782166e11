package tiles

import (
	"context"
	"sync"

	"gasrisk"
	"gasrisk/geo"
)

// TileJSON is a TileJSON 3.0.0 document
// (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0).
type TileJSON struct {
	TileJSON     string        `json:"tilejson"`
	Name         string        `json:"name"`
	Description  string        `json:"description,omitempty"`
	Version      string        `json:"version"`
	Attribution  string        `json:"attribution,omitempty"`
	Scheme       string        `json:"scheme"`
	Tiles        []string      `json:"tiles"`
	MinZoom      int           `json:"minzoom"`
	MaxZoom      int           `json:"maxzoom"`
	Bounds       [4]float64    `json:"bounds"`
	Center       [3]float64    `json:"center"`
	VectorLayers []VectorLayer `json:"vector_layers,omitempty"`
}

// VectorLayer describes one layer inside the vector tiles.
type VectorLayer struct {
	ID          string            `json:"id"`
	Description string            `json:"description,omitempty"`
	MinZoom     int               `json:"minzoom"`
	MaxZoom     int               `json:"maxzoom"`
	Fields      map[string]string `json:"fields"`
}

// boundsCache remembers each layer's extent at its version.
type boundsCache struct {
	mu sync.Mutex
	m  map[string]boundsEntry
}

type boundsEntry struct {
	version string
	b       geo.BBox
	ok      bool
}

// TileJSON describes the layer's tiles of format f, with absolute tile URLs
// under base (scheme://host, no trailing slash), the extent of the layer's
// current data (the whole world when it is empty) and, for vector tiles,
// its fields.
func (s *Service) TileJSON(ctx context.Context, layer, base string, f Format) (TileJSON, error) {
	spec, ok := s.layers[layer]
	if !ok {
		return TileJSON{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "no tile layer %q", layer)
	}
	vers, err := s.vers.get(ctx)
	if err != nil {
		return TileJSON{}, sourceErr(err)
	}
	b, err := s.layerBounds(ctx, layer, vers[layer])
	if err != nil {
		return TileJSON{}, sourceErr(err)
	}
	tj := TileJSON{
		TileJSON:    "3.0.0",
		Name:        "gasrisk " + layer,
		Description: spec.Description,
		Version:     "1.0.0",
		Scheme:      "xyz",
		Tiles:       []string{base + "/tiles/" + layer + "/{z}/{x}/{y}." + f.String()},
		MinZoom:     0,
		MaxZoom:     spec.MaxZoom,
		Bounds:      b.Array(),
	}
	cx, cy := b.Center()
	tj.Center = [3]float64{cx, cy, float64(max(spec.MinZoom, centerZoom(b)))}
	if f == MVT {
		fields := map[string]string{}
		for k, v := range spec.Fields {
			fields[k] = v
		}
		tj.VectorLayers = []VectorLayer{{ID: layer, Description: spec.Description, MinZoom: spec.MinZoom,
			MaxZoom: spec.MaxZoom, Fields: fields}}
	}
	return tj, nil
}

// layerBounds returns the layer's lon/lat extent at version, asking the
// Source once per version.
func (s *Service) layerBounds(ctx context.Context, layer, version string) (geo.BBox, error) {
	s.bounds.mu.Lock()
	e, ok := s.bounds.m[layer]
	s.bounds.mu.Unlock()
	if !ok || e.version != version {
		b, found, err := s.src.TileBounds(ctx, layer, version)
		if err != nil {
			return geo.BBox{}, err
		}
		e = boundsEntry{version: version, b: b, ok: found}
		s.bounds.mu.Lock()
		if s.bounds.m == nil {
			s.bounds.m = map[string]boundsEntry{}
		}
		s.bounds.m[layer] = e
		s.bounds.mu.Unlock()
	}
	if !e.ok {
		return geo.BBox{W: -180, S: -geo.MaxLat, E: 180, N: geo.MaxLat}, nil
	}
	return e.b, nil
}

// centerZoom is the deepest zoom at which b fits in one 1024 px view.
func centerZoom(b geo.BBox) int {
	for z := 18; z > 0; z-- {
		nw, se := geo.TileAt(b.W, b.N, z), geo.TileAt(b.E, b.S, z)
		if se.X-nw.X < 4 && se.Y-nw.Y < 4 {
			return z
		}
	}
	return 0
}
