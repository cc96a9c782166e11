package data

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"gasrisk"
)

// SegmentFilter selects segments for export.
type SegmentFilter struct {
	Grades []string    // empty = all
	BBox   *[4]float64 // W,S,E,N in EPSG:4326; nil = everywhere
}

// Export formats.
const (
	FormatGeoJSON = "geojson"
	FormatCSV     = "csv"
)

// segmentWriter writes exported segments in one format.
type segmentWriter interface {
	begin() error
	write(r *segmentRow) error
	end() error
}

// ExportSegments streams the current run's segments, row by row, as an
// RFC 7946 GeoJSON FeatureCollection (EPSG:4326) or as CSV with a WKT
// geometry column. Before any analysis every pipe is one segment with no
// grade.
func (s *Store) ExportSegments(ctx context.Context, w io.Writer, format string, f SegmentFilter) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	var sw segmentWriter
	switch format {
	case FormatGeoJSON, "":
		sw = &geojsonWriter{w: bw}
	case FormatCSV:
		sw = newCSVWriter(bw)
	default:
		return 0, gasrisk.Errorf(gasrisk.EINVALID, "unknown export format %q (geojson, csv)", format)
	}
	run, err := s.CurrentRun(ctx)
	if err != nil {
		return 0, err
	}
	q, args := segmentQuery(f, run != 0, format == FormatCSV)
	rows, err := s.Pool.Query(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if err := sw.begin(); err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		var sr segmentRow
		if err := rows.Scan(sr.dest()...); err != nil {
			return n, err
		}
		if err := sw.write(&sr); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	if err := sw.end(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// CurrentRun is the id of the current analysis run, 0 before the first.
func (s *Store) CurrentRun(ctx context.Context) (int64, error) {
	var id int64
	err := s.Pool.QueryRow(ctx, `SELECT coalesce((SELECT run_id FROM current_run), 0)`).Scan(&id)
	return id, err
}

// segmentRow is one exported segment (DESIGN.md §6 properties).
type segmentRow struct {
	SegmentID          int64           `json:"segment_id"`
	PipeID             string          `json:"pipe_id"`
	Grade              *string         `json:"grade"`
	Score              *float64        `json:"score"`
	Occupied           *bool           `json:"occupied"`
	ClearanceViolation *bool           `json:"clearance_violation"`
	SewerCrossing      *bool           `json:"sewer_crossing"`
	Aged               *bool           `json:"aged"`
	Material           string          `json:"material"`
	PressureClass      string          `json:"pressure_class"`
	InstallYear        *int32          `json:"install_year"`
	DiameterMM         *float64        `json:"diameter_mm"`
	District           *string         `json:"district"`
	LengthM            float64         `json:"length_m"`
	Factors            json.RawMessage `json:"factors"`
	geometry           []byte          // GeoJSON or WKT, EPSG:4326
}

func (r *segmentRow) dest() []any {
	return []any{&r.SegmentID, &r.PipeID, &r.Grade, &r.Score, &r.Occupied, &r.ClearanceViolation,
		&r.SewerCrossing, &r.Aged, &r.Material, &r.PressureClass, &r.InstallYear, &r.DiameterMM,
		&r.District, &r.LengthM, &r.Factors, &r.geometry}
}

// geojsonWriter writes a FeatureCollection.
type geojsonWriter struct {
	w *bufio.Writer
	n int
}

func (g *geojsonWriter) begin() error {
	_, err := g.w.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	return err
}

func (g *geojsonWriter) write(r *segmentRow) error {
	if len(r.Factors) == 0 {
		r.Factors = json.RawMessage("null")
	}
	props, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if g.n > 0 {
		g.w.WriteString(",\n")
	}
	g.n++
	fmt.Fprintf(g.w, `{"type":"Feature","id":%d,"geometry":`, r.SegmentID)
	g.w.Write(r.geometry)
	g.w.WriteString(`,"properties":`)
	g.w.Write(props)
	_, err = g.w.WriteString("}")
	return err
}

func (g *geojsonWriter) end() error {
	_, err := g.w.WriteString("\n]}\n")
	return err
}
