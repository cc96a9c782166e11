package data

import (
	"context"
	"io"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"gasrisk/riskmodel"
)

// ControlListOptions chooses the districts, grades, format and language
// of the graded risk control list.
type ControlListOptions struct {
	Format    string   // LedgerXLSX or LedgerCSV
	Lang      string   // LangZH (default) or LangEN
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
func (s *Store) controlRows(ctx context.Context, o ControlListOptions) ([]controlRow, error) {
	run, err := s.CurrentRun(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.Pool.Query(ctx, sqlControlRows, run, ledgerArray(o.Districts), ledgerArray(o.Grades))
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[controlRow])
}

func ledgerArray(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	return list
}

// ExportControlList writes the graded risk control list (风险分级管控清单)
// of the current run per district: in XLSX a summary sheet (risk points
// and km per grade and district) and one sheet per district, in CSV one
// table with the district in a column. It returns the number of risk
// points written.
func (s *Store) ExportControlList(ctx context.Context, w io.Writer, o ControlListOptions) (int, error) {
	lang, err := exportLang(o.Lang)
	if err != nil {
		return 0, err
	}
	if err := (HazardFilter{Grades: o.Grades}).Validate(); err != nil {
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
	if o.Format == LedgerXLSX {
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
		l zhEn
		w float64
	}{
		{zhEn{"序号", "No."}, 6}, {zhEn{"所在区域", "District"}, 14}, {zhEn{"风险点类型", "Type"}, 10},
		{zhEn{"风险点", "Risk point"}, 16}, {zhEn{"材质", "Material"}, 12}, {zhEn{"压力级制", "Pressure class"}, 10},
		{zhEn{"管段数", "Segments"}, 8}, {zhEn{"长度(km)", "Length (km)"}, 10}, {zhEn{"风险等级", "Risk level"}, 9},
		{zhEn{"主要风险因素", "Risk factors"}, 36}, {zhEn{"管控层级", "Control level"}, 10},
		{zhEn{"管控措施", "Control measures"}, 60}, {zhEn{"关联隐患", "Open hazards"}, 24},
	}
	h, w := make([]string, len(cols)), make([]float64, len(cols))
	for i, c := range cols {
		h[i], w[i] = c.l.in(lang), c.w
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
			title := districtLabel(r, lang) + " " + zhEn{"燃气管网安全风险分级管控清单", "graded risk control list of the gas network"}.in(lang)
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
		return tw.table(zhEn{"风险分级管控清单", "Control list"}.in(lang), zhEn{"燃气管网安全风险分级管控清单", "Graded risk control list"}.in(lang),
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
	return zhEn{"未划分区域", "no district"}.in(lang)
}

// cells is the row's values in controlHeader order.
func (r controlRow) cells(n int, lang string) []any {
	typ := zhEn{"管道", "pipe"}
	if r.Type == "station" {
		typ = zhEn{"场站", "station"}
	}
	var names, measures []string
	measures = append(measures, gradeMeasures(r.Grade, lang))
	for _, f := range ledgerUnique(strings.Split(r.Findings, ",")) {
		names = append(names, findingName(f, lang))
		if m := findingMeasures(f, lang); m != "" {
			measures = append(measures, m)
		}
	}
	sep := zhEn{"；", "; "}.in(lang)
	return []any{n, districtLabel(r, lang), typ.in(lang), r.Point, translate(materialNames(), r.Material, lang), r.Class,
		r.Segments, roundTo(r.Km, 3), GradeName(r.Grade, lang), strings.Join(names, zhEn{"、", ", "}.in(lang)),
		controlLevel(r.Grade, lang), strings.Join(measures, sep), r.Hazards}
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
	header := []string{zhEn{"所在区域", "District"}.in(lang)}
	widths := []float64{16}
	for i := len(grades) - 1; i >= 0; i-- {
		g := GradeName(string(grades[i]), lang)
		header = append(header, g+zhEn{"(处)", " (points)"}.in(lang), g+"(km)")
		widths = append(widths, 11, 11)
	}
	title := zhEn{"风险分级管控汇总", "Risk points and km by grade and district"}.in(lang)
	if err := tw.table(zhEn{"汇总", "Summary"}.in(lang), title, header, widths, -1); err != nil {
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
