package importer

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// endless is a reader of n bytes of one letter, made up as read.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n)
	for i := range p[:k] {
		p[i] = 'x'
	}
	e.n -= k
	return int(k), nil
}

// allocated is how many bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHugeLineRefused: a 100 MB line from GDAL is refused having buffered
// no more than the feature limit.
func TestHugeLineRefused(t *testing.T) {
	var err error
	n := allocated(func() {
		err = scanFeatures(&endless{n: 100 << 20}, func(sourceFeature) error { return nil })
	})
	if err == nil || !strings.Contains(err.Error(), "larger than 32 MiB") {
		t.Fatalf("err = %v", err)
	}
	if n > 3*maxFeatureBytes {
		t.Errorf("allocated %d MiB for a refused line, want under %d", n>>20, 3*maxFeatureBytes>>20)
	}
}

// TestHugeGeoJSONFeatureRefused: a GeoJSON feature of 100 MB (one long
// property) is refused by the Go reader the same way.
func TestHugeGeoJSONFeatureRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.geojson")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"`)
	io.Copy(f, &endless{n: 100 << 20})
	f.WriteString(`"},"geometry":{"type":"Point","coordinates":[1,2]}}]}`)
	f.Close()
	var rerr error
	n := allocated(func() {
		rerr = readGeoJSON(context.Background(), path, func(int) error { return nil }, func(sourceFeature) error { return nil })
	})
	if rerr == nil || !strings.Contains(rerr.Error(), "feature 0 is larger than 32 MiB") {
		t.Fatalf("err = %v", rerr)
	}
	if n > 5*maxFeatureBytes { // the decoder's buffer doubles up to 64 MiB; unbounded, 100 MB would take over 350
		t.Errorf("allocated %d MiB for a refused feature, want under %d", n>>20, 5*maxFeatureBytes>>20)
	}
}
