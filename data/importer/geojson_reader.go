package importer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
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
// The text is split into features by the JSON v2 tokenizer, which reads
// each byte once (encoding/json's decoder read a feature's twice).
func decodeGeoJSON(ctx context.Context, path string, f io.Reader, srid func(int) error, fn func(sourceFeature) error) error {
	bud := &budget{r: bufio.NewReaderSize(f, 1<<20)}
	dec := jsontext.NewDecoder(bud, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	if t, err := dec.ReadToken(); err != nil || t.Kind() != '{' {
		return errNotPlainGeoJSON
	}
	crs, sawFeatures := 4326, false
	for {
		bud.mark = dec.InputOffset()
		key, err := dec.ReadToken()
		if err != nil {
			return geojsonSyntax(path, dec, err)
		}
		if key.Kind() == '}' {
			break
		}
		switch key.String() {
		case "type":
			t, err := dec.ReadToken()
			if err != nil || t.Kind() != '"' || t.String() != "FeatureCollection" {
				if sawFeatures { // too late to hand the file to GDAL
					return fmt.Errorf("%s: not a GeoJSON FeatureCollection (type %q after the features)", path, clip(tokenText(t, err)))
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
			if err := dec.SkipValue(); err != nil {
				return geojsonSyntax(path, dec, err)
			}
		}
	}
	if !sawFeatures {
		return errNotPlainGeoJSON
	}
	return nil
}

// tokenText is a token's text for a message ("" when it could not be read).
func tokenText(t jsontext.Token, err error) string {
	if err != nil {
		return ""
	}
	return t.String()
}

// readFeatures hands over the features array's elements one at a time.
func readFeatures(ctx context.Context, path string, dec *jsontext.Decoder, bud *budget, fn func(sourceFeature) error) error {
	if t, err := dec.ReadToken(); err != nil || t.Kind() != '[' {
		return fmt.Errorf("%s: \"features\" is not an array", path)
	}
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		bud.mark = dec.InputOffset()
		if dec.PeekKind() == ']' {
			break
		}
		raw, err := dec.ReadValue()
		if err != nil {
			if errors.Is(err, errOverBudget) {
				return fmt.Errorf("%s: %w", path, errFeatureTooLarge(i))
			}
			return geojsonSyntax(path, dec, fmt.Errorf("feature %d: %w", i, err))
		}
		if err := fn(sourceFeature{Index: i, Raw: bytes.Clone(raw)}); err != nil {
			return err
		}
	}
	if _, err := dec.ReadToken(); err != nil { // ]
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

func geojsonSyntax(path string, dec *jsontext.Decoder, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: truncated GeoJSON (ends at byte %d)", path, dec.InputOffset())
	}
	return fmt.Errorf("%s: invalid GeoJSON near byte %d: %w", path, dec.InputOffset(), err)
}

// epsgName matches the CRS names GeoJSON files carry: EPSG:4547,
// urn:ogc:def:crs:EPSG::4547, urn:ogc:def:crs:OGC:1.3:CRS84.
var epsgName = regexp.MustCompile(`(?i)EPSG:+(\d+)$`)

// decodeCRS reads a legacy (2008) GeoJSON "crs" member of type "name".
func decodeCRS(dec *jsontext.Decoder) (int, error) {
	var c struct {
		Type       string
		Properties struct{ Name string }
	}
	if err := json.UnmarshalDecode(dec, &c, featureJSON()); err != nil {
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
