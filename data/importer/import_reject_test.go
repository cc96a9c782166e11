package importer_test

import (
	"context"
	"errors"
	"fmt"
	"gasrisk/data/datatest"
	"gasrisk/data/importer"
	"strings"
	"testing"
)

func TestImportRejectionReasons(t *testing.T) {
	x, y := 529000.0, 3387000.0
	ok := datatest.Line(x, y, x+10, y)
	with := func(k string, v any) datatest.Feature {
		f := pipe("R1", "steel", 2000, ok)
		if v == nil {
			delete(f.Props, k)
		} else {
			f.Props[k] = v
		}
		return f
	}
	bowtie := `{"type":"Polygon","coordinates":[[[529000,3387000],[529010,3387010],[529010,3387000],[529000,3387010],[529000,3387000]]]}`
	open := `{"type":"Polygon","coordinates":[[[529000,3387000],[529010,3387000],[529010,3387010],[529000,3387010]]]}`
	square := `{"type":"Polygon","coordinates":[[[529000,3387000],[529010,3387000],[529010,3387010],[529000,3387010],[529000,3387000]]]}`
	tests := []struct {
		name   string
		layer  string
		fs     []datatest.Feature
		reason string
	}{
		{"missing geometry", "pipes", []datatest.Feature{pipe("R1", "steel", 2000, "")}, "missing geometry"},
		{"empty geometry", "pipes", []datatest.Feature{pipe("R1", "steel", 2000, `{"type":"LineString","coordinates":[]}`)}, "empty geometry"},
		{"one-point line", "pipes", []datatest.Feature{pipe("R1", "steel", 2000, datatest.Line(x, y))}, "line with 1 point"},
		{"zero-length line", "pipes", []datatest.Feature{pipe("R1", "steel", 2000, datatest.Line(x, y, x, y))}, "zero length"},
		{"wrong geometry type", "pipes", []datatest.Feature{pipe("R1", "steel", 2000, `{"type":"Point","coordinates":[529000,3387000]}`)}, "Point geometry where layer pipes takes"},
		{"unknown material", "pipes", []datatest.Feature{with("material", "wood")}, `unknown material "wood"`},
		{"future install year", "pipes", []datatest.Feature{with("install_year", 2999)}, "install_year 2999 is in the future"},
		{"impossible install year", "pipes", []datatest.Feature{with("install_year", 1066)}, "install_year 1066 is below 1800"},
		{"negative diameter", "pipes", []datatest.Feature{with("diameter_mm", -110)}, "diameter_mm -110 is outside"},
		{"non-numeric diameter", "pipes", []datatest.Feature{with("diameter_mm", "wide")}, `diameter_mm "wide" is not a number`},
		{"fractional year", "pipes", []datatest.Feature{with("install_year", 1990.5)}, "not a whole number"},
		{"unknown pressure class", "pipes", []datatest.Feature{with("pressure_class", "XHP")}, `unknown pressure_class "XHP"`},
		{"pressure disagrees with class", "pipes", []datatest.Feature{with("pressure_mpa", 1.2)}, "pressure_mpa 1.2 is not in pressure class MPB"},
		{"unknown status", "pipes", []datatest.Feature{with("status", "melted")}, `unknown status "melted"`},
		{"unknown condition", "pipes", []datatest.Feature{with("condition", "rusty")}, `unknown condition "rusty"`},
		{"not a boolean", "pipes", []datatest.Feature{with("ductile_unsafe", "maybe")}, `ductile_unsafe "maybe" is not a boolean`},
		{"duplicate id in file", "pipes", []datatest.Feature{with("id", "D"), with("id", "D")}, `duplicate id "D"`},
		{"self-intersecting polygon", "buildings", []datatest.Feature{{Props: map[string]any{"id": "B1", "use": "school"}, Geom: bowtie}}, "invalid geometry: Self-intersection"},
		{"unclosed ring", "buildings", []datatest.Feature{{Props: map[string]any{"id": "B1"}, Geom: open}}, "not closed"},
		{"unknown building use", "buildings", []datatest.Feature{{Props: map[string]any{"id": "B1", "use": "castle"}, Geom: square}}, `unknown use "castle"`},
		{"zero floors", "buildings", []datatest.Feature{{Props: map[string]any{"id": "B1", "floors": 0}, Geom: square}}, "floors 0 is outside"},
		{"protection not yes or no", "pipes", []datatest.Feature{with("protection", "maybe")}, `protection "maybe" is not a boolean`},
		{"zero wall", "pipes", []datatest.Feature{with("wall_mm", 0)}, "wall_mm 0 is outside"},
		{"unknown station setting", "stations", []datatest.Feature{{Props: map[string]any{"id": "T1", "kind": "regulator", "setting": "rooftop"}, Geom: `{"type":"Point","coordinates":[529000,3387000]}`}}, `unknown setting "rooftop"`},
		{"unknown LPG class", "stations", []datatest.Feature{{Props: map[string]any{"id": "T1", "kind": "lpg", "lpg_class": "IV"}, Geom: `{"type":"Point","coordinates":[529000,3387000]}`}}, `unknown lpg_class "IV"`},
		{"sewer without kind", "sewers", []datatest.Feature{{Props: map[string]any{"id": "S1"}, Geom: ok}}, "missing kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := env.Services(t)
			file := datatest.WriteGeoJSON(t, "bad.geojson", 4547, tt.fs)
			_, err := importFile(t, s, importer.Options{Layer: tt.layer, File: file})
			var re *importer.RejectedError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want RejectedError", err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("message lacks %q:\n%v", tt.reason, err)
			}
			if n := len(exported(t, s)); n != 0 {
				t.Errorf("%d pipes in the database after a refused import", n)
			}
		})
	}
	t.Run("id already in layer", func(t *testing.T) {
		s := env.Services(t)
		file := datatest.WriteGeoJSON(t, "p.geojson", 4547, []datatest.Feature{pipe("R1", "steel", 2000, ok)})
		if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: file}); err != nil {
			t.Fatal(err)
		}
		_, err := importFile(t, s, importer.Options{Layer: "pipes", File: file})
		if err == nil || !strings.Contains(err.Error(), "id already in layer pipes") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("coordinates outside lon/lat after a wrong srid", func(t *testing.T) {
		s := env.Services(t)
		file := datatest.WriteGeoJSON(t, "p.geojson", 4326, []datatest.Feature{pipe("R1", "steel", 2000, ok)})
		_, err := importFile(t, s, importer.Options{Layer: "pipes", File: file})
		if err == nil || !strings.Contains(err.Error(), "outside longitude/latitude") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestImportMapping(t *testing.T) {
	s := env.Services(t)
	x, y := 529000.0, 3387000.0
	file := datatest.WriteGeoJSON(t, "leidingen.geojson", 4547, []datatest.Feature{
		{Props: map[string]any{"ID": "L1", "MATERIAAL": "staal", "DIAMETER": 160, "DRUK": "MPA", "JAAR": 1975}, Geom: datatest.Line(x, y, x+5, y)},
		{Props: map[string]any{"ID": "L2", "MATERIAAL": "gietijzer", "DIAMETER": 100, "DRUK": "LP", "JAAR": 1931}, Geom: datatest.Line(x, y+5, x+5, y+5)},
		{Props: map[string]any{"ID": "L3", "MATERIAAL": "PE100", "DIAMETER": 63, "BAR": 0.3, "JAAR": 2019}, Geom: datatest.Line(x, y+9, x+5, y+9)},
	})
	m := importer.Mapping{
		Fields: map[string]string{"id": "ID", "material": "MATERIAAL", "diameter_mm": "DIAMETER",
			"pressure_class": "DRUK", "pressure_mpa": "BAR", "install_year": "JAAR"},
		Values: map[string]map[string]string{"material": {"staal": "steel", "gietijzer": "cast_iron"}},
	}
	if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: file, Mapping: m}); err != nil {
		t.Fatal(err)
	}
	got := exported(t, s)
	for id, w := range map[string][2]string{"L1": {"steel", "MPA"}, "L2": {"cast_iron", "LP"}, "L3": {"pe", "MPA"}} {
		if got[id]["material"] != w[0] || got[id]["pressure_class"] != w[1] {
			t.Errorf("%s: material %v class %v, want %v", id, got[id]["material"], got[id]["pressure_class"], w)
		}
	}
}

// TestImportConditionAttributes: the condition assessment of 国办发〔2022〕
// 22号 is optional (absent = NULL), takes synonyms and booleans in the
// usual spellings, and the user's value mapping.
func TestImportConditionAttributes(t *testing.T) {
	s := env.Services(t)
	x, y := 529000.0, 3387000.0
	p := func(id string, props map[string]any) datatest.Feature {
		f := pipe(id, "steel", 2000, datatest.Line(x, y, x+5, y))
		for k, v := range props {
			f.Props[k] = v
		}
		y += 5
		return f
	}
	file := datatest.WriteGeoJSON(t, "p.geojson", 4547, []datatest.Feature{
		p("C0", nil),
		p("C1", map[string]any{"condition": "Corrosion", "ductile_unsafe": true, "hazard_uncontrollable": "否"}),
		p("C2", map[string]any{"condition": "检测不合格", "ductile_unsafe": 0, "hazard_uncontrollable": "YES"}),
		p("C3", map[string]any{"condition": "leaks", "ductile_unsafe": "f"}),
		p("C4", map[string]any{"condition": "良好", "hazard_uncontrollable": "ja"}),
		p("C5", map[string]any{"condition": "", "ductile_unsafe": nil}),
	})
	m := importer.Mapping{Values: map[string]map[string]string{"hazard_uncontrollable": {"ja": "true"}}}
	if _, err := importFile(t, s, importer.Options{Layer: "pipes", File: file, Mapping: m}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.DB.Pool.Query(context.Background(), `SELECT id, coalesce(condition, '-'),
		coalesce(ductile_unsafe::text, '-'), coalesce(hazard_uncontrollable::text, '-') FROM pipes ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var id, c, d, h string
		if err := rows.Scan(&id, &c, &d, &h); err != nil {
			t.Fatal(err)
		}
		got = append(got, id+" "+c+" "+d+" "+h)
	}
	want := []string{"C0 - - -", "C1 corrosion true false", "C2 failed_inspection false true",
		"C3 leak_history false -", "C4 good - true", "C5 - - -"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "; "), strings.Join(want, "; "))
	}
}

// TestImportClearanceAttributes: the pipe attributes of the clearance
// reductions and the station attributes of the spacings, optional, with
// the usual spellings.
func TestImportClearanceAttributes(t *testing.T) {
	s := env.Services(t)
	x, y := 529000.0, 3387000.0
	pipes := []datatest.Feature{pipe("W1", "steel", 2000, datatest.Line(x, y, x+5, y)), pipe("W2", "steel", 2000, datatest.Line(x, y+5, x+5, y+5)),
		pipe("W3", "steel", 2000, datatest.Line(x, y+9, x+5, y+9))}
	pipes[0].Props["wall_mm"], pipes[0].Props["protection"] = 11.9, true
	pipes[1].Props["protection"] = "否"
	pt := func(dx float64) string { return fmt.Sprintf(`{"type":"Point","coordinates":[%v,%v]}`, x+dx, y+20) }
	stations := []datatest.Feature{
		{Props: map[string]any{"id": "T1", "kind": "regulator_box", "setting": "调压柜", "inlet_pressure_class": "次高压A"}, Geom: pt(0)},
		{Props: map[string]any{"id": "T2", "kind": "lpg", "lpg_class": "Ⅱ级"}, Geom: pt(10)},
		{Props: map[string]any{"id": "T3", "kind": "regulator"}, Geom: pt(20)},
	}
	for layer, fs := range map[string][]datatest.Feature{"pipes": pipes, "stations": stations} {
		if _, err := importFile(t, s, importer.Options{Layer: layer, File: datatest.WriteGeoJSON(t, layer+".geojson", 4547, fs)}); err != nil {
			t.Fatalf("%s: %v", layer, err)
		}
	}
	ctx := context.Background()
	var got []string
	rows, err := s.DB.Pool.Query(ctx, `SELECT id || ':' || coalesce(wall_mm::text, '-') || ':' || coalesce(protection::text, '-') FROM pipes
		UNION ALL SELECT id || ':' || coalesce(setting, '-') || ':' || coalesce(inlet_pressure_class, '-') || ':' || coalesce(lpg_class, '-') FROM stations
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v string
		rows.Scan(&v)
		got = append(got, v)
	}
	want := []string{"T1:cabinet:SHPA:-", "T2:-:-:II", "T3:-:-:-", "W1:11.9:true", "W2:-:false", "W3:-:-"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stored %v, want %v", got, want)
	}
}
