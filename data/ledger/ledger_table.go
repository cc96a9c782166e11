package ledger

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gasrisk"
	"gasrisk/riskmodel"
)

// Formats of the ledger and control list exports.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

// ledgerTable writes the tables of an export: XLSX with one sheet per
// table (a title row, then the header, the grade column coloured), or
// CSV, all tables one after the other under one header (UTF-8 with a
// byte-order mark, so that spreadsheet programs read the Chinese).
type ledgerTable interface {
	// table starts a table; gradeCol is the 0-based column of the grade
	// (-1: none), widths the column widths in characters.
	table(name, title string, header []string, widths []float64, gradeCol int) error
	// row writes a row; grade (red, orange …) colours the grade cell.
	row(grade string, cells []any) error
	close() error
}

// newLedgerTable returns the writer of a format.
func newLedgerTable(w io.Writer, format string) (ledgerTable, error) {
	switch format {
	case FormatXLSX:
		return &ledgerXLSX{w: w, f: excelize.NewFile()}, nil
	case FormatCSV, "":
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
		return &ledgerCSV{w: csv.NewWriter(w)}, nil
	}
	return nil, gasrisk.Errorf(gasrisk.EINVALID, "unknown format %q (want xlsx or csv)", format)
}

// ledgerCSV writes the header once.
type ledgerCSV struct {
	w      *csv.Writer
	headed bool
}

func (c *ledgerCSV) table(_, _ string, header []string, _ []float64, _ int) error {
	if c.headed {
		return nil
	}
	c.headed = true
	return c.w.Write(header)
}

func (c *ledgerCSV) row(_ string, cells []any) error {
	rec := make([]string, len(cells))
	for i, v := range cells {
		switch x := v.(type) {
		case float64:
			rec[i] = strconv.FormatFloat(x, 'f', -1, 64)
		case nil:
		default:
			rec[i] = fmt.Sprint(x)
		}
	}
	return c.w.Write(rec)
}

func (c *ledgerCSV) close() error {
	c.w.Flush()
	return c.w.Error()
}

// ledgerXLSX streams each sheet.
type ledgerXLSX struct {
	w        io.Writer
	f        *excelize.File
	sw       *excelize.StreamWriter
	sheets   int
	next     int // next row
	gradeCol int
	styles   map[string]int // grade → fill style; "" → header
}

func (x *ledgerXLSX) table(name, title string, header []string, widths []float64, gradeCol int) error {
	if err := x.flush(); err != nil {
		return err
	}
	if err := x.sheet(name); err != nil {
		return err
	}
	if x.styles == nil {
		if err := x.makeStyles(); err != nil {
			return err
		}
	}
	for i, w := range widths {
		if err := x.sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	x.gradeCol = gradeCol
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	if err == nil {
		err = x.sw.SetRow("A1", []any{excelize.Cell{StyleID: x.styles["title"], Value: title}}, excelize.RowOpts{Height: 28})
	}
	if err == nil {
		err = x.sw.MergeCell("A1", last)
	}
	if err != nil {
		return err
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: x.styles[""], Value: h}
	}
	x.next = 3
	return x.sw.SetRow("A2", cells)
}

// sheet names the first sheet or adds one; names are made unique and
// valid (at most 31 characters, none of : \ / ? * [ ]).
func (x *ledgerXLSX) sheet(name string) error {
	name = strings.NewReplacer(":", "_", "\\", "_", "/", "_", "?", "_", "*", "_", "[", "(", "]", ")").Replace(name)
	if r := []rune(name); len(r) > 28 {
		name = string(r[:28])
	}
	if idx, _ := x.f.GetSheetIndex(name); idx >= 0 || name == "" {
		name = fmt.Sprintf("%s~%d", name, x.sheets+1)
	}
	if x.sheets == 0 {
		if err := x.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	x.sheets++
	sw, err := x.f.NewStreamWriter(name)
	x.sw = sw
	return err
}

func (x *ledgerXLSX) row(grade string, cells []any) error {
	if x.gradeCol >= 0 && x.gradeCol < len(cells) && grade != "" {
		if id, ok := x.styles[grade]; ok {
			cells[x.gradeCol] = excelize.Cell{StyleID: id, Value: cells[x.gradeCol]}
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, x.next)
	x.next++
	return x.sw.SetRow(cell, cells)
}

func (x *ledgerXLSX) flush() error {
	if x.sw == nil {
		return nil
	}
	err := x.sw.Flush()
	x.sw = nil
	return err
}

func (x *ledgerXLSX) close() error {
	if err := x.flush(); err != nil {
		return err
	}
	if _, err := x.f.WriteTo(x.w); err != nil {
		return err
	}
	return x.f.Close()
}

// makeStyles creates the title, header and grade fill styles.
func (x *ledgerXLSX) makeStyles() error {
	x.styles = map[string]int{}
	specs := map[string]*excelize.Style{
		"title": {Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		"": {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#D9D9D9"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
	}
	for grade, c := range gradeColours() {
		font := "#000000"
		if grade == "red" || grade == "blue" {
			font = "#FFFFFF"
		}
		specs[grade] = &excelize.Style{Font: &excelize.Font{Bold: true, Color: font},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}}
	}
	for k, st := range specs {
		id, err := x.f.NewStyle(st)
		if err != nil {
			return err
		}
		x.styles[k] = id
	}
	return nil
}

// gradeColours are the fills of the four-colour map, as on the maps.
func gradeColours() map[string]string {
	m := map[string]string{}
	for _, g := range riskmodel.Grades() {
		m[string(g)] = fmt.Sprintf("#%06X", g.RGB())
	}
	return m
}
