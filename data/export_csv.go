package data

import (
	"encoding/csv"
	"io"
	"strconv"
)

// csvWriter writes one row per segment with the GeoJSON properties as
// columns and the geometry as WKT (EPSG:4326) in the last column.
type csvWriter struct{ w *csv.Writer }

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

// csvHeader lists the columns in segmentRow order.
func csvHeader() []string {
	return []string{"segment_id", "pipe_id", "grade", "score", "occupied", "clearance_violation", "sewer_crossing",
		"aged", "material", "pressure_class", "install_year", "diameter_mm", "district", "length_m", "factors", "wkt"}
}

func (c *csvWriter) begin() error { return c.w.Write(csvHeader()) }

func (c *csvWriter) write(r *segmentRow) error {
	return c.w.Write([]string{
		strconv.FormatInt(r.SegmentID, 10), r.PipeID, str(r.Grade), num(r.Score), boolean(r.Occupied),
		boolean(r.ClearanceViolation), boolean(r.SewerCrossing), boolean(r.Aged), r.Material, r.PressureClass,
		integer(r.InstallYear), num(r.DiameterMM), str(r.District), strconv.FormatFloat(r.LengthM, 'f', 2, 64),
		string(r.Factors), string(r.geometry),
	})
}

func (c *csvWriter) end() error {
	c.w.Flush()
	return c.w.Error()
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func num(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func boolean(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

func integer(i *int32) string {
	if i == nil {
		return ""
	}
	return strconv.Itoa(int(*i))
}
