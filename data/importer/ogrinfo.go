package importer

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// sourceLayer is one layer of a GDAL source as ogrinfo describes it.
type sourceLayer struct {
	Name     string
	Geometry string // GDAL's geometry type name ("Line String", "None", "Unknown (any)" …)
	SRID     int    // EPSG code of the layer's CRS (0: none or not an EPSG one)
	Extent   extent // in the layer's own CRS
}

var (
	ogrLayerLine = regexp.MustCompile(`^\d+: (.+?)(?: \(([^()]*)\))?$`)
	ogrGeometry  = regexp.MustCompile(`(?m)^Geometry: (.+)$`)
	ogrExtent    = regexp.MustCompile(`(?m)^Extent: \((-?[\d.e+-]+), (-?[\d.e+-]+)\) - \((-?[\d.e+-]+), (-?[\d.e+-]+)\)`)
	ogrEPSG      = regexp.MustCompile(`ID\["EPSG",(\d+)\]\]\s*$`)
)

// openOptions are the GDAL open options a source needs (CSV: where the
// geometry is).
func (s ogrSource) openOptions() []string {
	if strings.EqualFold(filepath.Ext(s.File), ".csv") {
		return []string{"-oo", "GEOM_POSSIBLE_NAMES=wkt,WKT,geom,geometry,the_geom,shape", "-oo", "KEEP_GEOM_COLUMNS=NO",
			"-oo", "X_POSSIBLE_NAMES=x,lon,lng,longitude", "-oo", "Y_POSSIBLE_NAMES=y,lat,latitude"}
	}
	return nil
}

// ogrinfo runs ogrinfo read-only on the source with more arguments.
func (s ogrSource) ogrinfo(ctx context.Context, args ...string) (string, error) {
	a := append([]string{"-ro"}, s.openOptions()...)
	a = append(a, args...)
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "ogrinfo", a...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", gdalError(s, stderr.String(), err)
	}
	return string(out), nil
}

// inspect lists the source's layers and describes the one to read: the
// one named by SourceLayer, else the only layer with geometries. A source
// with several such layers and no SourceLayer is refused, listing them.
func (s ogrSource) inspect(ctx context.Context) (sourceLayer, error) {
	out, err := s.ogrinfo(ctx, "-q", s.File)
	if err != nil {
		return sourceLayer{}, err
	}
	var all, candidates []sourceLayer
	for _, line := range strings.Split(out, "\n") {
		m := ogrLayerLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		l := sourceLayer{Name: m[1], Geometry: m[2]}
		all = append(all, l)
		if l.Geometry != "None" {
			candidates = append(candidates, l)
		}
	}
	chosen, err := s.choose(all, candidates)
	if err != nil {
		return sourceLayer{}, err
	}
	return s.describe(ctx, chosen)
}

// choose picks the layer to read.
func (s ogrSource) choose(all, candidates []sourceLayer) (sourceLayer, error) {
	if s.SourceLayer != "" {
		for _, l := range all {
			if l.Name == s.SourceLayer {
				return l, nil
			}
		}
		return sourceLayer{}, fmt.Errorf("%s has no layer %q; its layers: %s", s.File, clip(s.SourceLayer), layerList(all))
	}
	switch {
	case len(candidates) == 1:
		return candidates[0], nil
	case len(candidates) > 1:
		return sourceLayer{}, fmt.Errorf("%s holds %d layers with geometries: %s; choose one with --source-layer NAME",
			s.File, len(candidates), layerList(candidates))
	case len(all) > 0:
		return all[0], nil
	}
	return sourceLayer{}, nil // ogrinfo listed nothing: let ogr2ogr say why
}

func layerList(ls []sourceLayer) string {
	var names []string
	for _, l := range ls {
		if l.Geometry != "" {
			names = append(names, fmt.Sprintf("%s (%s)", l.Name, l.Geometry))
		} else {
			names = append(names, l.Name)
		}
	}
	return strings.Join(names, ", ")
}

// describe adds the layer's CRS and extent (ogrinfo -so).
func (s ogrSource) describe(ctx context.Context, l sourceLayer) (sourceLayer, error) {
	args := []string{"-so", s.File}
	if l.Name != "" {
		args = append(args, l.Name)
	} else {
		args = append(args, "-al")
	}
	out, err := s.ogrinfo(ctx, args...)
	if err != nil {
		return l, err
	}
	if m := ogrGeometry.FindStringSubmatch(out); m != nil {
		l.Geometry = strings.TrimSpace(m[1])
	}
	if m := ogrExtent.FindStringSubmatch(out); m != nil {
		v := make([]float64, 4)
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		l.Extent = extent{v[0], v[1], v[2], v[3], true}
	}
	wkt := out
	if i := strings.Index(out, "Layer SRS WKT:"); i >= 0 {
		wkt = out[i:]
		if j := strings.Index(wkt, "\nData axis"); j >= 0 {
			wkt = wkt[:j]
		}
		if m := ogrEPSG.FindStringSubmatch(wkt); m != nil {
			l.SRID, _ = strconv.Atoi(m[1])
		}
	}
	return l, nil
}

// family is the geometry family of a GDAL geometry type name (0: unknown
// or mixed).
func (l sourceLayer) family() GeomKind {
	g := strings.ToLower(l.Geometry)
	switch {
	case strings.Contains(g, "unknown") || strings.Contains(g, "collection"):
		return 0
	case strings.Contains(g, "line"):
		return Lines
	case strings.Contains(g, "polygon") || strings.Contains(g, "surface"):
		return Polygons
	case strings.Contains(g, "point"):
		return Points
	}
	return 0
}
