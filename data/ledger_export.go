package data

import (
	"context"
	"io"
	"math"
	"strings"
	"time"

	"gasrisk"
)

// LedgerExportOptions chooses the hazards, the format and the language of
// a ledger export.
type LedgerExportOptions struct {
	Format string // LedgerXLSX or LedgerCSV
	Lang   string // LangZH (default) or LangEN: headers and values
	Filter HazardFilter
}

// ledgerColumn is one column of the hazard ledger.
type ledgerColumn struct {
	name  zhEn
	width float64
	value func(h Hazard, lang string) any
}

// ledgerColumns are the columns of the hazard ledger (隐患台账), in the
// order Chinese safety offices use.
func ledgerColumns() []ledgerColumn {
	yesNo := func(b bool, lang string) any {
		if b {
			return zhEn{"是", "yes"}.in(lang)
		}
		return zhEn{"否", "no"}.in(lang)
	}
	day := func(t time.Time) string { return t.Local().Format(time.DateOnly) }
	return []ledgerColumn{
		{zhEn{"序号", "No."}, 6, nil}, // filled in by the writer
		{zhEn{"隐患编号", "Hazard ID"}, 12, func(h Hazard, _ string) any { return h.Code }},
		{zhEn{"所在区域", "District"}, 12, func(h Hazard, _ string) any { return h.District }},
		{zhEn{"隐患类型", "Type"}, 22, func(h Hazard, l string) any { return KindName(h.Kind, l) }},
		{zhEn{"隐患描述", "Description"}, 48, func(h Hazard, l string) any { return Describe(h, l) }},
		{zhEn{"风险等级", "Risk level"}, 9, func(h Hazard, l string) any { return GradeName(h.Grade, l) }},
		{zhEn{"挂牌督办", "Listed supervision"}, 9, func(h Hazard, l string) any { return yesNo(h.Listed, l) }},
		{zhEn{"发现日期", "Found on"}, 12, func(h Hazard, _ string) any { return day(h.FoundAt) }},
		{zhEn{"整改措施", "Rectification measures"}, 36, func(h Hazard, _ string) any { return h.Measures }},
		{zhEn{"临时管控措施", "Temporary measures"}, 18, func(h Hazard, _ string) any { return strings.Join(h.TemporaryMeasures, ", ") }},
		{zhEn{"责任单位", "Responsible unit"}, 18, func(h Hazard, _ string) any { return h.ResponsibleUnit }},
		{zhEn{"责任人", "Responsible person"}, 12, func(h Hazard, _ string) any { return h.ResponsiblePerson }},
		{zhEn{"整改期限", "Deadline"}, 12, func(h Hazard, _ string) any { return h.Deadline }},
		{zhEn{"状态", "Status"}, 12, func(h Hazard, l string) any { return StateName(HazardState(h.State), l) }},
		{zhEn{"是否逾期", "Overdue"}, 9, func(h Hazard, l string) any { return yesNo(h.Overdue, l) }},
		{zhEn{"待复核", "Re-check due"}, 9, func(h Hazard, l string) any { return yesNo(h.RecheckDue, l) }},
		{zhEn{"整改情况", "Rectification evidence"}, 30, func(h Hazard, _ string) any { return h.Evidence }},
		{zhEn{"销号日期", "Closed on"}, 12, func(h Hazard, _ string) any {
			if h.ClosedAt == nil {
				return ""
			}
			return day(*h.ClosedAt)
		}},
		{zhEn{"经度", "Longitude"}, 12, func(h Hazard, _ string) any { return roundTo(h.Lon, 6) }},
		{zhEn{"纬度", "Latitude"}, 12, func(h Hazard, _ string) any { return roundTo(h.Lat, 6) }},
	}
}

// ledgerGradeCol is the position of 风险等级 in ledgerColumns.
const ledgerGradeCol = 5

// ExportLedger writes the hazard ledger (隐患台账): every hazard that
// passes the filter, by id, numbered from 1. It returns the number of
// hazards written.
func (s *Store) ExportLedger(ctx context.Context, w io.Writer, o LedgerExportOptions) (int, error) {
	lang, err := exportLang(o.Lang)
	if err != nil {
		return 0, err
	}
	if err := o.Filter.Validate(); err != nil {
		return 0, err
	}
	tw, err := newLedgerTable(w, o.Format)
	if err != nil {
		return 0, err
	}
	cols := ledgerColumns()
	header, widths := make([]string, len(cols)), make([]float64, len(cols))
	for i, c := range cols {
		header[i], widths[i] = c.name.in(lang), c.width
	}
	title := zhEn{"燃气安全隐患排查整治台账", "Gas safety hazard ledger"}.in(lang)
	if err := tw.table(zhEn{"隐患台账", "Ledger"}.in(lang), title, header, widths, ledgerGradeCol); err != nil {
		return 0, err
	}
	n := 0
	err = s.allHazards(ctx, o.Filter, func(h Hazard) error {
		n++
		cells := make([]any, len(cols))
		cells[0] = n
		for i, c := range cols[1:] {
			cells[i+1] = c.value(h, lang)
		}
		return tw.row(h.Grade, cells)
	})
	if err != nil {
		return n, err
	}
	return n, tw.close()
}

// exportLang checks a language: zh (the default when empty) or en.
func exportLang(lang string) (string, error) {
	switch lang {
	case "", LangZH:
		return LangZH, nil
	case LangEN:
		return LangEN, nil
	}
	return "", gasrisk.Errorf(gasrisk.EINVALID, "unknown language %q (want zh or en)", lang)
}

// roundTo rounds x to n decimals.
func roundTo(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}
