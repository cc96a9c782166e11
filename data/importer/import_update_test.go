package importer_test

import (
	"context"
	"slices"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/importer"
)

// TestImportUpdate imports a layer, then an update of it: a feature
// edited, one added and one as it was. The edited one is replaced, the new
// one added, the unchanged one left alone, and only the first two are
// reported changed; the others of the layer stay.
func TestImportUpdate(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	x, y := 528000.0, 3386000.0
	first := []datatest.Feature{
		pipe("P1", "steel", 1990, datatest.Line(x, y, x+100, y)),
		pipe("P2", "pe", 2015, datatest.Line(x, y+50, x+100, y+50)),
		pipe("P3", "pe", 2010, datatest.Line(x, y+100, x+100, y+100)),
	}
	if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: datatest.WriteGeoJSON(t, "first.geojson", 4547, first)}); err != nil {
		t.Fatal(err)
	}
	update := []datatest.Feature{
		pipe("P1", "cast_iron", 1970, datatest.Line(x, y, x+100, y+5)),
		pipe("P2", "pe", 2015, datatest.Line(x, y+50, x+100, y+50)),
		pipe("P4", "steel", 2020, datatest.Line(x, y+150, x+100, y+150)),
	}
	file := datatest.WriteGeoJSON(t, "update.geojson", 4547, update)
	if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: file}); err == nil {
		t.Fatal("adding features whose ids the layer has was not refused")
	}
	if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: file, Update: true, Replace: true}); err == nil {
		t.Error("update and replace together were not refused")
	}
	res, err := importFile(t, s, importer.Options{Layer: "pipes", File: file, Update: true})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(res.Changed)
	if !slices.Equal(res.Changed, []string{"P1", "P4"}) || res.Loaded != 2 {
		t.Errorf("changed %q, loaded %d; want P1, P4 and 2", res.Changed, res.Loaded)
	}
	rows, err := s.DB.Pool.Query(ctx, `SELECT id || ' ' || material || ' ' || install_year || ' ' || round(ST_Length(geom)) FROM pipes ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		got = append(got, l)
	}
	want := []string{"P1 cast_iron 1970 100", "P2 pe 2015 100", "P3 pe 2010 100", "P4 steel 2020 100"}
	if !slices.Equal(got, want) {
		t.Errorf("pipes %q, want %q", got, want)
	}
}
