package data

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
)

// SegmentFilter selects segments for export.
type SegmentFilter struct {
	Grades []string   // empty = all
	BBox   *[4]float64 // W,S,E,N in EPSG:4326; nil = everywhere
}

// ExportSegments writes the segments as an RFC 7946 GeoJSON
// FeatureCollection (EPSG:4326), streaming row by row. Before any analysis
// every pipe is one segment with no grade.
func (s *Store) ExportSegments(ctx context.Context, w io.Writer, f SegmentFilter) (int, error) {
	q, args := segmentQuery(f)
	rows, err := s.Pool.Query(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	n := 0
	for rows.Next() {
		var sr segmentRow
		if err := rows.Scan(sr.dest()...); err != nil {
			return n, err
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		if err := sr.writeFeature(bw); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	bw.WriteString("]}\n")
	return n, bw.Flush()
}

// segmentRow is one exported segment.
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
	geometry           []byte
}

func (r *segmentRow) dest() []any {
	return []any{&r.SegmentID, &r.PipeID, &r.Grade, &r.Score, &r.Occupied, &r.ClearanceViolation,
		&r.SewerCrossing, &r.Aged, &r.Material, &r.PressureClass, &r.InstallYear, &r.DiameterMM,
		&r.District, &r.LengthM, &r.Factors, &r.geometry}
}

func (r *segmentRow) writeFeature(w *bufio.Writer) error {
	if len(r.Factors) == 0 {
		r.Factors = json.RawMessage("null")
	}
	props, err := json.Marshal(r)
	if err != nil {
		return err
	}
	w.WriteString(`{"type":"Feature","id":`)
	w.WriteString(itoa(r.SegmentID))
	w.WriteString(`,"geometry":`)
	w.Write(r.geometry)
	w.WriteString(`,"properties":`)
	w.Write(props)
	_, err = w.WriteString("}")
	return err
}
