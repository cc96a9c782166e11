package export

import (
	"context"
	"strconv"
	"strings"

	"gasrisk/hazard"
)

// colKind is how a column's text value is written.
type colKind int

const (
	kText      colKind = iota
	kInt               // integer
	kNum               // float (NaN and infinities become null)
	kBool              // PostgreSQL t/f
	kJSON              // JSON text, written as is
	kTextArray         // PostgreSQL text[] → JSON array
	kGrade             // a grade: red, orange, yellow, blue (重大 … in Chinese tables)
	kRule              // a grade rule's code, written as its text in the export's language (target.rules)
	kDate              // a date as YYYY-MM-DD text (a date cell in XLSX)
	kTime              // an instant as RFC 3339 UTC text (a date-time cell in XLSX)
)

// column is one exported property: its canonical name, its Chinese and
// English headers and the SQL expression that yields it.
type column struct {
	key, zh, en string
	kind        colKind
	expr        string
}

// header is the column's name in lang.
func (c column) header(lang string) string {
	switch lang {
	case langZH:
		return c.zh
	case langEN:
		return c.en
	}
	return c.key
}

// target is a feature collection that can be exported or served through
// the OGC API: its table, feature id, properties and filters.
type target struct {
	name     string
	title    string
	from     string // FROM item, aliased x
	id       string // feature id expression
	idText   bool   // the id is text (else an integer)
	cols     []column
	geom     string // geometry in the working CRS
	geom3857 string // its EPSG:3857 copy, for bbox tests
	run      int64  // the analysis run shown (0: none)
	where    string // a fixed condition ("" = none)
	chunked  bool   // large: exported in parallel id-range chunks of id
	grade    string // grade expression ("" = no grades)
	district string // district id expression ("" = spatial test against districts)
	findings []string
	// finding builds the condition for the requested findings, bound as $n.
	finding func(n string, want []string) string
	// rules writes the kRule columns' codes as text (nil: none).
	rules *ruleTexts
	// terms names the vocabulary (hazard.Vocab*) of the columns, by key,
	// whose coded values Chinese and English tables write as words.
	terms map[string]string
}

// term writes a coded value of column c in lang: a word of its
// vocabulary for Chinese and English tables (each element of an array,
// joined with 、 or ", "); ok is false when the column has none or the
// table keeps the codes.
func (t *target) term(c column, v []byte, lang string) (_ []byte, ok bool) {
	vocab := t.terms[c.key]
	if vocab == "" || v == nil || (lang != langZH && lang != langEN) {
		return nil, false
	}
	if c.kind != kTextArray {
		return []byte(hazard.Term(vocab, string(v), lang)), true
	}
	var out []byte
	for i, e := range pgArrayElems(v) {
		if i > 0 {
			out = append(out, hazard.Text{ZH: "、", EN: ", "}.In(lang)...)
		}
		out = append(out, hazard.Term(vocab, string(e), lang)...)
	}
	return out, true
}

// Geometry output modes of a query.
const (
	geomGeoJSON = iota // one column: GeoJSON text, EPSG:4326
	geomWKT            // one column: WKT, EPSG:4326
	geomSheet          // three columns: lon, lat of a point on it, WKT
)

// geomExprs is the geometry output of mode over t.geom.
func (t *target) geomExprs(mode int) string {
	g := "ST_Transform(" + t.geom + ", 4326)"
	switch mode {
	case geomWKT:
		return "ST_AsText(" + g + ", 7)"
	case geomSheet:
		p := "ST_PointOnSurface(" + g + ")"
		return "round(ST_X(" + p + ")::numeric, 7), round(ST_Y(" + p + ")::numeric, 7), ST_AsText(" + g + ", 7)"
	}
	return "ST_AsGeoJSON(" + g + ", 7)"
}

// resolveTarget returns the named target as it stands: segments of the
// current run (or the pipes before the first analysis), the hazard ledger
// (or segments with findings where there is none).
func (s *Service) resolveTarget(ctx context.Context, name string) (*target, error) {
	var run int64
	var ledger bool
	err := s.db.Pool.QueryRow(ctx, `SELECT coalesce((SELECT run_id FROM current_run), 0), to_regclass('hazards') IS NOT NULL`).
		Scan(&run, &ledger)
	if err != nil {
		return nil, err
	}
	switch name {
	case "segments":
		t := segmentsTarget(run)
		if run != 0 {
			c, err := s.db.RunConfig(ctx, run)
			if err != nil {
				return nil, err
			}
			t.rules = newRuleTexts(c)
		}
		return t, nil
	case "stations":
		return stationsTarget(run), nil
	case "hazards":
		if ledger {
			return hazardsTarget(), nil
		}
		return findingsTarget(run), nil
	case "buildings":
		return buildingsTarget(), nil
	case "sewers":
		return sewersTarget(), nil
	}
	return nil, errUnknownCollection(name)
}

// segmentFindings are the findings segments can be filtered by: the flag
// columns and the detailed findings of the findings array.
func segmentFindings() []string {
	return []string{"occupied", "clearance_violation", "clearance_building", "clearance_sewer", "clearance_water",
		"sewer_crossing", "through_sewer", "vertical_gap", "crossing_without_detector", "aged", "third_party"}
}

// segmentFindingCond: any of the findings; clearance_violation is a flag
// column, every other finding is in the findings array.
func segmentFindingCond(n string, want []string) string {
	c := "x.findings && " + n + "::text[]"
	for _, w := range want {
		if w == "clearance_violation" {
			c += " OR x.clearance_violation"
		}
	}
	return "(" + c + ")"
}

// segmentColumns are the exported segment properties (docs/design.md §6)
// of run's segments: the grade rule is the one the analysis wrote, or,
// for a run analysed before it did (migration 0027), worked out from the
// run's thresholds and the segment's policy factors (gradeRuleExpr).
func segmentColumns(run int64) []column {
	rule := "NULL::text"
	if run != 0 {
		rule = "coalesce(x.grade_rule, " + gradeRuleExpr(run) + ")"
	}
	return []column{
		{"segment_id", "管段编号", "Segment ID", kInt, "x.segment_id"},
		{"pipe_id", "管道编号", "Pipe ID", kText, "x.pipe_id"},
		{"grade", "风险等级", "Risk grade", kGrade, "x.grade"},
		{"score", "风险值", "Risk score", kNum, "x.score"},
		{"grade_rule", "定级规则", "Grade rule", kText, rule},
		{"grade_rule_text", "定级依据", "Grade rule (text)", kRule, rule},
		{"occupied", "占压", "Occupied", kBool, "x.occupied"},
		{"clearance_violation", "安全间距不足", "Insufficient clearance", kBool, "x.clearance_violation"},
		{"sewer_crossing", "与排水管网交叉", "Sewer crossing", kBool, "x.sewer_crossing"},
		{"through_sewer", "穿越排水管道", "Through a sewer", kBool, "'through_sewer' = ANY (x.findings)"},
		{"aged", "老化", "Aged", kBool, "x.aged"},
		{"third_party", "第三方施工", "Third-party works", kBool, "x.third_party"},
		{"renewal_category", "更新改造类别", "Renewal category", kText, "x.renewal_category"},
		{"findings", "隐患类型", "Findings", kTextArray, "x.findings"},
		{"material", "管材", "Material", kText, "x.material"},
		{"pressure_class", "压力级制", "Pressure class", kText, "x.pressure_class"},
		{"install_year", "敷设年份", "Install year", kInt, "x.install_year"},
		{"diameter_mm", "管径(mm)", "Diameter (mm)", kNum, "x.diameter_mm"},
		{"district", "所在区域", "District", kText, "x.district"},
		{"length_m", "长度(m)", "Length (m)", kNum, "round(x.length_m::numeric, 2)"},
		{"factors", "风险因素", "Factors", kJSON, "x.factors"},
	}
}

// segmentsTarget: the run's segments, or every pipe as one ungraded
// segment before the first analysis.
func segmentsTarget(run int64) *target {
	t := &target{name: "segments", title: "Pipe segments graded by risk", id: "x.segment_id", cols: segmentColumns(run),
		terms: map[string]string{"grade": hazard.VocabGrade, "findings": hazard.VocabFinding, "material": hazard.VocabMaterial,
			"renewal_category": hazard.VocabRenewal},
		geom: "x.geom", geom3857: "x.geom_3857", run: run, grade: "x.grade", district: "x.district",
		findings: segmentFindings(), finding: segmentFindingCond,
		from: "segments x", where: "x.run_id = " + strconv.FormatInt(run, 10), chunked: true}
	if run == 0 {
		t.where, t.chunked = "", false
		t.from = `(SELECT p.gid AS segment_id, p.id AS pipe_id, NULL::text AS grade, NULL::float8 AS score,
			NULL::bool AS occupied, NULL::bool AS clearance_violation, NULL::bool AS sewer_crossing, NULL::bool AS aged,
			NULL::bool AS third_party, NULL::text AS renewal_category, '{}'::text[] AS findings, p.material, p.pressure_class, p.install_year,
			p.diameter_mm, p.district, ST_Length(p.geom) AS length_m, NULL::json AS factors, p.geom, p.geom_3857
			FROM pipes p) x`
	}
	return t
}

// stationsTarget: stations with the current run's findings.
func stationsTarget(run int64) *target {
	r := strconv.FormatInt(run, 10)
	return &target{name: "stations", title: "Stations (city gates, regulators, storage)", from: "stations x",
		id: "x.id", idText: true, geom: "x.geom", geom3857: "x.geom_3857", run: run,
		terms: map[string]string{"kind": hazard.VocabStationKind, "findings": hazard.VocabFinding},
		cols: []column{
			{"id", "场站编号", "Station ID", kText, "x.id"},
			{"kind", "场站类型", "Kind", kText, "x.kind"},
			{"name", "名称", "Name", kText, "x.name"},
			{"install_year", "投用年份", "Install year", kInt, "x.install_year"},
			{"findings", "隐患类型", "Findings", kTextArray, `coalesce((SELECT array_agg(DISTINCT f.kind ORDER BY f.kind)
				FROM station_findings f WHERE f.station_gid = x.gid AND f.run_id = ` + r + `), '{}')`},
		},
		findings: []string{"building_in_spacing", "dense_place_in_spacing", "past_design_life"},
		finding: func(n string, _ []string) string {
			return `EXISTS (SELECT 1 FROM station_findings f WHERE f.station_gid = x.gid AND f.run_id = ` + r +
				` AND f.kind = ANY (` + n + `::text[]))`
		}}
}

// hazardsTarget: the hazard ledger (migration 0004).
func hazardsTarget() *target {
	return &target{name: "hazards", title: "Hazard ledger (隐患台账)", from: "hazards x", id: "x.id",
		geom: "x.geom", geom3857: "x.geom_3857", grade: "x.grade", district: "x.district",
		terms: map[string]string{"kind": hazard.VocabFinding, "grade": hazard.VocabGrade, "state": hazard.VocabState,
			"source": hazard.VocabSource, "ref_layer": hazard.VocabLayer},
		cols: []column{
			{"code", "隐患编号", "Hazard code", kText, "x.code"},
			{"kind", "隐患类型", "Kind", kText, "x.kind"},
			{"grade", "风险等级", "Risk grade", kGrade, "x.grade"},
			{"state", "状态", "State", kText, "x.state"},
			{"source", "来源", "Source", kText, "x.source"},
			{"pipe_id", "管道编号", "Pipe ID", kText, "x.pipe_id"},
			{"station_id", "场站编号", "Station ID", kText, "x.station_id"},
			{"ref_layer", "关联图层", "Related layer", kText, "x.ref_layer"},
			{"ref_id", "关联设施", "Related feature", kText, "x.ref_id"},
			{"district", "所在区域", "District", kText, "x.district"},
			{"length_m", "长度(m)", "Length (m)", kNum, "round(x.length_m::numeric, 2)"},
			{"listed_supervision", "挂牌督办", "Listed supervision", kBool, "x.listed"},
			{"deadline", "整改期限", "Deadline", kDate, "to_char(x.deadline, 'YYYY-MM-DD')"},
			{"found_at", "发现时间", "Found at", kTime, `to_char(x.found_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`},
		},
		findings: []string{"occupied", "clearance_building", "clearance_sewer", "clearance_water",
			"sewer_crossing", "through_sewer", "vertical_gap", "crossing_without_detector", "aged", "building_in_spacing",
			"dense_place_in_spacing", "past_design_life"},
		finding: func(n string, _ []string) string { return "x.kind = ANY (" + n + "::text[])" }}
}

// findingsTarget stands in for the hazard ledger where there is none:
// the current run's segments with findings.
func findingsTarget(run int64) *target {
	t := hazardsTarget()
	t.from = `(SELECT segment_id AS id, 'SEG-' || segment_id AS code, array_to_string(findings, ',') AS kind, grade,
		'open' AS state, 'segment' AS source, pipe_id, NULL::text AS station_id, NULL::text AS ref_layer,
		NULL::text AS ref_id, district, length_m, grade = 'red' AS listed, NULL::date AS deadline,
		NULL::timestamptz AS found_at, findings, clearance_violation, geom, geom_3857
		FROM segments WHERE run_id = ` + strconv.FormatInt(run, 10) + ` AND cardinality(findings) > 0) x`
	t.run = run
	t.findings = segmentFindings()
	t.finding = segmentFindingCond
	return t
}

// buildingsTarget and sewersTarget are context layers for the OGC API.
func buildingsTarget() *target {
	return &target{name: "buildings", title: "Buildings", from: "buildings x", id: "x.id", idText: true,
		geom: "x.geom", geom3857: "x.geom_3857", terms: map[string]string{"use": hazard.VocabUse}, cols: []column{
			{"id", "建筑编号", "Building ID", kText, "x.id"},
			{"use", "用途", "Use", kText, "x.use"},
			{"floors", "层数", "Floors", kInt, "x.floors"},
		}}
}

func sewersTarget() *target {
	return &target{name: "sewers", title: "Sewers, storm drains, culverts and water mains", from: "sewers x", id: "x.id",
		idText: true, geom: "x.geom", geom3857: "x.geom_3857", terms: map[string]string{"kind": hazard.VocabSewerKind}, cols: []column{
			{"id", "管道编号", "Sewer ID", kText, "x.id"},
			{"kind", "类型", "Kind", kText, "x.kind"},
			{"diameter_mm", "管径(mm)", "Diameter (mm)", kNum, "x.diameter_mm"},
			{"depth_m", "埋深(m)", "Depth (m)", kNum, "x.depth_m"},
		}}
}

// headers are the column names in lang.
func (t *target) headers(lang string) []string {
	out := make([]string, len(t.cols))
	for i, c := range t.cols {
		out[i] = c.header(lang)
	}
	return out
}

// selectList is the id, the properties and the geometry output.
func (t *target) selectList(mode int) string {
	var b strings.Builder
	b.WriteString(t.id)
	for _, c := range t.cols {
		b.WriteString(", ")
		b.WriteString(c.expr)
	}
	b.WriteString(", ")
	b.WriteString(t.geomExprs(mode))
	return b.String()
}
