package tiles

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"

	"gasrisk/geo"
)

// fakeSource is an in-memory Source: every tile of a layer holds the
// features that feats returns, and versions are set by the test.
type fakeSource struct {
	mu       sync.Mutex
	versions map[string]string
	failVers error
	feats    func(layer string) []*geojson.Feature

	versionCalls, mvtCalls, boundsCalls atomic.Int64
	block                               chan struct{} // when set, TileMVT waits for it
}

func newFake() *fakeSource {
	return &fakeSource{versions: map[string]string{
		"segments": "r1", "hazards": "r1-i1", "stations": "r1-i1", "buildings": "i2",
		"sewers": "i3", "districts": "i4", "pipes": "i5",
	}}
}

func (f *fakeSource) set(layer, version string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.versions[layer] = version
}

func (f *fakeSource) TileVersions(ctx context.Context) (map[string]string, error) {
	f.versionCalls.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failVers != nil {
		return nil, f.failVers
	}
	m := map[string]string{}
	for k, v := range f.versions {
		m[k] = v
	}
	return m, nil
}

func (f *fakeSource) TileMVT(ctx context.Context, layer string, t geo.Tile, version string) ([]byte, error) {
	f.mvtCalls.Add(1)
	if f.block != nil {
		<-f.block
	}
	var feats []*geojson.Feature
	if f.feats != nil {
		feats = f.feats(layer)
	} else {
		// a feature whose properties name the layer, version and tile
		g := geojson.NewFeature(orb.LineString{{0, 0}, {4096, 4096}})
		g.ID = uint64(t.X + 1)
		g.Properties["grade"] = "red"
		g.Properties["version"] = version
		g.Properties["tile"] = t.String()
		feats = []*geojson.Feature{g}
	}
	if len(feats) == 0 {
		return nil, nil
	}
	return mvt.Marshal(mvt.Layers{{Name: layer, Version: 2, Extent: Extent, Features: feats}})
}

func (f *fakeSource) TileBounds(ctx context.Context, layer, version string) (geo.BBox, bool, error) {
	f.boundsCalls.Add(1)
	if layer == "pipes" {
		return geo.BBox{}, false, nil
	}
	return geo.BBox{W: 114.1, S: 30.4, E: 114.5, N: 30.8}, true, nil
}

var errDown = errors.New("connection refused")

// decodeOrb decodes a tile with orb's decoder, failing the test on error.
func decodeOrb(t *testing.T, b []byte) mvt.Layers {
	t.Helper()
	ls, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatalf("orb cannot decode the tile: %v", err)
	}
	return ls
}

// manyLines is a tile's worth of features: 500 lines in four grades.
func manyLines(layer string) []*geojson.Feature {
	var out []*geojson.Feature
	grades := []string{"blue", "yellow", "orange", "red"}
	for i := 0; i < 500; i++ {
		y := float64(i * 8)
		f := geojson.NewFeature(orb.LineString{{0, y}, {2048, y + 4}, {4096, y}})
		f.ID = uint64(i + 1)
		f.Properties["grade"] = grades[i%4]
		f.Properties["findings"] = "aged"
		f.Properties["score"] = float64(i) / 3
		out = append(out, f)
	}
	return out
}
