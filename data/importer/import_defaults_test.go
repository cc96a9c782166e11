package importer_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/data/importer"
)

// storedPipes reads id, material, pressure class and install year of the
// stored pipes, in id order.
func storedPipes(t *testing.T, s datatest.Services) []string {
	t.Helper()
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT id || ' ' || material || ' ' || pressure_class || ' ' ||
		coalesce(install_year::text, '-') || ' ' || coalesce(diameter_mm::text, '-') FROM pipes ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestImportWithoutAttributes: a network published as bare geometries
// loads, with the documented pressure default counted in a warning and
// constants (--set) for what the file lacks.
func TestImportWithoutAttributes(t *testing.T) {
	x, y := 529000.0, 3387000.0
	var bare []datatest.Feature
	for i := range 4 {
		bare = append(bare, datatest.Feature{Geom: datatest.Line(x, y+float64(10*i), x+50, y+float64(10*i))})
	}
	file := datatest.WriteGeoJSON(t, "bare.geojson", 4547, bare)
	tests := []struct {
		name    string
		set     map[string]string
		want    []string
		assumed int
	}{
		{"nothing set", nil, []string{"pipes-1 unknown MPA - -", "pipes-2 unknown MPA - -", "pipes-3 unknown MPA - -", "pipes-4 unknown MPA - -"}, 4},
		{"material, year and class set", map[string]string{"material": "steel", "install_year": "1990", "pressure_class": "次高压B"},
			[]string{"pipes-1 steel SHPB 1990 -", "pipes-2 steel SHPB 1990 -", "pipes-3 steel SHPB 1990 -", "pipes-4 steel SHPB 1990 -"}, 0},
		{"upper-case names in --set", map[string]string{"MATERIAL": "cast iron", "Diameter_MM": "100"},
			[]string{"pipes-1 cast_iron MPA - 100", "pipes-2 cast_iron MPA - 100", "pipes-3 cast_iron MPA - 100", "pipes-4 cast_iron MPA - 100"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := env.Services(t)
			res, err := importFile(t, s, importer.Options{Layer: "pipes", File: file, Mapping: importer.Mapping{Constants: tt.set}})
			if err != nil {
				t.Fatal(err)
			}
			if got := storedPipes(t, s); strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("stored\n%s\nwant\n%s", strings.Join(got, "; "), strings.Join(tt.want, "; "))
			}
			if res.Assumed["pressure_class"] != tt.assumed {
				t.Errorf("assumed pressure class for %d pipes, want %d", res.Assumed["pressure_class"], tt.assumed)
			}
			warned := strings.Join(res.Warnings, "\n")
			if (tt.assumed > 0) != strings.Contains(warned, "4 of the pipes have neither pressure_class nor pressure_mpa: taken as MPA") {
				t.Errorf("warnings %q with %d assumed", warned, tt.assumed)
			}
		})
	}
	t.Run("a constant is checked like a value", func(t *testing.T) {
		s := env.Services(t)
		_, err := importFile(t, s, importer.Options{Layer: "pipes", File: file, Mapping: importer.Mapping{Constants: map[string]string{"material": "wood"}}})
		var re *importer.RejectedError
		if !errors.As(err, &re) || len(re.Rejects) != 4 || !strings.Contains(err.Error(), `unknown material "wood"`) {
			t.Fatalf("err = %v, want all 4 refused for the material", err)
		}
	})
	t.Run("a constant wins over the file", func(t *testing.T) {
		s := env.Services(t)
		f := datatest.WriteGeoJSON(t, "p.geojson", 4547, []datatest.Feature{pipe("K1", "pe", 2010, datatest.Line(x, y, x+5, y))})
		if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: f, Mapping: importer.Mapping{Constants: map[string]string{"install_year": "1975"}}}); err != nil {
			t.Fatal(err)
		}
		if got := storedPipes(t, s); len(got) != 1 || got[0] != "K1 pe MPB 1975 110" {
			t.Errorf("stored %v", got)
		}
	})
}

// TestImportUpperCaseNames: attribute names match whatever their case, in
// GeoJSON and in a Shapefile written by GDAL; an ID column is the id.
func TestImportUpperCaseNames(t *testing.T) {
	x, y := 529000.0, 3387000.0
	file := datatest.WriteGeoJSON(t, "upper.geojson", 4547, []datatest.Feature{
		{Props: map[string]any{"ID": "U1", "MATERIAL": "PE", "Diameter_MM": 63, "PRESSURE_CLASS": "LP", "Install_Year": 2001}, Geom: datatest.Line(x, y, x+5, y)},
		{Props: map[string]any{"ID": "U2", "MATERIAL": "Steel", "Diameter_MM": 160, "PRESSURE_MPA": 0.3, "Install_Year": 1988}, Geom: datatest.Line(x, y+5, x+5, y+5)},
	})
	shp := filepath.Join(t.TempDir(), "upper.shp")
	ogr(t, "-f", "ESRI Shapefile", shp, file)
	want := []string{"U1 pe LP 2001 63", "U2 steel MPA 1988 160"}
	for _, f := range []string{file, shp} {
		t.Run(filepath.Ext(f), func(t *testing.T) {
			s := env.Services(t)
			res, err := importFile(t, s, importer.Options{Layer: "pipes", File: f})
			if err != nil {
				t.Fatal(err)
			}
			if got := storedPipes(t, s); strings.Join(got, "; ") != strings.Join(want, "; ") {
				t.Errorf("stored %v, want %v", got, want)
			}
			if len(res.Warnings) != 0 {
				t.Errorf("warnings %v", res.Warnings)
			}
		})
	}
	t.Run("mapping named in upper case", func(t *testing.T) {
		s := env.Services(t)
		m := importer.Mapping{Fields: map[string]string{"ID": "material"}, Values: map[string]map[string]string{"MATERIAL": {"pe": "copper"}}}
		if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: file, Mapping: m}); err != nil {
			t.Fatal(err)
		}
		if got := storedPipes(t, s); strings.Join(got, "; ") != "PE copper LP 2001 63; Steel steel MPA 1988 160" {
			t.Errorf("stored %v", got)
		}
	})
}
