package analysis_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/export"
)

// TestRenewalCategories: the renewal categories of 国办发〔2022〕22号 end to
// end, from the pipes' condition attributes through the import and the
// analysis to the segments' column, the segment API, the export and the
// aged hazards; grey cast iron in open ground is yellow by its floor; an
// occupied steel pipe without an assessed condition is in the occupation
// category, not aged and not raised by floor_occupied_aged.
func TestRenewalCategories(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	type seg struct {
		id       int64
		category string
		aged     bool
		grade    string
		floors   []string
	}
	rows, err := s.DB.Pool.Query(ctx, `SELECT pipe_id, segment_id, coalesce(renewal_category, ''), aged, grade,
		coalesce((SELECT array_agg(f->>'code') FROM json_array_elements(factors) f WHERE f->>'side' = 'policy'), '{}')
		FROM segments WHERE run_id = (SELECT run_id FROM current_run) ORDER BY pipe_id, f0`)
	if err != nil {
		t.Fatal(err)
	}
	segs := map[string][]seg{}
	for rows.Next() {
		var pipe string
		var x seg
		if err := rows.Scan(&pipe, &x.id, &x.category, &x.aged, &x.grade, &x.floors); err != nil {
			t.Fatal(err)
		}
		segs[pipe] = append(segs[pipe], x)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	hazards := datatest.AllHazards(t, s)
	for _, c := range datatest.AgeCases() {
		t.Run(c.ID, func(t *testing.T) {
			if len(segs[c.ID]) == 0 {
				t.Fatal("no segments")
			}
			for _, x := range segs[c.ID] {
				if c.Category == "occupied" && x.category == "" {
					continue // the stretches without the building
				}
				if x.category != c.Category || x.aged != c.Aged {
					t.Errorf("segment %d: category %q, aged %v; want %q, %v", x.id, x.category, x.aged, c.Category, c.Aged)
				}
				if x.category == "" && strings.Contains(strings.Join(x.floors, " "), "floor_occupied_aged") {
					t.Errorf("segment %d: floor_occupied_aged without ageing", x.id)
				}
			}
			h, ok := hazards["aged "+c.ID]
			if ok != c.Aged {
				t.Fatalf("aged hazard listed %v, want %v", ok, c.Aged)
			}
			if ok && (h.Info.RenewalCategory != c.Category || !strings.Contains(h.DescriptionZH, "更新改造类别") ||
				!strings.Contains(h.Description, "renewal category")) {
				t.Errorf("aged hazard: info %+v, %q / %q", h.Info, h.DescriptionZH, h.Description)
			}
		})
	}

	t.Run("grey cast iron in open ground is yellow by its floor", func(t *testing.T) {
		x := segs["ci-new"][0]
		if x.grade != "yellow" || strings.Join(x.floors, " ") != "floor_grey_cast_iron" {
			t.Errorf("grade %s, policy factors %v", x.grade, x.floors)
		}
	})
	t.Run("occupied steel without a condition: orange, occupation only", func(t *testing.T) {
		var occupied bool
		for _, x := range segs["steel-occupied"] {
			if x.category == "occupied" {
				occupied = true
				if x.grade != "orange" || strings.Join(x.floors, " ") != "floor_occupied" {
					t.Errorf("occupied segment %d: grade %s, policy factors %v", x.id, x.grade, x.floors)
				}
			}
		}
		if !occupied {
			t.Error("no occupied segment")
		}
		if _, ok := hazards["occupied steel-occupied B-steel-occupied"]; !ok {
			t.Error("the occupation keeps its own hazard")
		}
	})
	t.Run("segment API", func(t *testing.T) {
		d, err := s.Results.Segment(ctx, segs["di-unsafe"][0].id)
		if err != nil || d.RenewalCategory == nil || *d.RenewalCategory != "ductile_unsafe" || !d.Aged {
			t.Errorf("segment %+v, err %v", d, err)
		}
		d, err = s.Results.Segment(ctx, segs["steel-30y"][0].id)
		if err != nil || d.RenewalCategory != nil || d.Aged {
			t.Errorf("30-year steel without a condition: category %v, aged %v, err %v", d.RenewalCategory, d.Aged, err)
		}
	})
	t.Run("export", func(t *testing.T) {
		var buf bytes.Buffer
		_, err := s.Export.ExportSegments(ctx, &buf, export.FormatGeoJSON, export.SegmentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var fc struct {
			Features []struct{ Properties map[string]any }
		}
		if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
			t.Fatal(err)
		}
		got := map[string]any{}
		for _, f := range fc.Features {
			got[f.Properties["pipe_id"].(string)] = f.Properties["renewal_category"]
		}
		for id, want := range map[string]any{"pe-19y-uncontrollable": "uncontrollable", "steel-20y-corroded": "aged_condition", "empty": nil} {
			if v, ok := got[id]; !ok || v != want {
				t.Errorf("%s: renewal_category %v (present %v), want %v", id, v, ok, want)
			}
		}
	})
}
