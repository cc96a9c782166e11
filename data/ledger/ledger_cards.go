package ledger

import (
	"context"

	"gasrisk/hazard"
)

// CardSource answers the emergency cards of hazards (data/topology): one
// call for all hazards of an export, keyed by hazard id.
type CardSource interface {
	Cards(ctx context.Context, ids []int64) (map[int64]hazard.Card, error)
}

// cardRow is what the cards sheet keeps of a ledger row.
type cardRow struct {
	id                    int64
	code, grade, district string
}

// cardColumn is one column of the emergency cards sheet.
type cardColumn struct {
	name  hazard.Text
	width float64
	value func(r cardRow, c hazard.Card, lang string) any
}

// cardColumns are the columns of the emergency cards sheet (应急处置卡):
// per hazard the valves to close, who loses gas and the stations to call.
func cardColumns() []cardColumn {
	m := func(x float64) any { return roundTo(x, 1) }
	return []cardColumn{
		{hazard.Text{ZH: "序号", EN: "No."}, 6, nil},
		{hazard.Text{ZH: "隐患编号", EN: "Hazard ID"}, 12, func(r cardRow, _ hazard.Card, _ string) any { return r.code }},
		{hazard.Text{ZH: "风险等级", EN: "Risk level"}, 9, func(r cardRow, _ hazard.Card, l string) any { return hazard.GradeName(r.grade, l) }},
		{hazard.Text{ZH: "所在区域", EN: "District"}, 12, func(r cardRow, _ hazard.Card, _ string) any { return r.district }},
		{hazard.Text{ZH: "关阀起点管线", EN: "Pipe isolated"}, 12, func(_ cardRow, c hazard.Card, _ string) any { return c.PipeID }},
		{hazard.Text{ZH: "需关闭阀门数", EN: "Valves to close"}, 9, func(_ cardRow, c hazard.Card, _ string) any { return len(c.Valves) }},
		{hazard.Text{ZH: "需关闭阀门（编号 类型 经纬度）", EN: "Valves to close (id, kind, lon/lat)"}, 44,
			func(_ cardRow, c hazard.Card, l string) any { return hazard.ValvesText(c.Valves, l) }},
		{hazard.Text{ZH: "无法操作而越过的阀门", EN: "Inoperable valves passed"}, 30,
			func(_ cardRow, c hazard.Card, l string) any { return hazard.ValvesText(c.Passed, l) }},
		{hazard.Text{ZH: "关阀管段长度（米）", EN: "Isolated length (m)"}, 11, func(_ cardRow, c hazard.Card, _ string) any { return m(c.IsolatedM) }},
		{hazard.Text{ZH: "停气管段长度（米）", EN: "Outage length (m)"}, 11, func(_ cardRow, c hazard.Card, _ string) any { return m(c.OutageM) }},
		{hazard.Text{ZH: "停气用户数", EN: "Customers without gas"}, 10, func(_ cardRow, c hazard.Card, _ string) any { return c.Customers }},
		{hazard.Text{ZH: "停气表数", EN: "Meters without gas"}, 10, func(_ cardRow, c hazard.Card, _ string) any { return c.Meters }},
		{hazard.Text{ZH: "重要用户", EN: "Critical customers"}, 36,
			func(_ cardRow, c hazard.Card, l string) any { return hazard.CriticalText(c.Critical, l) }},
		{hazard.Text{ZH: "需同时关闭出口的场站", EN: "Stations feeding it (shut outlets)"}, 24,
			func(_ cardRow, c hazard.Card, l string) any { return hazard.StationsText(c.Stations, l) }},
		{hazard.Text{ZH: "剩余气源", EN: "Sources remaining"}, 24,
			func(_ cardRow, c hazard.Card, l string) any { return hazard.StationsText(c.Sources, l) }},
		{hazard.Text{ZH: "最近场站", EN: "Nearest station"}, 24, func(_ cardRow, c hazard.Card, l string) any {
			if c.Nearest == nil {
				return ""
			}
			return hazard.StationText(*c.Nearest, l)
		}},
		{hazard.Text{ZH: "备注", EN: "Note"}, 30, func(_ cardRow, c hazard.Card, l string) any {
			if c.NoTrace != "" {
				return hazard.NoTraceText(c.NoTrace, l)
			}
			if c.Unfed {
				return hazard.Text{ZH: "该管段原无气源供气（数据孤岛）", EN: "no source fed this stretch (an island of the data)"}.In(l)
			}
			return ""
		}},
	}
}

// cardGradeCol is the position of 风险等级 in cardColumns.
const cardGradeCol = 2

// writeCards writes the emergency cards sheet of the rows, the cards
// answered by one call to src.
func writeCards(ctx context.Context, tw ledgerTable, src CardSource, rows []cardRow, lang string) error {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	cards, err := src.Cards(ctx, ids)
	if err != nil {
		return err
	}
	cols := cardColumns()
	header, widths := make([]string, len(cols)), make([]float64, len(cols))
	for i, c := range cols {
		header[i], widths[i] = c.name.In(lang), c.width
	}
	title := hazard.Text{ZH: "燃气安全隐患应急处置卡（关阀隔离）", EN: "Emergency cards of the hazards (valve isolation)"}.In(lang)
	if err := tw.table(hazard.Text{ZH: "应急处置卡", EN: "Emergency cards"}.In(lang), title, header, widths, cardGradeCol); err != nil {
		return err
	}
	for n, r := range rows {
		c := cards[r.id]
		cells := make([]any, len(cols))
		cells[0] = n + 1
		for i, col := range cols[1:] {
			cells[i+1] = col.value(r, c, lang)
		}
		if err := tw.row(r.grade, cells); err != nil {
			return err
		}
	}
	return nil
}
