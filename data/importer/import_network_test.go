package importer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/importer"
)

// TestImportValvesAndCustomers loads the two network layers through the
// same path as every layer: foreign names and values mapped, names in any
// case, dates in the spellings registers use, all or nothing.
func TestImportValvesAndCustomers(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	x, y := 528000.0, 3386000.0
	valves := datatest.WriteGeoJSON(t, "valves.geojson", 4547, []datatest.Feature{
		{Props: map[string]any{"ID": "V1", "Kind": "闸阀", "STATE": "常开", "ok": "是", "Last_Exercised": "2024/5/31", "pressure_class": "中压A"}, Geom: datatest.Point(x, y)},
		{Props: map[string]any{"ID": "V2", "Kind": "ball", "STATE": "closed", "ok": "no", "Last_Exercised": "20230102"}, Geom: datatest.Point(x+10, y)},
		{Props: map[string]any{"ID": "V3"}, Geom: datatest.Point(x+20, y)},
	})
	m := importer.Mapping{Fields: map[string]string{"normal_state": "state", "OPERABLE": "ok"}}
	res, err := s.Importer.Import(ctx, importer.Options{Layer: "Valves", File: valves, Mapping: m})
	if err != nil || res.Loaded != 3 {
		t.Fatalf("loaded %d: %v", res.Loaded, err)
	}
	rows, err := s.DB.Pool.Query(ctx, `SELECT id, kind, normal_state, operable, coalesce(last_exercised::text, ''), coalesce(pressure_class, '')
		FROM valves ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var id, kind, state, ex, pc string
		var op bool
		if err := rows.Scan(&id, &kind, &state, &op, &ex, &pc); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{id, kind, state, map[bool]string{true: "operable", false: "seized"}[op], ex, pc}, " "))
	}
	want := []string{"V1 gate open operable 2024-05-31 MPA", "V2 ball closed seized 2023-01-02 ", "V3 gate open operable  "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("valves\n got %q\nwant %q", got, want)
	}

	t.Run("a bad date refuses the whole file", func(t *testing.T) {
		bad := datatest.WriteGeoJSON(t, "bad.geojson", 4547, []datatest.Feature{
			{Props: map[string]any{"id": "V9"}, Geom: datatest.Point(x, y+5)},
			{Props: map[string]any{"id": "V10", "last_exercised": "last spring"}, Geom: datatest.Point(x, y+9)},
			{Props: map[string]any{"id": "V11", "kind": "butterfly"}, Geom: datatest.Point(x, y+9)},
		})
		_, err := s.Importer.Import(ctx, importer.Options{Layer: "valves", File: bad})
		var re *importer.RejectedError
		if !errors.As(err, &re) {
			t.Fatalf("err = %v, want RejectedError", err)
		}
		for _, w := range []string{`last_exercised "last spring" is not a date`, `unknown kind "butterfly"`} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("message lacks %q:\n%s", w, err)
			}
		}
		var n int
		if err := s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM valves`).Scan(&n); err != nil || n != 3 {
			t.Errorf("%d valves after a refused file (%v), want the 3 before", n, err)
		}
	})

	t.Run("customers as points and polygons", func(t *testing.T) {
		cs := datatest.WriteGeoJSON(t, "customers.geojson", 4547, []datatest.Feature{
			{Props: map[string]any{"id": "C1", "kind": "critical", "meters": 3, "building_id": "B7"}, Geom: datatest.Point(x, y+30)},
			{Props: map[string]any{"id": "C2"}, Geom: datatest.Rect(x+40, y+40, x+60, y+60)},
		})
		if _, err := s.Importer.Import(ctx, importer.Options{Layer: "customers", File: cs}); err != nil {
			t.Fatal(err)
		}
		var got string
		err := s.DB.Pool.QueryRow(ctx, `SELECT string_agg(concat_ws(' ', id, kind, meters, building_id, GeometryType(geom)), '|' ORDER BY id)
			FROM customers`).Scan(&got)
		if want := "C1 critical 3 B7 POINT|C2 residential 1 POLYGON"; err != nil || got != want {
			t.Errorf("customers %q (%v), want %q", got, err, want)
		}
	})
}
