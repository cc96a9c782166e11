package ledger

import (
	"context"
	"gasrisk/data"
	"gasrisk/hazard"
	"io"
	"math"
	"strings"
	"time"
)

// ExportOptions chooses the hazards, the format and the language of
// a ledger export.
type ExportOptions struct {
	Format string // FormatXLSX or FormatCSV
	Lang   string // hazard.LangZH (default) or hazard.LangEN: headers and values
	Filter Filter
	// Cards, when set, adds the sheet of emergency cards (应急处置卡) to
	// an XLSX ledger: one call for all the hazards written.
	Cards CardSource
}

// ledgerColumn is one column of the hazard ledger.
type ledgerColumn struct {
	name  hazard.Text
	width float64
	value func(h hazard.Entry, lang string) any
}

// ledgerColumns are the columns of the hazard ledger (隐患台账), in the
// order Chinese safety offices use.
func ledgerColumns() []ledgerColumn {
	yesNo := func(b bool, lang string) any {
		if b {
			return hazard.Text{ZH: "是", EN: "yes"}.In(lang)
		}
		return hazard.Text{ZH: "否", EN: "no"}.In(lang)
	}
	day := func(t time.Time) string { return t.Local().Format(time.DateOnly) }
	return []ledgerColumn{
		{hazard.Text{ZH: "序号", EN: "No."}, 6, nil}, // filled in by the writer
		{hazard.Text{ZH: "隐患编号", EN: "Hazard ID"}, 12, func(h hazard.Entry, _ string) any { return h.Code }},
		{hazard.Text{ZH: "所在区域", EN: "District"}, 12, func(h hazard.Entry, _ string) any { return h.DistrictLabel() }},
		{hazard.Text{ZH: "隐患类型", EN: "Type"}, 22, func(h hazard.Entry, l string) any { return hazard.KindName(h.Kind, l) }},
		{hazard.Text{ZH: "隐患描述", EN: "Description"}, 48, func(h hazard.Entry, l string) any { return hazard.Describe(h, l) }},
		{hazard.Text{ZH: "风险等级", EN: "Risk level"}, 9, func(h hazard.Entry, l string) any { return hazard.GradeName(h.Grade, l) }},
		{hazard.Text{ZH: "挂牌督办", EN: "Listed supervision"}, 9, func(h hazard.Entry, l string) any { return yesNo(h.Listed, l) }},
		{hazard.Text{ZH: "发现日期", EN: "Found on"}, 12, func(h hazard.Entry, _ string) any { return day(h.FoundAt) }},
		{hazard.Text{ZH: "整改措施", EN: "Rectification measures"}, 36, func(h hazard.Entry, _ string) any { return h.Measures }},
		{hazard.Text{ZH: "临时管控措施", EN: "Temporary measures"}, 18, func(h hazard.Entry, _ string) any { return strings.Join(h.TemporaryMeasures, ", ") }},
		{hazard.Text{ZH: "责任单位", EN: "Responsible unit"}, 18, func(h hazard.Entry, _ string) any { return h.ResponsibleUnit }},
		{hazard.Text{ZH: "责任人", EN: "Responsible person"}, 12, func(h hazard.Entry, _ string) any { return h.ResponsiblePerson }},
		{hazard.Text{ZH: "整改期限", EN: "Deadline"}, 12, func(h hazard.Entry, _ string) any { return h.Deadline }},
		{hazard.Text{ZH: "状态", EN: "Status"}, 12, func(h hazard.Entry, l string) any { return hazard.StateName(hazard.State(h.State), l) }},
		{hazard.Text{ZH: "是否逾期", EN: "Overdue"}, 9, func(h hazard.Entry, l string) any { return yesNo(h.Overdue, l) }},
		{hazard.Text{ZH: "待复核", EN: "Re-check due"}, 9, func(h hazard.Entry, l string) any { return yesNo(h.RecheckDue, l) }},
		{hazard.Text{ZH: "整改情况", EN: "Rectification evidence"}, 30, func(h hazard.Entry, _ string) any { return h.Evidence }},
		{hazard.Text{ZH: "销号日期", EN: "Closed on"}, 12, func(h hazard.Entry, _ string) any {
			if h.ClosedAt == nil {
				return ""
			}
			return day(*h.ClosedAt)
		}},
		{hazard.Text{ZH: "经度", EN: "Longitude"}, 12, func(h hazard.Entry, _ string) any { return roundTo(h.Lon, 6) }},
		{hazard.Text{ZH: "纬度", EN: "Latitude"}, 12, func(h hazard.Entry, _ string) any { return roundTo(h.Lat, 6) }},
	}
}

// ledgerGradeCol is the position of 风险等级 in ledgerColumns.
const ledgerGradeCol = 5

// ExportLedger writes the hazard ledger (隐患台账): every hazard that
// passes the filter, by id, numbered from 1, and in XLSX with o.Cards the
// sheet of their emergency cards. It returns the number of hazards
// written.
func (s *Service) ExportLedger(ctx context.Context, w io.Writer, o ExportOptions) (_ int, err error) {
	defer data.Annotate(&err, "ledger.ExportLedger")
	lang, err := hazard.ParseLang(o.Lang)
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
		header[i], widths[i] = c.name.In(lang), c.width
	}
	title := hazard.Text{ZH: "燃气安全隐患排查整治台账", EN: "Gas safety hazard ledger"}.In(lang)
	if err := tw.table(hazard.Text{ZH: "隐患台账", EN: "Ledger"}.In(lang), title, header, widths, ledgerGradeCol); err != nil {
		return 0, err
	}
	n := 0
	var rows []cardRow
	withCards := o.Cards != nil && o.Format == FormatXLSX
	err = s.allHazards(ctx, o.Filter, func(h hazard.Entry) error {
		n++
		if withCards {
			rows = append(rows, cardRow{id: h.ID, code: h.Code, grade: h.Grade, district: h.DistrictLabel()})
		}
		cells := make([]any, len(cols))
		cells[0] = n
		for i, c := range cols[1:] {
			cells[i+1] = c.value(h, lang)
		}
		return tw.row(h.Grade, cells)
	})
	if err == nil && withCards {
		err = writeCards(ctx, tw, o.Cards, rows, lang)
	}
	if err != nil {
		return n, err
	}
	return n, tw.close()
}

// roundTo rounds x to n decimals.
func roundTo(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}
