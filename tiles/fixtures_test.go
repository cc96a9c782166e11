package tiles

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
)

// The decoder is checked against @mapbox/mvt-fixtures (CC0), fetched with
// `npm pack` into a temporary directory (set GASRISK_MVT_FIXTURES to a
// directory holding the unpacked package to skip the download). Without
// npm or the network, these tests are skipped.

const fixturesVersion = "4.0.0"

func fixturesDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("GASRISK_MVT_FIXTURES"); d != "" {
		return d
	}
	dir := filepath.Join(os.TempDir(), "gasrisk-mvt-fixtures-"+fixturesVersion)
	pkg := filepath.Join(dir, "package")
	if _, err := os.Stat(filepath.Join(pkg, "fixtures")); err == nil {
		return pkg
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm not installed: mvt-fixtures not available")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "pack", "@mapbox/mvt-fixtures@"+fixturesVersion, "--silent")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Skipf("npm pack @mapbox/mvt-fixtures failed (offline?): %v: %s", err, out)
	}
	tgz := filepath.Join(dir, "mapbox-mvt-fixtures-"+fixturesVersion+".tgz")
	if err := untar(tgz, dir); err != nil {
		t.Fatalf("unpack %s: %v", tgz, err)
	}
	return pkg
}

func untar(file, dir string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || strings.HasPrefix(name, "..") || filepath.IsAbs(name) {
			continue
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(tr, 64<<20))
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return err
		}
	}
}

// fixtureTile is tile.json of a fixture: the protobuf message as JSON.
type fixtureTile struct {
	Layers []struct {
		Version  uint32                       `json:"version"`
		Name     string                       `json:"name"`
		Extent   uint32                       `json:"extent"`
		Keys     []string                     `json:"keys"`
		Values   []map[string]json.RawMessage `json:"values"`
		Features []struct {
			ID       *uint64  `json:"id"`
			Tags     []uint32 `json:"tags"`
			Type     int      `json:"type"`
			Geometry []uint32 `json:"geometry"`
		} `json:"features"`
	} `json:"layers"`
}

// fixtureValue turns {"int_value": 6} into what decodeValue returns.
func fixtureValue(m map[string]json.RawMessage) (any, error) {
	for k, raw := range m {
		var v any
		var err error
		switch k {
		case "string_value":
			var s string
			if json.Unmarshal(raw, &s) != nil {
				s = string(raw) // fixture 076 writes the string "613" as a number
			}
			v = s
		case "float_value":
			var f float32
			err, v = json.Unmarshal(raw, &f), f
		case "double_value":
			var f float64
			err, v = json.Unmarshal(raw, &f), f
		case "int_value", "sint_value":
			var i int64
			err, v = json.Unmarshal(raw, &i), i
		case "uint_value":
			var u uint64
			err, v = json.Unmarshal(raw, &u), u
		case "bool_value":
			var b bool
			err, v = json.Unmarshal(raw, &b), b
		default:
			return nil, fmt.Errorf("value type %s", k)
		}
		return v, err
	}
	return nil, fmt.Errorf("empty value")
}

// geometryRejectedByDesign are valid fixtures whose geometry the decoder
// refuses, as the spec allows: UNKNOWN geometry type (016, 039) and a
// MoveTo count far beyond the parameters that follow (057).
func geometryRejectedByDesign(fixture string) bool {
	return fixture == "016" || fixture == "039" || fixture == "057"
}

func TestDecoderMVTFixtures(t *testing.T) {
	dir := fixturesDir(t)
	entries, err := os.ReadDir(filepath.Join(dir, "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	valid, rejected := 0, 0
	for _, e := range entries {
		fd := filepath.Join(dir, "fixtures", e.Name())
		var info struct {
			Description string `json:"description"`
			Validity    struct {
				V2    bool   `json:"v2"`
				Error string `json:"error"`
			} `json:"validity"`
		}
		b, err := os.ReadFile(filepath.Join(fd, "info.json"))
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(b, &info)
		tile, err := os.ReadFile(filepath.Join(fd, "tile.mvt"))
		if err != nil {
			t.Fatal(err)
		}
		layers, derr := decodeMVT(tile)
		var gerr error
		for _, l := range layers {
			for _, f := range l.Features {
				if _, err := f.parts(); err != nil && gerr == nil {
					gerr = err
				}
			}
		}
		if !info.Validity.V2 {
			if derr != nil || gerr != nil {
				rejected++
			} else {
				t.Logf("fixture %s (invalid: %s) accepted: %.80s", e.Name(), info.Validity.Error, info.Description)
			}
			continue
		}
		valid++
		if derr == nil && gerr != nil && geometryRejectedByDesign(e.Name()) {
			continue
		}
		if derr != nil || gerr != nil {
			t.Errorf("valid fixture %s: %v %v (%s)", e.Name(), derr, gerr, info.Description)
			continue
		}
		var want fixtureTile
		b, _ = os.ReadFile(filepath.Join(fd, "tile.json"))
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("%s: tile.json: %v", e.Name(), err)
		}
		if len(want.Layers) != len(layers) {
			t.Errorf("%s: %d layers, want %d", e.Name(), len(layers), len(want.Layers))
			continue
		}
		for i, wl := range want.Layers {
			l := layers[i]
			if wl.Extent == 0 {
				wl.Extent = 4096 // fixture 009 omits it: the proto2 default
			}
			if l.Name != wl.Name || l.Version != wl.Version || l.Extent != wl.Extent || fmt.Sprint(l.Keys) != fmt.Sprint(wl.Keys) ||
				len(l.Values) != len(wl.Values) || len(l.Features) != len(wl.Features) {
				t.Errorf("%s: layer %q v%d extent %d keys %v, %d values, %d features; want %+v",
					e.Name(), l.Name, l.Version, l.Extent, l.Keys, len(l.Values), len(l.Features), wl)
				continue
			}
			for j, wv := range wl.Values {
				v, err := fixtureValue(wv)
				if err != nil {
					t.Fatalf("%s: %v", e.Name(), err)
				}
				if v != l.Values[j] {
					t.Errorf("%s: value %d = %#v, want %#v", e.Name(), j, l.Values[j], v)
				}
			}
			for j, wf := range wl.Features {
				f := l.Features[j]
				if wf.ID != nil && (!f.HasID || f.ID != *wf.ID) || int(f.Type) != wf.Type ||
					fmt.Sprint(f.Tags) != fmt.Sprint(wf.Tags) || fmt.Sprint(f.Geometry) != fmt.Sprint(wf.Geometry) {
					t.Errorf("%s: feature %d = %+v, want %+v", e.Name(), j, f, wf)
				}
			}
		}
	}
	t.Logf("%d valid fixtures decoded exactly, %d of the invalid ones rejected", valid, rejected)
	if valid < 40 {
		t.Errorf("only %d valid fixtures", valid)
	}
}

// TestDecoderMatchesOrb decodes the real-world tiles of mvt-fixtures
// (Mapbox Streets, OSM QA) with our decoder and orb's, and compares every
// feature's id, properties and geometry; then draws each one.
func TestDecoderMatchesOrb(t *testing.T) {
	dir := fixturesDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "real-world", "*", "*.mvt*"))
	if len(files) == 0 {
		t.Fatal("no real-world tiles")
	}
	r := newRenderer()
	spec, _ := LookupLayer("segments")
	features := 0
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(file, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			b, _ = io.ReadAll(zr)
		}
		ours, err := decodeMVT(b)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		theirs, err := mvt.Unmarshal(b)
		if err != nil {
			t.Errorf("%s: orb: %v", file, err)
			continue
		}
		features += compareWithOrb(t, filepath.Base(file), ours, theirs)
		if _, err := r.render(ours, spec, 14, 1); err != nil {
			t.Errorf("%s: render: %v", file, err)
		}
	}
	t.Logf("%d tiles, %d features identical in both decoders", len(files), features)
}

// compareWithOrb checks that both decoders read the same tile.
func compareWithOrb(t *testing.T, name string, ours []vtLayer, theirs mvt.Layers) int {
	t.Helper()
	if len(ours) != len(theirs) {
		t.Errorf("%s: %d layers, orb %d", name, len(ours), len(theirs))
		return 0
	}
	n := 0
	for i := range ours {
		l, ol := &ours[i], theirs[i]
		if l.Name != ol.Name || l.Extent != ol.Extent || len(l.Features) != len(ol.Features) {
			t.Errorf("%s: layer %q/%d/%d features, orb %q/%d/%d", name, l.Name, l.Extent, len(l.Features),
				ol.Name, ol.Extent, len(ol.Features))
			continue
		}
		for j := range l.Features {
			f, of := &l.Features[j], ol.Features[j]
			if !sameFeature(t, name, l, f, of) {
				return n
			}
			n++
		}
	}
	return n
}

func sameFeature(t *testing.T, name string, l *vtLayer, f *vtFeature, of *geojson.Feature) bool {
	t.Helper()
	if f.HasID && !sameValue(f.ID, of.ID) {
		t.Errorf("%s/%s: id %d, orb %v", name, l.Name, f.ID, of.ID)
		return false
	}
	props := l.properties(f)
	if len(props) != len(of.Properties) {
		t.Errorf("%s/%s: %d properties, orb %d", name, l.Name, len(props), len(of.Properties))
		return false
	}
	for k, v := range props {
		if !sameValue(v, of.Properties[k]) {
			t.Errorf("%s/%s: %s = %#v, orb %#v", name, l.Name, k, v, of.Properties[k])
			return false
		}
	}
	parts, err := f.parts()
	if err != nil {
		t.Errorf("%s/%s: %v", name, l.Name, err)
		return false
	}
	var want [][]point
	collect := func(ps []orb.Point) {
		var out []point
		for _, p := range ps {
			out = append(out, point{X: p[0], Y: p[1]})
		}
		want = append(want, out)
	}
	switch g := of.Geometry.(type) {
	case orb.Point:
		collect([]orb.Point{g})
	case orb.MultiPoint:
		for _, p := range g {
			collect([]orb.Point{p})
		}
	case orb.LineString:
		collect(g)
	case orb.MultiLineString:
		for _, ls := range g {
			collect(ls)
		}
	case orb.Polygon:
		for _, r := range g {
			collect(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				collect(r)
			}
		}
	}
	if fmt.Sprint(parts) != fmt.Sprint(want) {
		t.Errorf("%s/%s: geometry %v\norb %v", name, l.Name, parts, want)
		return false
	}
	return true
}

// sameValue compares property values across decoders: orb widens numbers
// to float64.
func sameValue(a, b any) bool {
	switch v := a.(type) {
	case float32:
		f, ok := b.(float64)
		return ok && (float64(v) == f || math.IsNaN(f) && v != v)
	case float64:
		f, ok := b.(float64)
		return ok && (v == f || math.IsNaN(f) && v != v)
	case int64:
		f, ok := b.(float64)
		return ok && float64(v) == f
	case uint64:
		f, ok := b.(float64)
		return ok && float64(v) == f
	}
	return a == b
}
