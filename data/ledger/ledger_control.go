package ledger

import (
	"context"
	"io"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// ControlListOptions chooses the districts, grades, format and language
// of the graded risk control list.
type ControlListOptions struct {
	Format    string   // FormatXLSX or FormatCSV
	Lang      string   // hazard.LangZH (default) or hazard.LangEN
	Districts []string // empty: all
	Grades    []string // empty: all
}

// controlRow is one risk point of the control list: a pipe of the current
// run (its worst grade, length and findings) or a station with open
// hazards.
type controlRow struct {
	District, DistrictName, Type, Point, Material, Class string
	Segments                                             int
	Km                                                   float64
	Grade, Findings, Hazards                             string
}

// sqlControlRows lists the risk points ($1 the run, $2 districts, $3
// grades; NULL arrays select all), by district, worst grade first.
const sqlControlRows = `
WITH pipes AS (
    SELECT coalesce(s.district, '') AS district, 'pipe' AS type, s.pipe_id AS point, min(s.material) AS material,
           min(s.pressure_class) AS class, count(*)::int AS segments, sum(s.length_m) / 1000 AS km,
           max(array_position(ARRAY['blue', 'yellow', 'orange', 'red'], s.grade)) AS rank,
           string_agg(array_to_string(s.findings, ','), ',') AS findings
    FROM segments s WHERE s.run_id = $1 GROUP BY 1, 3),
stations AS (
    SELECT coalesce(h.district, '') AS district, 'station' AS type, h.station_id AS point, '' AS material, '' AS class,
           0 AS segments, 0::float8 AS km, max(array_position(ARRAY['blue', 'yellow', 'orange', 'red'], h.grade)) AS rank,
           string_agg(h.kind, ',') AS findings
    FROM hazards h WHERE h.source = 'station' AND h.state <> 'closed' GROUP BY 1, 3),
open AS (
    SELECT h.source, coalesce(h.pipe_id, h.station_id) AS point, string_agg(h.code, ',' ORDER BY h.id) AS codes
    FROM hazards h WHERE h.state <> 'closed' GROUP BY 1, 2)
SELECT u.district, coalesce(d.name, ''), u.type, u.point, coalesce(u.material, ''), coalesce(u.class, ''), u.segments,
       u.km, (ARRAY['blue', 'yellow', 'orange', 'red'])[u.rank], coalesce(u.findings, ''), coalesce(o.codes, '')
FROM (SELECT * FROM pipes UNION ALL SELECT * FROM stations) u
LEFT JOIN districts d ON d.id = u.district
LEFT JOIN open o ON o.point = u.point AND o.source = CASE u.type WHEN 'pipe' THEN 'segment' ELSE 'station' END
WHERE ($2::text[] IS NULL OR u.district = ANY ($2)) AND ($3::text[] IS NULL OR (ARRAY['blue', 'yellow', 'orange', 'red'])[u.rank] = ANY ($3))
ORDER BY u.district, u.rank DESC, u.km DESC, u.point`

// controlRows reads the risk points of the current run.
func (s *Service) controlRows(ctx context.Context, o ControlListOptions) ([]controlRow, error) {
	run, err := s.db.CurrentRun(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Pool.Query(ctx, sqlControlRows, run, data.TextArray(o.Districts), data.TextArray(o.Grades))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[controlRow])
}

// ExportControlList writes the graded risk control list (风险分级管控清单)
// of the current run per district: in XLSX a summary sheet (risk points
// and km per grade and district) and one sheet per district, in CSV one
// table with the district in a column. It returns the number of risk
// points written.
func (s *Service) ExportControlList(ctx context.Context, w io.Writer, o ControlListOptions) (_ int, err error) {
	defer data.Annotate(&err, "ledger.ExportControlList")
	lang, err := hazard.ParseLang(o.Lang)
	if err != nil {
		return 0, err
	}
	if err := (Filter{Grades: o.Grades}).Validate(); err != nil {
		return 0, err
	}
	rows, err := s.controlRows(ctx, o)
	if err != nil {
		return 0, err
	}
	tw, err := newLedgerTable(w, o.Format)
	if err != nil {
		return 0, err
	}
	if o.Format == FormatXLSX {
		if err := writeControlSummary(tw, rows, lang); err != nil {
			return 0, err
		}
	}
	if err := writeControlDistricts(tw, rows, lang); err != nil {
		return 0, err
	}
	return len(rows), tw.close()
}

// controlHeader is the control list's header and column widths.
func controlHeader(lang string) ([]string, []float64) {
	cols := []struct {
		l hazard.Text
		w float64
	}{
		{hazard.Text{ZH: "序号", EN: "No."}, 6}, {hazard.Text{ZH: "所在区域", EN: "District"}, 14}, {hazard.Text{ZH: "风险点类型", EN: "Type"}, 10},
		{hazard.Text{ZH: "风险点", EN: "Risk point"}, 16}, {hazard.Text{ZH: "材质", EN: "Material"}, 12}, {hazard.Text{ZH: "压力级制", EN: "Pressure class"}, 10},
		{hazard.Text{ZH: "管段数", EN: "Segments"}, 8}, {hazard.Text{ZH: "长度(km)", EN: "Length (km)"}, 10}, {hazard.Text{ZH: "风险等级", EN: "Risk level"}, 9},
		{hazard.Text{ZH: "主要风险因素", EN: "Risk factors"}, 36}, {hazard.Text{ZH: "管控层级", EN: "Control level"}, 10},
		{hazard.Text{ZH: "管控措施", EN: "Control measures"}, 60}, {hazard.Text{ZH: "关联隐患", EN: "Open hazards"}, 24},
	}
	h, w := make([]string, len(cols)), make([]float64, len(cols))
	for i, c := range cols {
		h[i], w[i] = c.l.In(lang), c.w
	}
	return h, w
}

// controlGradeCol is the position of 风险等级 in controlHeader.
const controlGradeCol = 8

// writeControlDistricts writes one table per district, numbered from 1.
func writeControlDistricts(tw ledgerTable, rows []controlRow, lang string) error {
	header, widths := controlHeader(lang)
	cur, n := "\x00", 0
	for _, r := range rows {
		if r.District != cur {
			cur, n = r.District, 0
			title := districtLabel(r, lang) + " " + hazard.Text{ZH: "燃气管网安全风险分级管控清单", EN: "graded risk control list of the gas network"}.In(lang)
			if err := tw.table(districtLabel(r, lang), title, header, widths, controlGradeCol); err != nil {
				return err
			}
		}
		n++
		if err := tw.row(r.Grade, r.cells(n, lang)); err != nil {
			return err
		}
	}
	if len(rows) == 0 {
		return tw.table(hazard.Text{ZH: "风险分级管控清单", EN: "Control list"}.In(lang), hazard.Text{ZH: "燃气管网安全风险分级管控清单", EN: "Graded risk control list"}.In(lang),
			header, widths, controlGradeCol)
	}
	return nil
}

// districtLabel names a row's district: its name, else its id.
func districtLabel(r controlRow, lang string) string {
	switch {
	case r.DistrictName != "":
		return r.DistrictName
	case r.District != "":
		return r.District
	}
	return hazard.Text{ZH: "未划分区域", EN: "no district"}.In(lang)
}

// cells is the row's values in controlHeader order.
func (r controlRow) cells(n int, lang string) []any {
	typ := hazard.Text{ZH: "管道", EN: "pipe"}
	if r.Type == "station" {
		typ = hazard.Text{ZH: "场站", EN: "station"}
	}
	var names, measures []string
	measures = append(measures, hazard.GradeMeasures(r.Grade, lang))
	for _, f := range ledgerUnique(strings.Split(r.Findings, ",")) {
		names = append(names, hazard.FindingName(f, lang))
		if m := hazard.FindingMeasures(f, lang); m != "" {
			measures = append(measures, m)
		}
	}
	sep := hazard.Text{ZH: "；", EN: "; "}.In(lang)
	return []any{n, districtLabel(r, lang), typ.In(lang), r.Point, hazard.MaterialName(r.Material, lang), r.Class,
		r.Segments, roundTo(r.Km, 3), hazard.GradeName(r.Grade, lang), strings.Join(names, hazard.Text{ZH: "、", EN: ", "}.In(lang)),
		hazard.ControlLevel(r.Grade, lang), strings.Join(measures, sep), r.Hazards}
}

// ledgerUnique drops empty and repeated strings and sorts the rest.
func ledgerUnique(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// writeControlSummary writes the summary table: per district, the risk
// points and km of each grade.
func writeControlSummary(tw ledgerTable, rows []controlRow, lang string) error {
	grades := riskmodel.Grades()
	header := []string{hazard.Text{ZH: "所在区域", EN: "District"}.In(lang)}
	widths := []float64{16}
	for i := len(grades) - 1; i >= 0; i-- {
		g := hazard.GradeName(string(grades[i]), lang)
		header = append(header, g+hazard.Text{ZH: "(处)", EN: " (points)"}.In(lang), g+"(km)")
		widths = append(widths, 11, 11)
	}
	title := hazard.Text{ZH: "风险分级管控汇总", EN: "Risk points and km by grade and district"}.In(lang)
	if err := tw.table(hazard.Text{ZH: "汇总", EN: "Summary"}.In(lang), title, header, widths, -1); err != nil {
		return err
	}
	type tally struct {
		n  map[string]int
		km map[string]float64
	}
	var order []string
	by := map[string]*tally{}
	for _, r := range rows {
		d := districtLabel(r, lang)
		if by[d] == nil {
			by[d] = &tally{map[string]int{}, map[string]float64{}}
			order = append(order, d)
		}
		by[d].n[r.Grade]++
		by[d].km[r.Grade] += r.Km
	}
	for _, d := range order {
		cells := []any{d}
		for i := len(grades) - 1; i >= 0; i-- {
			cells = append(cells, by[d].n[string(grades[i])], roundTo(by[d].km[string(grades[i])], 3))
		}
		if err := tw.row("", cells); err != nil {
			return err
		}
	}
	return nil
}
