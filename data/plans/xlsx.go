package plans

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/hazard"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// planColumn is one column of the renewal plan table.
type planColumn struct {
	name  hazard.Text
	width float64
	value func(no int, j renewal.Job, lang string) any
}

// planColumns are the columns of a 更新改造计划表: one row per job.
func planColumns() []planColumn {
	return []planColumn{
		{hazard.Text{ZH: "序号", EN: "No."}, 6, func(no int, _ renewal.Job, _ string) any { return no }},
		{hazard.Text{ZH: "计划年度", EN: "Year"}, 9, func(_ int, j renewal.Job, _ string) any { return j.Year }},
		{hazard.Text{ZH: "所在区域", EN: "District"}, 12, func(_ int, j renewal.Job, _ string) any { return j.District }},
		{hazard.Text{ZH: "更新改造类别", EN: "Renewal category"}, 30, func(_ int, j renewal.Job, l string) any { return categoryName(j.Category, l) }},
		{hazard.Text{ZH: "是否国办发〔2022〕22号强制更新", EN: "Mandatory (22号)"}, 12, func(_ int, j renewal.Job, l string) any {
			if j.Mandatory {
				return hazard.Text{ZH: "是", EN: "yes"}.In(l)
			}
			return hazard.Text{ZH: "否", EN: "no"}.In(l)
		}},
		{hazard.Text{ZH: "管道编号", EN: "Pipe IDs"}, 30, func(_ int, j renewal.Job, _ string) any { return strings.Join(j.PipeIDs, ", ") }},
		{hazard.Text{ZH: "改造长度（米）", EN: "Length (m)"}, 12, func(_ int, j renewal.Job, _ string) any { return round1(j.LengthM) }},
		{hazard.Text{ZH: "惠及居民户数", EN: "Households"}, 12, func(_ int, j renewal.Job, _ string) any { return households(j.Households) }},
		{hazard.Text{ZH: "投资估算（万元）", EN: "Estimated cost (10k yuan)"}, 14, func(_ int, j renewal.Job, _ string) any { return round1(j.CostYuan / 1e4) }},
		{hazard.Text{ZH: "风险降低", EN: "Risk reduction"}, 12, func(_ int, j renewal.Job, _ string) any { return round1(j.RiskReduction) }},
		{hazard.Text{ZH: "安排理由", EN: "Reason for the year"}, 60, func(_ int, j renewal.Job, _ string) any { return j.Reason }},
	}
}

// households is a job's households in a cell: empty when not counted.
func households(h *int) any {
	if h == nil {
		return ""
	}
	return *h
}

func categoryName(c, lang string) string {
	en, zh := riskmodel.RenewalCategoryLabels(c)
	return hazard.Text{ZH: zh, EN: en}.In(lang)
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

// progressColumn is a column of the jobs' progress, written when the
// workbook has it.
type progressColumn struct {
	name  hazard.Text
	width float64
	value func(j JobProgress, lang string) any
}

// progressColumns follow the plan's columns in a workbook of a stored
// plan: state, contractor, finish, actual cost, overdue, reconciled.
func progressColumns() []progressColumn {
	yesNo := func(b bool, l string) any {
		if b {
			return hazard.Text{ZH: "是", EN: "yes"}.In(l)
		}
		return hazard.Text{ZH: "否", EN: "no"}.In(l)
	}
	return []progressColumn{
		{hazard.Text{ZH: "进展状态", EN: "State"}, 12, func(j JobProgress, l string) any {
			en, zh := renewal.StateLabels(j.State)
			return hazard.Text{ZH: zh, EN: en}.In(l)
		}},
		{hazard.Text{ZH: "施工单位", EN: "Contractor"}, 20, func(j JobProgress, _ string) any { return j.Contractor }},
		{hazard.Text{ZH: "完工日期", EN: "Finished on"}, 12, func(j JobProgress, _ string) any {
			if j.FinishedOn == nil {
				return ""
			}
			return j.FinishedOn.Format(time.DateOnly)
		}},
		{hazard.Text{ZH: "实际投资（万元）", EN: "Actual cost (10k yuan)"}, 14, func(j JobProgress, _ string) any {
			if j.ActualCostYuan == nil {
				return ""
			}
			return round1(*j.ActualCostYuan / 1e4)
		}},
		{hazard.Text{ZH: "是否逾期", EN: "Overdue"}, 9, func(j JobProgress, l string) any { return yesNo(j.Overdue, l) }},
		{hazard.Text{ZH: "已与管网数据核对", EN: "Reconciled"}, 12, func(j JobProgress, l string) any { return yesNo(j.ReconciledAt != nil, l) }},
	}
}

// WriteXLSX writes plan p as a 更新改造计划表 workbook: a sheet of jobs
// by year (with each job's progress, when progress lists the jobs in
// order) and a sheet of the years' budgets, with Chinese headers unless
// lang is "en".
func WriteXLSX(w io.Writer, p Plan, lang string, progress []JobProgress) error {
	if lang != "en" {
		lang = "zh"
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := hazard.Text{ZH: "更新改造计划表", EN: "Renewal plan"}.In(lang)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	title := hazard.Text{ZH: "城市燃气管道老化更新改造计划表", EN: "Renewal plan of ageing gas pipes"}.In(lang) + " — " + p.Name
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	cols, pcols := planColumns(), progressColumns()
	if len(progress) != len(p.Jobs) {
		pcols = nil
	}
	var header []any
	for i, c := range cols {
		header = append(header, c.name.In(lang))
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	for i, c := range pcols {
		header = append(header, c.name.In(lang))
		if err := sw.SetColWidth(len(cols)+i+1, len(cols)+i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetRow("A1", []any{title}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", header); err != nil {
		return err
	}
	for n, j := range p.Jobs {
		var row []any
		for _, c := range cols {
			row = append(row, c.value(n+1, j, lang))
		}
		for _, c := range pcols {
			row = append(row, c.value(progress[n], lang))
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+3)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := writeYears(f, p, lang); err != nil {
		return err
	}
	if pcols != nil {
		if err := writeProgress(f, p.Name, progress, lang); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// writeYears adds the sheet of years: budget, planned cost, jobs, km.
func writeYears(f *excelize.File, p Plan, lang string) error {
	sheet := hazard.Text{ZH: "年度汇总", EN: "Years"}.In(lang)
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	header := []any{hazard.Text{ZH: "年度", EN: "Year"}.In(lang), hazard.Text{ZH: "年度预算（万元）", EN: "Budget (10k yuan)"}.In(lang),
		hazard.Text{ZH: "计划投资（万元）", EN: "Planned cost (10k yuan)"}.In(lang), hazard.Text{ZH: "项目数", EN: "Jobs"}.In(lang),
		hazard.Text{ZH: "改造长度（公里）", EN: "Length (km)"}.In(lang), hazard.Text{ZH: "惠及居民户数", EN: "Households"}.In(lang)}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	for i, y := range p.Years {
		n, m, h := 0, 0.0, 0
		for _, j := range p.Jobs {
			if j.Year == y.Year {
				n++
				m += j.LengthM
				if j.Households != nil {
					h += *j.Households
				}
			}
		}
		row := []any{y.Year, round1(y.BudgetYuan / 1e4), round1(y.CostYuan / 1e4), n, round1(m/100) / 10, h}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	return nil
}

// ExportXLSX writes the plan stored under name, with its progress, as
// WriteXLSX does.
func (s *Service) ExportXLSX(ctx context.Context, w io.Writer, name, lang string) (err error) {
	defer data.Annotate(&err, "plans.ExportXLSX")
	if lang != "" && lang != "zh" && lang != "en" {
		return gasrisk.Errorf(gasrisk.EINVALID, "lang: %q must be zh or en", lang)
	}
	p, err := s.Get(ctx, name)
	if err != nil {
		return err
	}
	r, err := s.Progress(ctx, name, time.Now())
	if err != nil {
		return err
	}
	return WriteXLSX(w, p, lang, r.Jobs)
}
