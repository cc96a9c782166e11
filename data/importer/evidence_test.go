package importer_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"gasrisk"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
)

func leak(id string, props map[string]any) datatest.Feature {
	p := map[string]any{"id": id, "found_date": "2025-03-01", "leak_class": 1, "cause": "corrosion"}
	for k, v := range props {
		if v == nil {
			delete(p, k)
		} else {
			p[k] = v
		}
	}
	return datatest.Feature{Props: p, Geom: datatest.Point(529000, 3387000)}
}

func count(t *testing.T, s datatest.Services, table string) int {
	t.Helper()
	var n int
	if err := s.DB.Pool.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportEvidence loads the three field-record layers with foreign
// attribute names (any case, mapped), and refuses bad records whole,
// naming the attribute.
func TestImportEvidence(t *testing.T) {
	s := env.Services(t)
	leaks := []datatest.Feature{
		{Props: map[string]any{"ID": "L1", "Found_Date": "2024/05/02", "CLASS": "2", "Ursache": "腐蚀", "repaired_date": "2024-05-09", "PIPE_ID": "P1"},
			Geom: datatest.Point(529000, 3387000)},
		{Props: map[string]any{"ID": "L2", "Found_Date": "2025-01-10T08:30:00Z", "CLASS": 1, "Ursache": "excavation"},
			Geom: datatest.Point(529010, 3387000)},
	}
	res, err := importFile(t, s, importer.Options{Layer: "LEAKS", File: datatest.WriteGeoJSON(t, "leaks.geojson", 4547, leaks),
		Mapping: importer.Mapping{Fields: map[string]string{"leak_class": "class", "Cause": "ursache"}}})
	if err != nil || res.Loaded != 2 {
		t.Fatalf("import leaks: %+v %v", res, err)
	}
	var got string
	err = s.DB.Pool.QueryRow(context.Background(), `SELECT string_agg(concat_ws('|', id, found_date, leak_class, cause, repaired_date, pipe_id), ' ' ORDER BY id) FROM leaks`).Scan(&got)
	if want := "L1|2024-05-02|2|corrosion|2024-05-09|P1 L2|2025-01-10|1|excavation"; err != nil || got != want {
		t.Errorf("leaks = %q, want %q (%v)", got, want, err)
	}
	patrols := []datatest.Feature{
		{Props: map[string]any{"id": "T1", "date": "2026-06-01", "observer": "王工", "observation": "无证施工"}, Geom: datatest.Point(529000, 3387000)},
		{Props: map[string]any{"id": "T2", "date": "2026-06-02", "observation": "subsidence"}, Geom: datatest.Line(529000, 3387000, 529050, 3387000)},
	}
	if _, err := importFile(t, s, importer.Options{Layer: "patrols", File: datatest.WriteGeoJSON(t, "patrols.geojson", 4547, patrols)}); err != nil {
		t.Fatal(err)
	}
	cp := []datatest.Feature{{Props: map[string]any{"id": "C1", "date": "2026-05-01", "potential_mv": -720, "pass": "否"}, Geom: datatest.Point(529000, 3387000)}}
	if _, err := importFile(t, s, importer.Options{Layer: "cp_readings", File: datatest.WriteGeoJSON(t, "cp.geojson", 4547, cp)}); err != nil {
		t.Fatal(err)
	}
	if n, m := count(t, s, "patrols WHERE observation = 'works_without_permit'"), count(t, s, "cp_readings WHERE NOT pass AND potential_mv = -720"); n != 1 || m != 1 {
		t.Errorf("patrols %d, failed readings %d, want 1 and 1", n, m)
	}

	tests := []struct {
		name, reason string
		f            datatest.Feature
	}{
		{"missing class", "missing leak_class", leak("X", map[string]any{"leak_class": nil})},
		{"class 4", "leak_class 4 is outside 1–3", leak("X", map[string]any{"leak_class": 4})},
		{"unknown cause", `unknown cause "rats"`, leak("X", map[string]any{"cause": "rats"})},
		{"missing found date", "missing found_date", leak("X", map[string]any{"found_date": nil})},
		{"not a date", `found_date "yesterday" is not a date`, leak("X", map[string]any{"found_date": "yesterday"})},
		{"future date", "found_date 2999-01-01 is in the future", leak("X", map[string]any{"found_date": "2999-01-01"})},
		{"repaired before found", "repaired_date 2025-02-01 is before found_date 2025-03-01", leak("X", map[string]any{"repaired_date": "2025-02-01"})},
		{"line leak", "LineString geometry where layer leaks takes", datatest.Feature{Props: leak("X", nil).Props, Geom: datatest.Line(529000, 3387000, 529010, 3387000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := count(t, s, "leaks")
			file := datatest.WriteGeoJSON(t, "bad.geojson", 4547, []datatest.Feature{leak("OK", nil), tt.f})
			_, err := importFile(t, s, importer.Options{Layer: "leaks", File: file})
			var re *importer.RejectedError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tt.reason) {
				t.Fatalf("err = %v, want a refusal naming %q", err, tt.reason)
			}
			if after := count(t, s, "leaks"); after != before {
				t.Errorf("%d leaks after a refused import, want %d: half stored", after, before)
			}
		})
	}
}

// TestAddRecord adds records one by one, as field crews do through the
// API and the CLI, and lists them back.
func TestAddRecord(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	// a pipe places the city (the working CRS)
	if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: datatest.WriteGeoJSON(t, "p.geojson", 4547,
		[]datatest.Feature{pipe("P1", "steel", 1990, datatest.Line(529000, 3387000, 529100, 3387000))})}); err != nil {
		t.Fatal(err)
	}
	point := json.RawMessage(`{"type":"Point","coordinates":[114.3,30.6]}`)
	id, err := s.Importer.AddRecord(ctx, "leaks", importer.Record{Type: "Feature", Geometry: point,
		Properties: map[string]any{"found_date": "2026-06-01", "leak_class": 1, "cause": "corrosion", "pipe_id": "P1"}})
	if err != nil || !strings.HasPrefix(id, "L-") {
		t.Fatalf("AddRecord = %q, %v", id, err)
	}
	bad := []struct {
		name, layer, code, reason string
		rec                       importer.Record
	}{
		{"bad cause", "leaks", gasrisk.EINVALID, `unknown cause "gremlins"`, importer.Record{Type: "Feature", Geometry: point,
			Properties: map[string]any{"found_date": "2026-06-01", "leak_class": 1, "cause": "gremlins"}}},
		{"no geometry", "leaks", gasrisk.EINVALID, "geometry: missing", importer.Record{Type: "Feature",
			Properties: map[string]any{"found_date": "2026-06-01", "leak_class": 1, "cause": "corrosion"}}},
		{"not a feature", "patrols", gasrisk.EINVALID, `type "Point"`, importer.Record{Type: "Point", Geometry: point}},
		{"missing pass", "cp_readings", gasrisk.EINVALID, "missing pass", importer.Record{Type: "Feature", Geometry: point,
			Properties: map[string]any{"date": "2026-06-01", "potential_mv": -900}}},
		{"pipes are not records", "pipes", gasrisk.EINVALID, "takes no records", importer.Record{Type: "Feature", Geometry: point}},
		{"duplicate id", "leaks", gasrisk.EINVALID, "already in layer leaks", importer.Record{Type: "Feature", Geometry: point,
			Properties: map[string]any{"id": id, "found_date": "2026-06-01", "leak_class": 1, "cause": "corrosion"}}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Importer.AddRecord(ctx, tt.layer, tt.rec)
			if gasrisk.ErrorCode(err) != tt.code || !strings.Contains(gasrisk.ErrorMessage(err), tt.reason) {
				t.Errorf("err = %v (%s), want %s naming %q", err, gasrisk.ErrorCode(err), tt.code, tt.reason)
			}
		})
	}
	recs, err := s.Importer.Records(ctx, "leaks", importer.RecordFilter{PipeID: "P1"})
	if err != nil || len(recs) != 1 || recs[0].Properties["cause"] != "corrosion" || recs[0].Properties["found_date"] != "2026-06-01" {
		t.Fatalf("Records = %+v, %v", recs, err)
	}
	if n := count(t, s, "leaks"); n != 1 {
		t.Errorf("%d leaks stored, want 1", n)
	}
}
