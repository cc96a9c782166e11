package importer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// errNotPlainGeoJSON sends a file to GDAL: the Go reader only takes a
// FeatureCollection whose CRS (if any) precedes its features.
var errNotPlainGeoJSON = errors.New("not a plain GeoJSON FeatureCollection")

// isGeoJSON reports whether the file name says GeoJSON.
func isGeoJSON(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".geojson", ".json":
		return true
	}
	return false
}

// readGeoJSON streams a GeoJSON FeatureCollection with Go's decoder: much
// faster than GDAL's GeoJSON driver on large files. It reports the CRS from
// the legacy "crs" member (EPSG:4326 when absent, as RFC 7946 says) before
// the first feature. It returns errNotPlainGeoJSON, having called fn for no
// feature, when the file needs GDAL.
func readGeoJSON(ctx context.Context, path string, srid func(int) error, fn func(sourceFeature) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", path, err)
	}
	defer f.Close()
	return decodeGeoJSON(ctx, path, f, srid, fn)
}

// decodeGeoJSON is readGeoJSON over a reader; path names it in errors.
func decodeGeoJSON(ctx context.Context, path string, f io.Reader, srid func(int) error, fn func(sourceFeature) error) error {
	bud := &budget{r: bufio.NewReaderSize(f, 1<<20)}
	dec := json.NewDecoder(bud)
	if err := expectDelim(dec, '{'); err != nil {
		return errNotPlainGeoJSON
	}
	crs, sawFeatures := 4326, false
	for dec.More() {
		bud.mark = dec.InputOffset()
		key, err := dec.Token()
		if err != nil {
			return geojsonSyntax(path, dec, err)
		}
		switch key {
		case "type":
			var t string
			if err := dec.Decode(&t); err != nil || t != "FeatureCollection" {
				if sawFeatures { // too late to hand the file to GDAL
					return fmt.Errorf("%s: not a GeoJSON FeatureCollection (type %q after the features)", path, clip(t))
				}
				return errNotPlainGeoJSON
			}
		case "crs":
			if sawFeatures {
				return fmt.Errorf("%s: the \"crs\" member follows the features; move it before them or pass --srid", path)
			}
			if crs, err = decodeCRS(dec); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		case "features":
			sawFeatures = true
			if err := srid(crs); err != nil {
				return err
			}
			if err := readFeatures(ctx, path, dec, bud, fn); err != nil {
				return err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return geojsonSyntax(path, dec, err)
			}
		}
	}
	if !sawFeatures {
		return errNotPlainGeoJSON
	}
	if _, err := dec.Token(); err != nil { // }
		return geojsonSyntax(path, dec, err)
	}
	return nil
}

// readFeatures decodes the features array one feature at a time.
func readFeatures(ctx context.Context, path string, dec *json.Decoder, bud *budget, fn func(sourceFeature) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return fmt.Errorf("%s: \"features\" is not an array", path)
	}
	for i := 0; dec.More(); i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var raw json.RawMessage
		bud.mark = dec.InputOffset()
		if err := dec.Decode(&raw); err != nil {
			if errors.Is(err, errOverBudget) {
				return fmt.Errorf("%s: %w", path, errFeatureTooLarge(i))
			}
			return geojsonSyntax(path, dec, fmt.Errorf("feature %d: %w", i, err))
		}
		if err := fn(sourceFeature{Index: i, Raw: raw}); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // ]
		return geojsonSyntax(path, dec, err)
	}
	return nil
}

// budget counts what the JSON decoder reads and fails a read that takes
// a feature past maxFeatureBytes: a huge feature is refused having read
// little more than the limit. Reads are cut to 1 MiB so the count stays
// close to what the decoder holds.
type budget struct {
	r          io.Reader
	read, mark int64 // bytes read; the input offset where the current feature starts
}

var errOverBudget = errors.New("feature over the size limit")

func (b *budget) Read(p []byte) (int, error) {
	if b.read-b.mark > maxFeatureBytes+1<<20 {
		return 0, errOverBudget
	}
	if len(p) > 1<<20 {
		p = p[:1<<20]
	}
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != d {
		return fmt.Errorf("want %q, got %v", d, t)
	}
	return nil
}

func geojsonSyntax(path string, dec *json.Decoder, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: truncated GeoJSON (ends at byte %d)", path, dec.InputOffset())
	}
	return fmt.Errorf("%s: invalid GeoJSON near byte %d: %w", path, dec.InputOffset(), err)
}

// epsgName matches the CRS names GeoJSON files carry: EPSG:4547,
// urn:ogc:def:crs:EPSG::4547, urn:ogc:def:crs:OGC:1.3:CRS84.
var epsgName = regexp.MustCompile(`(?i)EPSG:+(\d+)$`)

// decodeCRS reads a legacy (2008) GeoJSON "crs" member of type "name".
func decodeCRS(dec *json.Decoder) (int, error) {
	var c struct {
		Type       string
		Properties struct{ Name string }
	}
	if err := dec.Decode(&c); err != nil {
		return 0, fmt.Errorf("unreadable \"crs\" member: %w", err)
	}
	name := strings.TrimSpace(c.Properties.Name)
	if strings.HasSuffix(strings.ToUpper(name), "CRS84") {
		return 4326, nil
	}
	m := epsgName.FindStringSubmatch(name)
	if c.Type != "name" || m == nil {
		return 0, fmt.Errorf("unsupported \"crs\" member %q: want an EPSG name such as urn:ogc:def:crs:EPSG::4547", name)
	}
	return strconv.Atoi(m[1])
}
