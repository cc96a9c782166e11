package export_test

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"gasrisk/data/datatest"
	"gasrisk/data/export"
)

// TestXLSXCellsTyped reads exported sheets back with excelize: numbers
// are number cells, dates and date-times are date cells (a serial number
// under a date format), flags are booleans, text is text.
func TestXLSXCellsTyped(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	datatest.Analyze(t, s.DB)
	ctx := context.Background()
	if _, err := s.DB.Pool.Exec(ctx, `UPDATE hazards SET deadline = DATE '2026-09-30' WHERE id = (SELECT min(id) FROM hazards)`); err != nil {
		t.Fatal(err)
	}
	sheet := func(target string) (*excelize.File, [][]string) {
		var buf bytes.Buffer
		if _, err := s.Export.Export(ctx, &buf, export.Options{Format: "xlsx", Lang: "en", Target: target}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		rows, err := f.GetRows(target)
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %d rows, %v", target, len(rows), err)
		}
		return f, rows
	}
	dateFormat := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$`)
	for _, tc := range []struct {
		target string
		kinds  map[string]string // header → number, date, bool, text
	}{
		{"hazards", map[string]string{"Length (m)": "number", "Deadline": "date", "Found at": "date",
			"Listed supervision": "bool", "Hazard code": "text", "Longitude": "number", "Latitude": "number"}},
		{"segments", map[string]string{"Segment ID": "number", "Risk score": "number", "Install year": "number",
			"Diameter (mm)": "number", "Length (m)": "number", "Occupied": "bool", "Pipe ID": "text"}},
	} {
		t.Run(tc.target, func(t *testing.T) {
			f, rows := sheet(tc.target)
			for header, kind := range tc.kinds {
				col := slices.Index(rows[0], header)
				if col < 0 {
					t.Fatalf("no column %q in %v", header, rows[0])
				}
				checked := 0
				for r := 2; r <= len(rows); r++ {
					cell, _ := excelize.CoordinatesToCellName(col+1, r)
					raw, _ := f.GetCellValue(tc.target, cell, excelize.Options{RawCellValue: true})
					if raw == "" {
						continue // NULL
					}
					typ, _ := f.GetCellType(tc.target, cell)
					shown, _ := f.GetCellValue(tc.target, cell)
					_, numErr := strconv.ParseFloat(raw, 64)
					switch kind {
					case "number", "date":
						if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset || numErr != nil {
							t.Errorf("%s %s = %q (type %v): want a number cell", header, cell, raw, typ)
						}
						if kind == "date" && !dateFormat.MatchString(shown) {
							t.Errorf("%s %s shows %q (raw %q): want a date", header, cell, shown, raw)
						}
					case "bool":
						if typ != excelize.CellTypeBool {
							t.Errorf("%s %s = %q (type %v): want a boolean cell", header, cell, raw, typ)
						}
					case "text":
						if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
							t.Errorf("%s %s = %q (type %v): want a text cell", header, cell, raw, typ)
						}
					}
					checked++
				}
				if checked == 0 {
					t.Errorf("no value in column %q", header)
				}
			}
		})
	}
}
