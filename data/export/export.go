package export

import (
	"bufio"
	"cmp"
	"context"
	"gasrisk/geo"
	"io"
	"slices"
	"strings"

	"gasrisk"
	"gasrisk/cql2"
	"gasrisk/data"
)

// SegmentFilter selects the features of an export or an OGC API items
// page. Empty lists select all; a filter a target has no attribute for is
// refused.
type SegmentFilter struct {
	Grades    []string  // red, orange, yellow, blue
	BBox      *geo.BBox // W,S,E,N in EPSG:4326 (W > E crosses the antimeridian); nil = everywhere
	Districts []string  // district ids or names
	Findings  []string  // any of these findings (FindingFilters)
	// Where is a CQL2 filter over the target's queryables (the OGC API's
	// filter parameter); nil: none.
	Where cql2.Expr
}

// Export formats.
const (
	FormatGeoJSON = "geojson"
	FormatCSV     = "csv"
	FormatXLSX    = "xlsx"
)

// Formats lists the export formats.
func Formats() []string { return []string{FormatGeoJSON, FormatCSV, FormatXLSX} }

// Column header languages of CSV and XLSX exports: the canonical property
// names (LangKey, the CSV default), Chinese (hazard.LangZH, the XLSX default) or
// English (hazard.LangEN).
const (
	LangKey = "key"
	langZH  = "zh"
	langEN  = "en"
)

// Targets lists what can be exported (docs/design.md, "Exports").
func Targets() []string { return []string{"segments", "stations", "hazards"} }

// Targets lists what can be exported.
func (s *Service) Targets() []string { return Targets() }

// Options say what to export and how.
type Options struct {
	Target string // segments (default), stations or hazards
	Format string // geojson (default), csv or xlsx
	Lang   string // CSV/XLSX headers: key, zh or en ("": key for CSV, zh for XLSX)
	Filter SegmentFilter
	// ChunkIDs is how many segment ids each parallel read covers (0: 8192).
	ChunkIDs int64
}

// ExportSegments streams the current run's segments as an RFC 7946
// GeoJSON FeatureCollection (EPSG:4326), as CSV with a WKT geometry column
// or as XLSX. Before any analysis every pipe is one segment with no grade.
func (s *Service) ExportSegments(ctx context.Context, w io.Writer, format string, f SegmentFilter) (_ int, err error) {
	defer data.Annotate(&err, "export.ExportSegments")
	return s.Export(ctx, w, Options{Target: "segments", Format: format, Filter: f})
}

// Export streams a target's features, row by row in constant memory, in
// the chosen format. It returns the number of features written.
func (s *Service) Export(ctx context.Context, w io.Writer, o Options) (_ int, err error) {
	defer data.Annotate(&err, "export.Export")
	if err := o.normalise(); err != nil {
		return 0, err
	}
	t, err := s.resolveTarget(ctx, o.Target)
	if err != nil {
		return 0, err
	}
	f, err := s.resolveFilter(ctx, t, o.Filter)
	if err != nil {
		return 0, err
	}
	if o.Format == FormatXLSX {
		return s.exportXLSX(ctx, w, t, f, o.Lang)
	}
	enc := newEncoder(o.Format, t, o.Lang)
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := enc.header(bw); err != nil {
		return 0, err
	}
	var n int
	if t.chunked && t.run != 0 {
		n, err = s.streamChunks(ctx, bw, t, f, enc, cmp.Or(o.ChunkIDs, exportChunkIDs))
	} else {
		n, err = s.streamSerial(ctx, bw, t, f, enc)
	}
	if err != nil {
		return n, err
	}
	if err := enc.footer(bw); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// normalise fills defaults and checks target, format and language.
func (o *Options) normalise() error {
	if o.Target == "" {
		o.Target = "segments"
	}
	if o.Format == "" {
		o.Format = FormatGeoJSON
	}
	if !slices.Contains(Targets(), o.Target) {
		return gasrisk.Errorf(gasrisk.EINVALID, "unknown export target %q (%s)", o.Target, strings.Join(Targets(), ", "))
	}
	if !slices.Contains(Formats(), o.Format) {
		return gasrisk.Errorf(gasrisk.EINVALID, "unknown export format %q (%s)", o.Format, strings.Join(Formats(), ", "))
	}
	if o.Lang == "" && o.Format == FormatXLSX {
		o.Lang = langZH
	}
	if o.Lang == "" {
		o.Lang = LangKey
	}
	if o.Lang != LangKey && o.Lang != langZH && o.Lang != langEN {
		return gasrisk.Errorf(gasrisk.EINVALID, "unknown header language %q (key, zh, en)", o.Lang)
	}
	return nil
}
