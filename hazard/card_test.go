package hazard

import "testing"

// TestCardTexts: the cells of an emergency card in both languages.
func TestCardTexts(t *testing.T) {
	valves := []CardValve{{ID: "V000812", Kind: "gate", Class: "MPA", Lon: 114.3, Lat: 30.6}, {ID: "V000813", Kind: "ball", Lon: 114.31, Lat: 30.61}}
	critical := []CardCustomer{{ID: "C0004711", Meters: 2, Building: "B0012345", Use: "hospital"}, {ID: "C0004712", Meters: 1}}
	nearest := CardStation{ID: "T00012", Kind: "regulator", Name: "易家调压站64号", DistanceM: 412.4}
	for _, tt := range []struct {
		name, lang, got, want string
	}{
		{"valves zh", LangZH, ValvesText(valves, LangZH), "V000812 闸阀 MPA (114.300000, 30.600000)\nV000813 球阀 (114.310000, 30.610000)"},
		{"valves en", LangEN, ValvesText(valves, LangEN), "V000812 gate valve MPA (114.300000, 30.600000)\nV000813 ball valve (114.310000, 30.610000)"},
		{"no valves", LangZH, ValvesText(nil, LangZH), ""},
		{"critical zh", LangZH, CriticalText(critical, LangZH), "C0004711 医院 B0012345，2 块表\nC0004712 重要用户，1 块表"},
		{"critical en", LangEN, CriticalText(critical, LangEN), "C0004711 hospital B0012345, 2 meter(s)\nC0004712 critical customer, 1 meter(s)"},
		{"nearest zh", LangZH, StationText(nearest, LangZH), "T00012 调压站 易家调压站64号（412 米）"},
		{"nearest en", LangEN, StationText(nearest, LangEN), "T00012 regulator station 易家调压站64号 (412 m)"},
		{"at the station", LangEN, StationsText([]CardStation{{ID: "T00001", Kind: "city_gate"}}, LangEN), "T00001 city gate"},
		{"no trace zh", LangZH, NoTraceText(NoTraceOut, LangZH), "隐患所在管道不在役，无法追踪关阀范围"},
		{"no trace en", LangEN, NoTraceText(NoTracePipe, LangEN), "no in-service gas pipe at the hazard: no isolation traced"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
