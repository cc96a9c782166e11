package importer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// rawFeature is one GeoJSON feature of the source.
type rawFeature struct {
	Index      int            `json:"-"`
	ID         jsontext.Value `json:"id"`
	Properties map[string]any `json:"properties"`
	Geometry   *geometryJSON  `json:"geometry"` // nil when absent or null
}

// sourceFeature is a feature's undecoded GeoJSON text and its position.
type sourceFeature struct {
	Index int
	Raw   []byte
}

// decode parses the feature's text (opts: featureJSON).
func (sf sourceFeature) decode(opts json.Options) (rawFeature, error) {
	f := rawFeature{Index: sf.Index}
	err := json.Unmarshal(sf.Raw, &f, opts)
	return f, err
}

// ogrSource says what to read with GDAL.
type ogrSource struct {
	File        string
	SourceLayer string // layer inside a multi-layer file ("" = the only one)
	SRID        int    // CRS to assume when the file carries none (0 = none)
}

// CheckGDAL reports whether ogr2ogr is installed.
func CheckGDAL() error {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		return errors.New("ogr2ogr not found: install GDAL (Debian: apt-get install gdal-bin)")
	}
	return nil
}

// args builds the ogr2ogr command line that streams the source as GeoJSON
// text sequences in EPSG:4326 on stdout.
func (s ogrSource) args() []string {
	a := []string{"-f", "GeoJSONSeq", "/vsistdout/", s.File}
	if s.SourceLayer != "" {
		a = append(a, s.SourceLayer)
	}
	a = append(a, "-t_srs", "EPSG:4326", "-dim", "XY", "-lco", "COORDINATE_PRECISION=9", "-lco", "RS=NO")
	if s.SRID != 0 {
		a = append(a, "-s_srs", fmt.Sprintf("EPSG:%d", s.SRID))
	}
	a = append(a, s.openOptions()...)
	return a
}

// readOGR runs ogr2ogr on src and calls fn for each feature in file order.
// An error from fn stops the read.
func readOGR(ctx context.Context, src ogrSource, fn func(sourceFeature) error) error {
	if _, err := os.Stat(src.File); err != nil {
		return fmt.Errorf("cannot read %s: %w", src.File, err)
	}
	if err := CheckGDAL(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, "ogr2ogr", src.args()...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	ferr := scanFeatures(out, fn)
	if ferr != nil {
		cancel()
		cmd.Wait()
		return ferr
	}
	if err := cmd.Wait(); err != nil {
		return gdalError(src, stderr.String(), err)
	}
	if msg := strings.TrimSpace(stderr.String()); strings.Contains(msg, "ERROR") {
		return gdalError(src, msg, errors.New("reported errors"))
	}
	return nil
}

// scanFeatures hands over one GeoJSON feature per line.
func scanFeatures(r interface{ Read([]byte) (int, error) }, fn func(sourceFeature) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxFeatureBytes)
	i := 0
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if err := fn(sourceFeature{Index: i, Raw: bytes.Clone(line)}); err != nil {
			return err
		}
		i++
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return errFeatureTooLarge(i)
	}
	return sc.Err()
}

// maxFeatureBytes bounds the text of one feature: a larger one refuses
// the file at once, having read no more than this of it.
const maxFeatureBytes = 32 << 20

// errFeatureTooLarge is the refusal of a feature over maxFeatureBytes.
func errFeatureTooLarge(index int) error {
	return fmt.Errorf("feature %d is larger than %d MiB: refused (is the file a single huge value or line?)", index, maxFeatureBytes>>20)
}

// gdalError turns ogr2ogr's complaints into a message a user can act on.
func gdalError(src ogrSource, stderr string, err error) error {
	msg := strings.TrimSpace(stderr)
	switch {
	case strings.Contains(msg, "no coordinate system") || strings.Contains(msg, "source layer has no"):
		return fmt.Errorf("%s carries no coordinate reference system: pass --srid (e.g. --srid 4326 for lon/lat, 4547 for CGCS2000 / 3-degree GK CM 114E)", src.File)
	case strings.Contains(msg, "not recognized as") || strings.Contains(msg, "Unable to open datasource"):
		return fmt.Errorf("%s is not a file GDAL can read as vector data (GeoJSON, GeoPackage, Shapefile, CSV with WKT, FileGDB, DXF …)", src.File)
	case strings.Contains(msg, "Couldn't fetch requested layer"):
		return fmt.Errorf("%s has no layer %q", src.File, src.SourceLayer)
	}
	if msg == "" {
		return fmt.Errorf("ogr2ogr failed on %s: %w", src.File, err)
	}
	return fmt.Errorf("ogr2ogr failed on %s: %s", src.File, msg)
}
