package tiles

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"gasrisk"
)

// Config tunes a Service.
type Config struct {
	// CacheBytes bounds the in-memory tile cache (tile bytes plus gzipped
	// copies); 0 turns caching off.
	CacheBytes int64
	// VersionTTL is how long the layer versions are trusted before the
	// Source is asked again: the most a new analysis run or import waits
	// before its tiles are served.
	VersionTTL time.Duration
	// MaxAge is the Cache-Control max-age given to clients.
	MaxAge time.Duration
	// BuildTimeout bounds the building of one tile.
	BuildTimeout time.Duration
	// GzipLevel compresses vector tiles (compress/gzip levels).
	GzipLevel int
}

// DefaultConfig returns the configuration gasrisk serve uses.
func DefaultConfig() Config {
	return Config{
		CacheBytes:   256 << 20,
		VersionTTL:   time.Second,
		MaxAge:       60 * time.Second,
		BuildTimeout: 30 * time.Second,
		GzipLevel:    gzip.DefaultCompression,
	}
}

// Service answers tile requests from its cache or its Source. It is safe
// for concurrent use.
type Service struct {
	src    Source
	cfg    Config
	layers map[string]Layer
	cache  *lru
	vers   *versions
	flight singleflight.Group
	render *renderer
	bounds boundsCache
	stats  counters
	// scenarios are the versions of the what-if runs asked for
	scenarios scenarioVersions
}

// counters are the Service's statistics.
type counters struct {
	hits, misses, builds, purged atomic.Int64
}

// Stats is a snapshot of a Service's cache statistics.
type Stats struct {
	Hits, Misses int64 // requests served from / not found in the cache
	Builds       int64 // tiles built (Source queries and renders)
	Purged       int64 // entries dropped because their layer's version changed
	Entries      int   // tiles in the cache
	Bytes        int64 // bytes the cache holds
}

// New returns a Service over src.
func New(src Source, cfg Config) *Service {
	s := &Service{src: src, cfg: cfg, layers: map[string]Layer{}, cache: newLRU(cfg.CacheBytes), render: newRenderer()}
	for _, l := range Layers() {
		s.layers[l.Name] = l
	}
	s.scenarios.ttl = cfg.VersionTTL
	s.vers = &versions{src: src, ttl: cfg.VersionTTL, now: time.Now, onChange: func(layer, version string) {
		s.stats.purged.Add(int64(s.cache.purge(layer, version)))
	}}
	return s
}

// Config returns the Service's configuration.
func (s *Service) Config() Config { return s.cfg }

// Layer returns the named layer.
func (s *Service) Layer(name string) (Layer, bool) {
	l, ok := s.layers[name]
	return l, ok
}

// Stats returns the cache statistics.
func (s *Service) Stats() Stats {
	n, b := s.cache.stats()
	return Stats{Hits: s.stats.hits.Load(), Misses: s.stats.misses.Load(), Builds: s.stats.builds.Load(),
		Purged: s.stats.purged.Load(), Entries: n, Bytes: b}
}

// Invalidate makes the next request ask the Source for the layer versions
// again (e.g. right after an analysis run in the same process).
func (s *Service) Invalidate() { s.vers.expire() }

// Versions returns the current version of every layer.
func (s *Service) Versions(ctx context.Context) (map[string]string, error) {
	v, err := s.vers.get(ctx)
	return v, sourceErr(err)
}

// Get returns the tile req names, from the cache when it holds the tile
// at the layer's current version.
func (s *Service) Get(ctx context.Context, req Request) (*Tile, error) {
	return s.GetScenario(ctx, req, "")
}

// GetScenario is Get drawing the what-if run of the named scenario
// (ScenarioSource) instead of the current run; "" is the current run. The
// cache keys a scenario's tiles by the scenario's version (its run).
func (s *Service) GetScenario(ctx context.Context, req Request, scenario string) (*Tile, error) {
	spec, ok := s.layers[req.Layer]
	if !ok {
		return nil, gasrisk.Errorf(gasrisk.ENOTFOUND, "no tile layer %q", req.Layer)
	}
	if !req.Tile.Valid() {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "no tile %s", req.Tile)
	}
	scale := req.Scale
	switch {
	case req.Format == MVT || scale == 0:
		scale = 1
	case scale != 1 && scale != 2:
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "tile scale %d: use 1 or 2", scale)
	}
	var version string
	if scenario != "" {
		v, err := s.scenarioVersion(ctx, req.Layer, scenario)
		if err != nil {
			return nil, err
		}
		version = v
	} else {
		vers, err := s.vers.get(ctx)
		if err != nil {
			return nil, sourceErr(err)
		}
		version = vers[req.Layer]
	}
	return s.get(ctx, spec, key{layer: req.Layer, version: version, tile: req.Tile, format: req.Format, scale: scale})
}

// get serves k from the cache or builds it, once however many ask at a time.
func (s *Service) get(ctx context.Context, spec Layer, k key) (*Tile, error) {
	if t, ok := s.cache.get(k); ok {
		s.stats.hits.Add(1)
		return t, nil
	}
	s.stats.misses.Add(1)
	name := fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%d", k.layer, k.version, k.tile, k.format, k.scale)
	ch := s.flight.DoChan(name, func() (any, error) {
		// The build outlives a client that gives up: others may wait for it.
		bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.BuildTimeout)
		defer cancel()
		t, err := s.build(bctx, spec, k)
		if err != nil {
			return nil, err
		}
		s.cache.add(k, t)
		return t, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, sourceErr(r.Err)
		}
		return r.Val.(*Tile), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// build makes the tile of k: the Source's MVT, or a PNG drawn from it.
func (s *Service) build(ctx context.Context, spec Layer, k key) (*Tile, error) {
	s.stats.builds.Add(1)
	if k.format == MVT {
		var data []byte
		if k.tile.Z >= spec.MinZoom {
			var err error
			if data, err = s.src.TileMVT(ctx, k.layer, k.tile, k.version); err != nil {
				return nil, err
			}
		}
		return s.finish(data, k), nil
	}
	vk := k
	vk.format, vk.scale = MVT, 1
	vt, err := s.get(ctx, spec, vk)
	if err != nil {
		return nil, err
	}
	layers, err := decodeMVT(vt.Data)
	if err != nil {
		return nil, fmt.Errorf("decode %s tile %s: %w", k.layer, k.tile, err)
	}
	img, err := s.render.render(layers, spec, k.tile.Z, k.scale)
	if err != nil {
		return nil, fmt.Errorf("render %s tile %s: %w", k.layer, k.tile, err)
	}
	return s.finish(img, k), nil
}

// finish wraps the bytes of a tile with its ETag and, for vector tiles
// that shrink, its gzipped copy.
func (s *Service) finish(data []byte, k key) *Tile {
	if data == nil {
		data = []byte{}
	}
	sum := sha256.Sum256(data)
	tag := base64.RawURLEncoding.EncodeToString(sum[:15])
	t := &Tile{Data: data, ETag: `"` + tag + `"`, ETagGzip: `"` + tag + `-gz"`, ContentType: k.format.ContentType(), Version: k.version}
	if k.format == MVT && len(data) > 128 {
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, s.cfg.GzipLevel)
		if err == nil {
			zw.Write(data)
			zw.Close()
			if buf.Len() < len(data)*9/10 {
				t.Gzip = bytes.Clone(buf.Bytes())
			}
		}
	}
	return t
}

// sourceErr turns failures of the Source into errors a client can be told
// about: a timeout means the database is too slow or unreachable.
func sourceErr(err error) error {
	if err == nil || gasrisk.ErrorCode(err) != gasrisk.EINTERNAL {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return gasrisk.Errorf(gasrisk.EUNAVAILABLE, "tile could not be built in time")
	}
	return err
}
