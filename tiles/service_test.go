package tiles

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"sync"
	"testing"
	"time"

	"gasrisk"
	"gasrisk/geo"
)

func testConfig() Config {
	c := DefaultConfig()
	c.VersionTTL = time.Hour // tests expire versions explicitly with Invalidate
	return c
}

func mvtReq(layer string, z, x, y int) Request {
	return Request{Layer: layer, Tile: geo.Tile{Z: z, X: x, Y: y}, Format: MVT, Scale: 1}
}

func mustGet(t *testing.T, s *Service, r Request) *Tile {
	t.Helper()
	tl, err := s.Get(context.Background(), r)
	if err != nil {
		t.Fatalf("Get(%+v): %v", r, err)
	}
	return tl
}

func TestServiceHitMiss(t *testing.T) {
	src := newFake()
	s := New(src, testConfig())
	a := mustGet(t, s, mvtReq("segments", 14, 13397, 6731))
	b := mustGet(t, s, mvtReq("segments", 14, 13397, 6731))
	if a != b {
		t.Error("second request was not served from the cache")
	}
	mustGet(t, s, mvtReq("segments", 14, 13398, 6731))
	st := s.Stats()
	if st.Hits != 1 || st.Misses != 2 || st.Builds != 2 || src.mvtCalls.Load() != 2 || st.Entries != 2 {
		t.Errorf("stats %+v, source calls %d", st, src.mvtCalls.Load())
	}
	if src.versionCalls.Load() != 1 {
		t.Errorf("versions asked %d times, want once within the TTL", src.versionCalls.Load())
	}
	if a.ContentType != "application/vnd.mapbox-vector-tile" || a.Version != "r1" {
		t.Errorf("tile %q version %q", a.ContentType, a.Version)
	}
	ls := decodeOrb(t, a.Data)
	if len(ls) != 1 || ls[0].Name != "segments" || ls[0].Features[0].Properties["tile"] != "14/13397/6731" {
		t.Errorf("wrong tile content: %+v", ls[0].Features[0].Properties)
	}
}

func TestServiceETagAndGzip(t *testing.T) {
	src := newFake()
	s := New(src, testConfig())
	a := mustGet(t, s, mvtReq("segments", 14, 1, 1))
	if len(a.ETag) < 10 || a.ETag[0] != '"' || a.ETag[len(a.ETag)-1] != '"' || a.ETagGzip == a.ETag {
		t.Errorf("ETags %s %s", a.ETag, a.ETagGzip)
	}
	// the same bytes built again (cache off) get the same ETag
	c := testConfig()
	c.CacheBytes = 0
	s2 := New(src, c)
	b := mustGet(t, s2, mvtReq("segments", 14, 1, 1))
	if b.ETag != a.ETag {
		t.Errorf("ETag not stable: %s vs %s", a.ETag, b.ETag)
	}
	if mustGet(t, s2, mvtReq("segments", 14, 2, 1)).ETag == a.ETag {
		t.Error("different tiles share an ETag")
	}
	// a tile large enough is stored gzipped too, and unzips to the same bytes
	src.feats = manyLines
	big := mustGet(t, s2, mvtReq("segments", 14, 5, 5))
	if big.Gzip == nil || len(big.Gzip) >= len(big.Data) {
		t.Fatalf("no useful gzip copy: %d vs %d bytes", len(big.Gzip), len(big.Data))
	}
	zr, err := gzip.NewReader(bytes.NewReader(big.Gzip))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(zr)
	if !bytes.Equal(raw, big.Data) {
		t.Error("gzip copy differs")
	}
	// PNG is never gzipped
	p := mustGet(t, s2, Request{Layer: "segments", Tile: geo.Tile{Z: 14, X: 5, Y: 5}, Format: PNG, Scale: 1})
	if p.Gzip != nil || p.ContentType != "image/png" {
		t.Errorf("png: gzip %d bytes, type %s", len(p.Gzip), p.ContentType)
	}
}

// TestServiceInvalidation: a new analysis run changes the versions of the
// run's layers only; their entries are dropped, context layers stay cached.
func TestServiceInvalidation(t *testing.T) {
	src := newFake()
	s := New(src, testConfig())
	layers := []string{"segments", "hazards", "stations", "buildings", "sewers", "districts", "pipes"}
	first := map[string]*Tile{}
	for _, l := range layers {
		first[l] = mustGet(t, s, mvtReq(l, 16, 100, 100))
		mustGet(t, s, Request{Layer: l, Tile: geo.Tile{Z: 16, X: 100, Y: 100}, Format: PNG, Scale: 2})
	}
	builds := s.Stats().Builds
	src.set("segments", "r2")
	src.set("hazards", "r2-i1")
	src.set("stations", "r2-i1")
	s.Invalidate()
	for _, l := range layers {
		got := mustGet(t, s, mvtReq(l, 16, 100, 100))
		byRun := l == "segments" || l == "hazards" || l == "stations"
		if (got != first[l]) != byRun {
			t.Errorf("%s: rebuilt %v, want %v", l, got != first[l], byRun)
		}
		if byRun && got.Version != src.versions[l] {
			t.Errorf("%s: version %q", l, got.Version)
		}
	}
	st := s.Stats()
	if st.Builds-builds != 3 {
		t.Errorf("%d tiles rebuilt, want 3", st.Builds-builds)
	}
	if st.Purged != 6 { // the MVT and PNG entries of the three run layers
		t.Errorf("purged %d entries, want 6", st.Purged)
	}
	if st.Entries != 11 {
		t.Errorf("%d entries left, want 11", st.Entries)
	}
	// an import of buildings invalidates buildings only
	src.set("buildings", "i9")
	s.Invalidate()
	b := s.Stats().Builds
	for _, l := range layers {
		mustGet(t, s, mvtReq(l, 16, 100, 100))
	}
	if got := s.Stats().Builds - b; got != 1 {
		t.Errorf("after a buildings import %d tiles rebuilt, want 1", got)
	}
}

func TestServiceVersionTTL(t *testing.T) {
	src := newFake()
	c := testConfig()
	c.VersionTTL = 50 * time.Millisecond
	s := New(src, c)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				mustGet(t, s, mvtReq("segments", 10, 1, 1))
			}
		}()
	}
	wg.Wait()
	if n := src.versionCalls.Load(); n > 3 {
		t.Errorf("versions asked %d times for 1600 requests", n)
	}
	src.set("segments", "r7")
	time.Sleep(60 * time.Millisecond)
	if v := mustGet(t, s, mvtReq("segments", 10, 1, 1)).Version; v != "r7" {
		t.Errorf("after the TTL the version is %q", v)
	}
}

func TestServiceSingleBuild(t *testing.T) {
	src := newFake()
	src.block = make(chan struct{})
	s := New(src, testConfig())
	var wg sync.WaitGroup
	tilesGot := make([]*Tile, 10)
	for i := range tilesGot {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tilesGot[i] = mustGet(t, s, mvtReq("segments", 12, 3, 3))
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(src.block)
	wg.Wait()
	if n := src.mvtCalls.Load(); n != 1 {
		t.Errorf("10 concurrent requests built the tile %d times", n)
	}
	for _, tl := range tilesGot[1:] {
		if tl != tilesGot[0] {
			t.Error("requests got different tiles")
		}
	}
}

func TestServiceMinZoomSkipsSource(t *testing.T) {
	src := newFake()
	s := New(src, testConfig())
	tl := mustGet(t, s, mvtReq("buildings", 13, 1, 1))
	if len(tl.Data) != 0 || src.mvtCalls.Load() != 0 {
		t.Errorf("buildings at z13: %d bytes, %d source calls", len(tl.Data), src.mvtCalls.Load())
	}
	if png := mustGet(t, s, Request{Layer: "buildings", Tile: geo.Tile{Z: 13, X: 1, Y: 1}, Format: PNG}); len(png.Data) == 0 {
		t.Error("empty raster tile has no PNG")
	}
}

func TestServiceErrors(t *testing.T) {
	src := newFake()
	s := New(src, testConfig())
	ctx := context.Background()
	if _, err := s.Get(ctx, mvtReq("nope", 1, 0, 0)); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("unknown layer: %v", err)
	}
	if _, err := s.Get(ctx, mvtReq("segments", 1, 2, 0)); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
		t.Errorf("bad tile: %v", err)
	}
	if _, err := s.Get(ctx, Request{Layer: "segments", Tile: geo.Tile{Z: 1}, Format: PNG, Scale: 3}); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
		t.Errorf("bad scale: %v", err)
	}
	// database down before any version is known: the error surfaces
	src.failVers = errDown
	if _, err := s.Get(ctx, mvtReq("segments", 1, 0, 0)); err == nil {
		t.Error("no error with the source down")
	}
	// once versions are known, a failing refresh keeps serving cached tiles
	src.failVers = nil
	want := mustGet(t, s, mvtReq("segments", 1, 0, 0))
	src.failVers = errDown
	s.Invalidate()
	if got := mustGet(t, s, mvtReq("segments", 1, 0, 0)); got != want {
		t.Error("cached tile not served while the source is down")
	}
}

func TestCacheBound(t *testing.T) {
	c := newLRU(3000)
	mk := func(n int) *Tile { return &Tile{Data: make([]byte, n)} }
	k := func(i int) key { return key{layer: "segments", version: "r1", tile: geo.Tile{Z: 5, X: i}} }
	for i := 0; i < 3; i++ {
		c.add(k(i), mk(700)) // 900 bytes each with overhead
	}
	c.get(k(0)) // 0 is now the most recent; 1 the least
	c.add(k(3), mk(700))
	if _, ok := c.get(k(1)); ok {
		t.Error("least recently used entry not evicted")
	}
	for _, i := range []int{0, 2, 3} {
		if _, ok := c.get(k(i)); !ok {
			t.Errorf("entry %d evicted", i)
		}
	}
	if n, b := c.stats(); n != 3 || b > 3000 {
		t.Errorf("%d entries, %d bytes", n, b)
	}
	c.add(k(9), mk(5000)) // larger than the whole cache: not stored
	if _, ok := c.get(k(9)); ok {
		t.Error("oversized entry stored")
	}
	c.add(key{layer: "buildings", version: "i1"}, mk(10))
	if n := c.purge("segments", "r2"); n != 3 {
		t.Errorf("purged %d", n)
	}
	if n, _ := c.stats(); n != 1 {
		t.Errorf("%d entries after purge", n)
	}
	off := newLRU(0)
	off.add(k(1), mk(1))
	if _, ok := off.get(k(1)); ok {
		t.Error("disabled cache stored a tile")
	}
}
