package export

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"gasrisk"
	"gasrisk/riskmodel"
)

// XLSX limits: Excel's rows per sheet (with the header) and characters
// per cell.
const (
	xlsxMaxRows     = 1_048_576
	xlsxMaxCellText = 32_767
)

// exportXLSX writes one sheet named after the target: a header row in
// lang, one row per feature with typed cells, then the longitude and
// latitude of a point on the feature and its WKT (empty where longer than
// a cell holds). The rows stream through excelize's temporary file; the
// zip is assembled in memory, so XLSX needs memory of the order of the
// compressed file (use GeoJSON or CSV for whole cities).
func (s *Service) exportXLSX(ctx context.Context, w io.Writer, t *target, f SegmentFilter, lang string) (int, error) {
	if err := s.checkSheetRows(ctx, t, f); err != nil {
		return 0, err
	}
	x := excelize.NewFile()
	defer func() {
		if err := x.Close(); err != nil {
			slog.Warn("export: removing the XLSX temporary files failed", "op", "export.Export", "err", err)
		}
	}()
	if err := x.SetSheetName("Sheet1", t.name); err != nil {
		return 0, err
	}
	sw, err := x.NewStreamWriter(t.name)
	if err != nil {
		return 0, err
	}
	if err := xlsxHeader(x, sw, t, lang); err != nil {
		return 0, err
	}
	st, err := newSheetStyles(x)
	if err != nil {
		return 0, err
	}
	n, err := s.xlsxRows(ctx, sw, t, f, lang, st)
	if err != nil {
		return n, err
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	return n, x.Write(w)
}

// checkSheetRows refuses exports longer than a sheet.
func (s *Service) checkSheetRows(ctx context.Context, t *target, f SegmentFilter) error {
	var a argList
	q := "SELECT count(*) FROM " + t.from
	if where := t.conditions(f, &a); len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var n int
	if err := s.db.Pool.QueryRow(ctx, q, a.vals...).Scan(&n); err != nil {
		return err
	}
	if n >= xlsxMaxRows {
		return gasrisk.Errorf(gasrisk.ETOOLARGE, "%d %s do not fit in one XLSX sheet (%d rows): filter them or use geojson or csv",
			n, t.name, xlsxMaxRows-1)
	}
	return nil
}

// xlsxHeader writes the bold, frozen header row.
func xlsxHeader(x *excelize.File, sw *excelize.StreamWriter, t *target, lang string) error {
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	extra := map[string][]string{LangKey: {"lon", "lat", "wkt"}, langZH: {"经度", "纬度", "几何(WKT)"},
		langEN: {"Longitude", "Latitude", "Geometry (WKT)"}}[lang]
	var cells []any
	for _, h := range append(t.headers(lang), extra...) {
		cells = append(cells, excelize.Cell{StyleID: bold, Value: h})
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return sw.SetRow("A1", cells)
}

// sheetStyles are the number formats of date and date-time cells.
type sheetStyles struct{ date, dateTime int }

func newSheetStyles(x *excelize.File) (sheetStyles, error) {
	date, err := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return sheetStyles{}, err
	}
	dt, err := x.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm:ss")})
	return sheetStyles{date: date, dateTime: dt}, err
}

func ptr[T any](v T) *T { return &v }

// xlsxRows writes one typed row per feature.
func (s *Service) xlsxRows(ctx context.Context, sw *excelize.StreamWriter, t *target, f SegmentFilter, lang string, st sheetStyles) (int, error) {
	var a argList
	rows, err := s.db.Pool.Query(ctx, t.query(f, geomSheet, &a), append([]any{textResults}, a.vals...)...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	cells := make([]any, len(t.cols)+3)
	for rows.Next() {
		v := rows.RawValues()
		for i, c := range t.cols {
			if c.kind == kRule {
				cells[i] = xlsxCell(kText, t.rules.text(v[i+1], lang), lang)
				continue
			}
			if w, ok := t.term(c, v[i+1], lang); ok {
				cells[i] = st.cell(kText, w, lang)
				continue
			}
			cells[i] = st.cell(c.kind, v[i+1], lang)
		}
		g := v[len(t.cols)+1:]
		cells[len(t.cols)] = xlsxCell(kNum, g[0], lang)
		cells[len(t.cols)+1] = xlsxCell(kNum, g[1], lang)
		cells[len(t.cols)+2] = nil
		if len(g[2]) <= xlsxMaxCellText {
			cells[len(t.cols)+2] = string(g[2])
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// cell is a typed cell: dates and date-times (UTC) as date cells with
// their number format, everything else as xlsxCell.
func (st sheetStyles) cell(k colKind, v []byte, lang string) any {
	layout, style := map[colKind]string{kDate: time.DateOnly, kTime: time.RFC3339}[k], st.date
	if k == kTime {
		style = st.dateTime
	}
	if layout != "" && v != nil {
		if d, err := time.Parse(layout, string(v)); err == nil {
			return excelize.Cell{StyleID: style, Value: d.UTC()}
		}
	}
	return xlsxCell(k, v, lang)
}

// xlsxCell is a typed cell value: numbers, booleans, text (grades in
// Chinese for Chinese sheets); nil for NULL.
func xlsxCell(k colKind, v []byte, lang string) any {
	if v == nil {
		return nil
	}
	switch k {
	case kInt, kNum:
		if x, err := strconv.ParseFloat(string(v), 64); err == nil && finite(v) {
			return x
		}
		return nil
	case kBool:
		return len(v) > 0 && v[0] == 't'
	case kTextArray:
		var parts []string
		for _, e := range pgArrayElems(v) {
			parts = append(parts, string(e))
		}
		return strings.Join(parts, ",")
	case kGrade:
		if z := riskmodel.Grade(string(v)).Chinese(); lang == langZH && z != "" {
			return z
		}
	}
	s := string(v)
	if len(s) > xlsxMaxCellText {
		s = s[:xlsxMaxCellText]
	}
	return s
}
