package tiles

import (
	"context"
	"encoding/json"
	"testing"

	"gasrisk"
)

func TestTileJSON(t *testing.T) {
	src := newFake()
	s := New(src, testConfig())
	ctx := context.Background()
	tj, err := s.TileJSON(ctx, "segments", "https://maps.example.org:8443", MVT)
	if err != nil {
		t.Fatal(err)
	}
	if tj.TileJSON != "3.0.0" || tj.Scheme != "xyz" || len(tj.Tiles) != 1 ||
		tj.Tiles[0] != "https://maps.example.org:8443/tiles/segments/{z}/{x}/{y}.mvt" {
		t.Errorf("tilejson %+v", tj)
	}
	if tj.Bounds != [4]float64{114.1, 30.4, 114.5, 30.8} || tj.Center[0] != 114.3 || tj.Center[2] < 8 || tj.Center[2] > 12 {
		t.Errorf("bounds %v center %v", tj.Bounds, tj.Center)
	}
	if tj.MinZoom != 0 || tj.MaxZoom != 16 || len(tj.VectorLayers) != 1 || tj.VectorLayers[0].ID != "segments" ||
		tj.VectorLayers[0].Fields["grade"] != "String" || tj.VectorLayers[0].Fields["score"] != "Number" ||
		tj.VectorLayers[0].Fields["occupied"] != "Boolean" {
		t.Errorf("vector layers %+v", tj.VectorLayers)
	}
	b, _ := json.Marshal(tj)
	var generic map[string]any
	json.Unmarshal(b, &generic)
	for _, k := range []string{"tilejson", "tiles", "bounds", "minzoom", "maxzoom", "vector_layers", "center", "name"} {
		if _, ok := generic[k]; !ok {
			t.Errorf("TileJSON lacks %q", k)
		}
	}
	// bounds are asked once per version
	s.TileJSON(ctx, "segments", "http://x", MVT)
	if n := src.boundsCalls.Load(); n != 1 {
		t.Errorf("bounds asked %d times", n)
	}
	src.set("segments", "r2")
	s.Invalidate()
	s.TileJSON(ctx, "segments", "http://x", MVT)
	if n := src.boundsCalls.Load(); n != 2 {
		t.Errorf("bounds not asked again after a new run (%d)", n)
	}
	// raster: .png URLs, no vector layers; empty layer: the whole world
	tj, err = s.TileJSON(ctx, "pipes", "http://h", PNG)
	if err != nil || tj.Tiles[0] != "http://h/tiles/pipes/{z}/{x}/{y}.png" || tj.VectorLayers != nil ||
		tj.Bounds[0] != -180 || tj.Bounds[2] != 180 {
		t.Errorf("png tilejson %+v %v", tj, err)
	}
	if tj.Center[2] < 12 {
		t.Errorf("center zoom %v below the layer's minzoom", tj.Center)
	}
	if _, err := s.TileJSON(ctx, "nope", "http://h", MVT); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("unknown layer: %v", err)
	}
}
