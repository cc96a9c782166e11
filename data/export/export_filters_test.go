package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gasrisk"
	"gasrisk/data/datatest"
	"gasrisk/data/export"
)

// exportFC exports and decodes a FeatureCollection.
func exportFC(t *testing.T, s datatest.Services, o export.Options) []map[string]any {
	t.Helper()
	var buf bytes.Buffer
	n, err := s.Export.Export(context.Background(), &buf, o)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			ID         any
			Geometry   map[string]any
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, buf.String())
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != n {
		t.Fatalf("type %q, %d features, reported %d", fc.Type, len(fc.Features), n)
	}
	var out []map[string]any
	for _, f := range fc.Features {
		f.Properties["_id"], f.Properties["_geometry"] = f.ID, f.Geometry
		out = append(out, f.Properties)
	}
	return out
}

func TestExportFilters(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	datatest.Analyze(t, s.DB)
	all := exportFC(t, s, export.Options{})
	for _, tc := range []struct {
		name   string
		filter export.SegmentFilter
		keep   func(p map[string]any) bool
	}{
		{"finding occupied", export.SegmentFilter{Findings: []string{"occupied"}},
			func(p map[string]any) bool { return p["occupied"] == true }},
		{"finding clearance_violation (a flag)", export.SegmentFilter{Findings: []string{"clearance_violation"}},
			func(p map[string]any) bool { return p["clearance_violation"] == true }},
		{"finding vertical_gap or aged", export.SegmentFilter{Findings: []string{"vertical_gap", "aged"}},
			func(p map[string]any) bool { return hasFinding(p, "vertical_gap") || hasFinding(p, "aged") }},
		{"district D1", export.SegmentFilter{Districts: []string{"D1"}},
			func(p map[string]any) bool { return p["district"] == "D1" }},
		{"red in D1", export.SegmentFilter{Districts: []string{"D1"}, Grades: []string{"red"}},
			func(p map[string]any) bool { return p["district"] == "D1" && p["grade"] == "red" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := exportFC(t, s, export.Options{Filter: tc.filter})
			want := 0
			for _, p := range all {
				if tc.keep(p) {
					want++
				}
			}
			if len(got) != want || want == 0 {
				t.Fatalf("%d features, want %d (of %d)", len(got), want, len(all))
			}
			for _, p := range got {
				if !tc.keep(p) {
					t.Fatalf("feature %v does not pass the filter", p["segment_id"])
				}
			}
		})
	}
}

func hasFinding(p map[string]any, f string) bool {
	fs, _ := p["findings"].([]any)
	return slices.Contains(fs, any(f))
}

func TestExportRefusesBadFilters(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	datatest.Analyze(t, s.DB)
	for _, tc := range []struct {
		name string
		o    export.Options
	}{
		{"unknown finding", export.Options{Filter: export.SegmentFilter{Findings: []string{"haunted"}}}},
		{"unknown grade", export.Options{Filter: export.SegmentFilter{Grades: []string{"purple"}}}},
		{"unknown district", export.Options{Filter: export.SegmentFilter{Districts: []string{"Atlantis"}}}},
		{"grade of stations", export.Options{Target: "stations", Filter: export.SegmentFilter{Grades: []string{"red"}}}},
		{"unknown target", export.Options{Target: "valves"}},
		{"unknown format", export.Options{Format: "shp"}},
		{"unknown language", export.Options{Format: "csv", Lang: "fr"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := s.Export.Export(context.Background(), &buf, tc.o); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
				t.Fatalf("error %v, want invalid", err)
			}
		})
	}
}

// TestExportChunksInOrder: the parallel export writes exactly what one
// query would, in segment id order, however the ids are chunked.
func TestExportChunksInOrder(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	datatest.Analyze(t, s.DB)
	var one, many bytes.Buffer
	f := export.SegmentFilter{Grades: []string{"blue", "yellow", "red"}}
	if _, err := s.Export.Export(context.Background(), &one, export.Options{Filter: f}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Export.Export(context.Background(), &many, export.Options{Filter: f, ChunkIDs: 3}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), many.Bytes()) {
		t.Fatalf("chunked export differs:\n%.400s\n---\n%.400s", one.String(), many.String())
	}
	var prev float64
	for _, p := range exportFC(t, s, export.Options{ChunkIDs: 2}) {
		id := p["segment_id"].(float64)
		if id <= prev {
			t.Fatalf("segment %v after %v", id, prev)
		}
		prev = id
	}
}

func TestExportStationsAndHazards(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	datatest.Analyze(t, s.DB)
	st := exportFC(t, s, export.Options{Target: "stations", Filter: export.SegmentFilter{Findings: []string{"past_design_life"}}})
	if len(st) != 1 || st[0]["_id"] != "T-old" || !hasFinding(st[0], "past_design_life") {
		t.Errorf("stations past design life: %v", st)
	}
	hz := exportFC(t, s, export.Options{Target: "hazards", Filter: export.SegmentFilter{Findings: []string{"occupied"}}})
	if len(hz) == 0 {
		t.Fatal("no occupied hazards")
	}
	for _, h := range hz {
		if !strings.Contains(h["kind"].(string), "occupied") || h["grade"] == nil || h["_geometry"] == nil {
			t.Errorf("hazard %v", h)
		}
	}
	t.Run("without a ledger: segments with findings", func(t *testing.T) {
		// Only the owner may rename the ledger away.
		if _, err := datatest.Owner(t, s.DB).Exec(context.Background(), `ALTER TABLE hazards RENAME TO hazards_elsewhere`); err != nil {
			t.Fatal(err)
		}
		hz := exportFC(t, s, export.Options{Target: "hazards", Filter: export.SegmentFilter{Findings: []string{"occupied"}}})
		if len(hz) == 0 || !strings.HasPrefix(hz[0]["code"].(string), "SEG-") || !strings.Contains(hz[0]["kind"].(string), "occupied") {
			t.Errorf("fallback hazards %v", hz)
		}
	})
}

func TestExportCSVAndXLSXHeaders(t *testing.T) {
	s := env.Services(t)
	datatest.BuildCases().Load(t, s)
	datatest.Analyze(t, s.DB)
	ctx := context.Background()
	var csv bytes.Buffer
	n, err := s.Export.Export(ctx, &csv, export.Options{Format: "csv", Lang: "zh", Filter: export.SegmentFilter{Grades: []string{"red"}}})
	if err != nil || n == 0 {
		t.Fatal(n, err)
	}
	lines := strings.Split(csv.String(), "\n")
	if !strings.HasPrefix(lines[0], "\ufeff管段编号,管道编号,风险等级") || !strings.Contains(lines[1], ",重大,") {
		t.Errorf("zh CSV: %q / %q", lines[0], lines[1])
	}
	var x bytes.Buffer
	n, err = s.Export.Export(ctx, &x, export.Options{Format: "xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("segments")
	if err != nil || len(rows) != n+1 {
		t.Fatalf("%d rows for %d segments: %v", len(rows), n, err)
	}
	if rows[0][0] != "管段编号" || rows[0][len(rows[0])-1] != "几何(WKT)" || !strings.HasPrefix(rows[1][len(rows[1])-1], "LINESTRING") {
		t.Errorf("header %v, first row %v", rows[0], rows[1])
	}
	typ, _ := f.GetCellType("segments", "A2")
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("segment id cell type %v, want a number", typ)
	}
	var en bytes.Buffer
	if _, err := s.Export.Export(ctx, &en, export.Options{Format: "xlsx", Lang: "en", Target: "stations"}); err != nil {
		t.Fatal(err)
	}
	g, _ := excelize.OpenReader(&en)
	head, _ := g.GetRows("stations")
	if len(head) == 0 || head[0][0] != "Station ID" {
		t.Errorf("English station sheet %v", head)
	}
	t.Run("coded values in words", func(t *testing.T) { exportTerms(t, s) })
}

// exportTerms: Chinese and English tables write station kinds, findings
// and grades as words of the reader's language, never as codes such as
// regulator_box or past_design_life (the grade rule's code column aside,
// which keeps the code beside the rule's text).
func exportTerms(t *testing.T, s datatest.Services) {
	ctx := context.Background()
	code := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)+$|^(red|orange|yellow|blue|regulator|storage)$`)
	for _, c := range []struct{ target, lang, sheet string }{{"stations", "zh", "stations"}, {"stations", "en", "stations"},
		{"segments", "zh", "segments"}, {"segments", "en", "segments"}} {
		var b bytes.Buffer
		if _, err := s.Export.Export(ctx, &b, export.Options{Format: "xlsx", Lang: c.lang, Target: c.target}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(c.sheet)
		words := 0
		for _, r := range rows[1:] {
			for i, v := range r {
				if rows[0][i] == "定级规则" || rows[0][i] == "Grade rule" { // the rule's code, beside its text
					continue
				}
				for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '、' }) {
					if code.MatchString(strings.TrimSpace(part)) {
						t.Errorf("%s %s: %s = %q is a code", c.target, c.lang, rows[0][i], v)
					}
				}
				if strings.ContainsAny(v, "调压箱门站重大较大一般") || strings.Contains(v, "Major") || strings.Contains(v, "regulator box") {
					words++
				}
			}
		}
		if words == 0 {
			t.Errorf("%s %s: no kind or grade in words in %d rows", c.target, c.lang, len(rows))
		}
		f.Close()
	}
}
