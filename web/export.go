package web

import (
	"context"
	"gasrisk/data/export"
	"gasrisk/geo"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"gasrisk"
)

// Exporter streams exports (data/export implements it).
type Exporter interface {
	Export(ctx context.Context, w io.Writer, o export.Options) (int, error)
	// Targets lists what can be exported (segments, stations, hazards).
	Targets() []string
}

// mountExport adds the planners' export:
//
//	GET /api/v1/export/{target}.{format}?grade=&bbox=&district=&finding=&lang=
//
// target segments, stations or hazards; format geojson (RFC 7946,
// EPSG:4326) or csv (WKT geometry). Streamed in constant memory. HEAD
// answers the headers GET would, with the Content-Length of the file
// (GDAL's /vsicurl/ asks for it before reading).
func (s *Server) mountExport(r *mux.Router) {
	if s.deps.Export == nil {
		return
	}
	r.HandleFunc("/api/v1/export/{file}", withTimeout(s.cfg.Limits.ExportTimeout, "the export", s.export)).Methods(http.MethodGet, http.MethodHead)
}

// export answers one export request.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	o, err := exportOptions(mux.Vars(r)["file"], r.URL.Query(), s.deps.Export.Targets())
	if err != nil {
		Error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", map[string]string{export.FormatGeoJSON: "application/geo+json",
		export.FormatCSV: "text/csv; charset=utf-8"}[o.Format])
	h.Set("Content-Disposition", `attachment; filename="`+o.Target+"."+o.Format+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		s.exportHead(w, r, o)
		return
	}
	cw := &countWriter{w: w}
	if _, err := s.deps.Export.Export(r.Context(), cw, o); err != nil {
		if cw.n == 0 {
			h.Del("Content-Disposition")
			Error(w, r, timedOut(w, r, err))
			return
		}
		// The status is sent: cut the connection, so that the client sees
		// a failed transfer, not a short file.
		slog.Error("export failed mid-stream", "path", r.URL.Path, "bytes", cw.n, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// exportHead answers HEAD: the export is made and counted, not sent, so
// that Content-Length is the length GET sends (a HEAD costs what a GET
// does).
func (s *Server) exportHead(w http.ResponseWriter, r *http.Request, o export.Options) {
	cw := &countWriter{w: io.Discard}
	if _, err := s.deps.Export.Export(r.Context(), cw, o); err != nil {
		w.Header().Del("Content-Disposition")
		Error(w, r, err)
		return
	}
	w.Header().Set("Content-Length", strconv.FormatInt(cw.n, 10))
	w.WriteHeader(http.StatusOK)
}

// exportOptions reads the target and format from "target.format" and the
// filters from the query (target one of targets); unknown parameters are
// refused, so that a typo never exports everything.
func exportOptions(file string, q url.Values, targets []string) (export.Options, error) {
	target, format, _ := strings.Cut(file, ".")
	o := export.Options{Target: target, Format: format}
	if !slices.Contains(targets, target) {
		return o, gasrisk.Errorf(gasrisk.ENOTFOUND, "no export %q: want segments, stations or hazards", target)
	}
	if format != export.FormatGeoJSON && format != export.FormatCSV {
		return o, gasrisk.Errorf(gasrisk.ENOTFOUND, "no export format %q over HTTP: want geojson or csv (xlsx: gasrisk export --format xlsx)", format)
	}
	for k := range q {
		if !slices.Contains([]string{"grade", "bbox", "district", "finding", "lang"}, k) {
			return o, gasrisk.Errorf(gasrisk.EINVALID, "unknown parameter %q (grade, bbox, district, finding, lang)", k)
		}
	}
	o.Filter = export.SegmentFilter{Grades: listParam(q, "grade"), Districts: listParam(q, "district"),
		Findings: listParam(q, "finding")}
	o.Lang = q.Get("lang")
	if b := q.Get("bbox"); q.Has("bbox") {
		bb, err := geo.ParseBBox(b, false)
		if err != nil {
			return o, err
		}
		o.Filter.BBox = &bb
	}
	return o, nil
}

// listParam collects a parameter given comma-separated, repeated or both.
func listParam(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// countWriter counts what reaches the client.
type countWriter struct {
	w io.Writer
	n int64
}

// Write passes p on and counts it.
func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
