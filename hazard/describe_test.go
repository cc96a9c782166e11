package hazard

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"gasrisk"
)

var update = flag.Bool("update", false, "rewrite golden files")

// hasHan reports whether s has a CJK (Han) character.
func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// describeCases are the hazards of the golden file testdata/describe.golden.
var describeCases = []struct {
	name string
	h    Entry
}{
	{"occupied_by_school_with_distance", Entry{Kind: Occupied, Source: "segment", PipeID: "P-7",
		RefLayer: "buildings", RefID: "B-12", Info: Info{Use: "school", DistanceM: 3.45}, LengthM: 21}},
	{"occupied_by_residential_no_distance", Entry{Kind: Occupied, Source: "segment", PipeID: "P-7",
		RefLayer: "buildings", RefID: "B-13", Info: Info{Use: "residential"}, LengthM: 8.04}},
	{"clearance_building_unknown_use", Entry{Kind: ClearanceBuilding, Source: "segment", PipeID: "P-8",
		RefLayer: "buildings", RefID: "B-1", Info: Info{Use: "warehouse"}, LengthM: 3}},
	{"sewer_crossing_storm", Entry{Kind: SewerCrossing, Source: "segment", PipeID: "P-3",
		RefLayer: "sewers", RefID: "S-9", Info: Info{SewerKind: "storm"}}},
	{"sewer_crossing_with_length", Entry{Kind: SewerCrossing, Source: "segment", PipeID: "P-3",
		RefLayer: "sewers", RefID: "S-10", Info: Info{SewerKind: "sanitary"}, LengthM: 2.5}},
	{"clearance_water_main", Entry{Kind: ClearanceWater, Source: "segment", PipeID: "P-4",
		RefLayer: "sewers", RefID: "W-2", Info: Info{SewerKind: "water"}, LengthM: 14.25}},
	{"no_detector_unknown_sewer_kind", Entry{Kind: NoDetector, Source: "segment", PipeID: "P-5",
		RefLayer: "sewers", RefID: "S-11", Info: Info{SewerKind: "tunnel"}}},
	{"aged_cast_iron_with_year", Entry{Kind: Aged, Source: "segment", PipeID: "P-1",
		Info: Info{Material: "cast_iron", InstallYear: 1988}, LengthM: 120}},
	{"aged_cast_iron_without_year", Entry{Kind: Aged, Source: "segment", PipeID: "P-2",
		Info: Info{Material: "cast_iron"}, LengthM: 64}},
	{"aged_without_material", Entry{Kind: Aged, Source: "segment", PipeID: "P-6", Info: Info{InstallYear: 1975}}},
	{"aged_unknown_material", Entry{Kind: Aged, Source: "segment", PipeID: "P-6", Info: Info{Material: "asbestos"}}},
	{"station_building_in_spacing", Entry{Kind: StationBuilding, Source: "station", StationID: "ST-4",
		RefLayer: "buildings", RefID: "B-40", Info: Info{StationKind: "regulator_box", Use: "ignored", RefKind: "residential", DistanceM: 2.96}}},
	{"station_dense_place_in_spacing", Entry{Kind: StationDense, Source: "station", StationID: "ST-2",
		RefLayer: "places", RefID: "PL-5", Info: Info{StationKind: "regulator", RefKind: "school", DistanceM: 8}}},
	{"station_dense_place_no_distance", Entry{Kind: StationDense, Source: "station", StationID: "ST-3",
		RefLayer: "places", RefID: "PL-6", Info: Info{StationKind: "lng", RefKind: "mall"}}},
	{"station_past_design_life", Entry{Kind: StationLife, Source: "station", StationID: "ST-1",
		Info: Info{StationKind: "city_gate", InstallYear: 1990}}},
	{"station_past_design_life_year_unknown", Entry{Kind: StationLife, Source: "station", StationID: "ST-9",
		Info: Info{StationKind: "cng"}}},
	{"station_kind_missing", Entry{Kind: StationLife, Source: "station", StationID: "ST-8", Info: Info{InstallYear: 2001}}},
	{"station_kind_unknown", Entry{Kind: StationLife, Source: "station", StationID: "ST-7",
		Info: Info{StationKind: "hydrogen", InstallYear: 2001}}},
	{"clearance_building_with_distances", Entry{Kind: ClearanceBuilding, Source: "segment", PipeID: "P-8",
		RefLayer: "buildings", RefID: "B-2", Info: Info{Use: "residential", ClearanceM: ptr(0.62), RequiredM: 1, Clause: "GB 50028-2006 t.6.3.3-1"}, LengthM: 7.96}},
	{"clearance_sewer_touching", Entry{Kind: ClearanceSewer, Source: "segment", PipeID: "P-9",
		RefLayer: "sewers", RefID: "S-1", Info: Info{SewerKind: "sanitary", ClearanceM: ptr(0), RequiredM: 1.2, Clause: "GB 50028-2006 t.6.3.3-1"}, LengthM: 3}},
	{"clearance_building_reduced_shpa", Entry{Kind: ClearanceBuilding, Source: "segment", PipeID: "P-10",
		RefLayer: "buildings", RefID: "B-3", Info: Info{Use: "school", ClearanceM: ptr(4.456), RequiredM: 6.5, Clause: "GB 50028-2006 t.6.3.3-1 note"}, LengthM: 30}},
	{"unrepaired_leak", Entry{Kind: UnrepairedLeak, Source: "segment", PipeID: "P-11", RefLayer: "leaks", RefID: "L-17",
		Info: Info{LeakClass: 1, Cause: "corrosion", FoundDate: "2026-06-10"}}},
	{"unknown_kind", Entry{Kind: "mystery", Source: "segment", PipeID: "P-0", LengthM: 1}},
}

func ptr(v float64) *float64 { return &v }

// describeGolden renders every case in both languages, and the names of
// every kind, state and grade.
func describeGolden() string {
	var b strings.Builder
	b.WriteString("# Describe\n")
	for _, c := range describeCases {
		fmt.Fprintf(&b, "\n## %s\nzh: %s\nen: %s\n", c.name, Describe(c.h, LangZH), Describe(c.h, LangEN))
	}
	b.WriteString("\n# KindName\n\n")
	for _, k := range Kinds() {
		fmt.Fprintf(&b, "%s: %s | %s\n", k, KindName(k, LangZH), KindName(k, LangEN))
	}
	b.WriteString("\n# StateName\n\n")
	for _, s := range States() {
		fmt.Fprintf(&b, "%s: %s | %s\n", s, StateName(s, LangZH), StateName(s, LangEN))
	}
	return b.String()
}

func TestDescribeGolden(t *testing.T) {
	got := describeGolden()
	path := filepath.Join("testdata", "describe.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./hazard -run TestDescribeGolden -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("%s:%d:\n got %q\nwant %q", path, i+1, g, w)
			}
		}
	}
}

// TestDescribe pins a few descriptions inline, so that the shape is
// readable without the golden file.
func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    Entry
		lang string
		want string
	}{
		{"occupied_school_zh", describeCases[0].h, LangZH, "管道占压：管道 P-7，学校 B-12，距 3.5 m，长度 21.0 m"},
		{"occupied_school_en", describeCases[0].h, LangEN, "occupied by a building: pipe P-7; school B-12, 3.5 m away; length 21.0 m"},
		{"sewer_crossing_zh", describeCases[3].h, LangZH, "与排水管网交叉：管道 P-3，雨水管 S-9"},
		{"sewer_crossing_en", describeCases[3].h, LangEN, "crossing a sewer: pipe P-3; storm drain S-9"},
		{"aged_with_year_zh", describeCases[7].h, LangZH, "管道老化：管道 P-1，灰口铸铁，1988年敷设"},
		{"aged_with_year_en", describeCases[7].h, LangEN, "aged pipe: pipe P-1; cast iron, installed 1988"},
		{"aged_without_year_zh", describeCases[8].h, LangZH, "管道老化：管道 P-2，灰口铸铁，敷设年份不详"},
		{"aged_without_year_en", describeCases[8].h, LangEN, "aged pipe: pipe P-2; cast iron, year unknown"},
		{"dense_place_zh", describeCases[12].h, LangZH, "场站安全间距内有人员密集场所：调压站 ST-2，人员密集场所 PL-5（学校），距 8.0 m"},
		{"dense_place_en", describeCases[12].h, LangEN,
			"dense-occupancy place within a station's safety spacing: regulator station ST-2; dense-occupancy place PL-5 (school), 8.0 m away"},
		{"design_life_en", describeCases[14].h, LangEN, "station equipment past its design life: city gate ST-1; in service since 1990"},
		// Anything but en is Chinese.
		{"empty_lang_is_chinese", describeCases[3].h, "", "与排水管网交叉：管道 P-3，雨水管 S-9"},
		{"other_lang_is_chinese", describeCases[3].h, "fr", "与排水管网交叉：管道 P-3，雨水管 S-9"},
		{"unknown_kind_as_is", describeCases[len(describeCases)-1].h, LangEN, "mystery: pipe P-0; length 1.0 m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Describe(tc.h, tc.lang); got != tc.want {
				t.Errorf("Describe(%s) =\n %q, want\n %q", tc.lang, got, tc.want)
			}
		})
	}
}

// TestDescribeLanguages checks every case: the Chinese text has Chinese
// punctuation and characters, the English none.
func TestDescribeLanguages(t *testing.T) {
	for _, c := range describeCases {
		t.Run(c.name, func(t *testing.T) {
			zh, en := Describe(c.h, LangZH), Describe(c.h, LangEN)
			if !strings.Contains(zh, "：") || !hasHan(zh) {
				t.Errorf("zh %q: want a Chinese text with a full-width colon", zh)
			}
			if hasHan(en) || strings.ContainsAny(en, "：，") {
				t.Errorf("en %q has Chinese characters or punctuation", en)
			}
			for _, id := range []string{c.h.PipeID, c.h.StationID, c.h.RefID} {
				if !strings.Contains(zh, id) || !strings.Contains(en, id) {
					t.Errorf("id %q missing from %q or %q", id, zh, en)
				}
			}
		})
	}
}

func TestKindName(t *testing.T) {
	kinds := Kinds()
	if len(kinds) != 15 {
		t.Errorf("Kinds() has %d kinds, want 15: %v", len(kinds), kinds)
	}
	seen := map[string]string{}
	for _, k := range kinds {
		t.Run(k, func(t *testing.T) {
			zh, en := KindName(k, LangZH), KindName(k, LangEN)
			if zh == "" || !hasHan(zh) {
				t.Errorf("KindName(%s, zh) = %q, want a Chinese name", k, zh)
			}
			if en == "" || en == k || hasHan(en) {
				t.Errorf("KindName(%s, en) = %q, want an English name", k, en)
			}
			if other, dup := seen[zh]; dup {
				t.Errorf("%s and %s share the Chinese name %q", k, other, zh)
			}
			seen[zh] = k
			if other, dup := seen[en]; dup {
				t.Errorf("%s and %s share the English name %q", k, other, en)
			}
			seen[en] = k
			if FindingName(k, LangZH) != zh || FindingName(k, LangEN) != en {
				t.Errorf("FindingName(%s) differs from KindName", k)
			}
			if FindingMeasures(k, LangZH) == "" || FindingMeasures(k, LangEN) == "" {
				t.Errorf("FindingMeasures(%s) is empty", k)
			}
		})
	}
	for _, tc := range []struct{ name, kind, lang, want string }{
		{"occupied_zh", Occupied, LangZH, "管道占压"},
		{"occupied_en", Occupied, LangEN, "occupied by a building"},
		{"empty_lang_zh", Aged, "", "管道老化"},
		{"unknown_zh", "mystery", LangZH, "mystery"},
		{"unknown_en", "mystery", LangEN, "mystery"},
		{"empty", "", LangZH, ""},
		{"upper_case_unknown", "OCCUPIED", LangEN, "OCCUPIED"},
		// Third-party works are a finding, not a hazard kind.
		{"third_party_not_a_kind", ThirdParty, LangZH, ThirdParty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := KindName(tc.kind, tc.lang); got != tc.want {
				t.Errorf("KindName(%q, %q) = %q, want %q", tc.kind, tc.lang, got, tc.want)
			}
		})
	}
	t.Run("third_party_finding", func(t *testing.T) {
		if got := FindingName(ThirdParty, LangZH); got != "第三方施工" {
			t.Errorf("FindingName(third_party, zh) = %q", got)
		}
		if got := FindingName(ThirdParty, LangEN); got != "third-party works" {
			t.Errorf("FindingName(third_party, en) = %q", got)
		}
	})
}

func TestStateName(t *testing.T) {
	for _, tc := range []struct {
		s      State
		zh, en string
	}{
		{StateOpen, "待整改", "open"},
		{StatePlanned, "整改中", "planned"},
		{StateRectified, "已整改待复核", "rectified"},
		{StateRechecked, "已复核", "re-checked"},
		{StateClosed, "已销号", "closed"},
		{"archived", "archived", "archived"},
		{"", "", ""},
	} {
		t.Run(string(tc.s), func(t *testing.T) {
			if got := StateName(tc.s, LangZH); got != tc.zh {
				t.Errorf("StateName(%q, zh) = %q, want %q", tc.s, got, tc.zh)
			}
			if got := StateName(tc.s, LangEN); got != tc.en {
				t.Errorf("StateName(%q, en) = %q, want %q", tc.s, got, tc.en)
			}
		})
	}
	for _, s := range States() {
		t.Run("han_"+string(s), func(t *testing.T) {
			if !hasHan(StateName(s, LangZH)) {
				t.Errorf("StateName(%s, zh) = %q, want Chinese", s, StateName(s, LangZH))
			}
		})
	}
}

func TestGradeName(t *testing.T) {
	for _, tc := range []struct {
		grade, zh, en string
	}{
		{"red", "重大", "Major"},
		{"orange", "较大", "Significant"},
		{"yellow", "一般", "Moderate"},
		{"blue", "低", "Low"},
		{"purple", "purple", "purple"},
		{"RED", "RED", "RED"},
		{"", "", ""},
	} {
		t.Run(tc.grade, func(t *testing.T) {
			if got := GradeName(tc.grade, LangZH); got != tc.zh {
				t.Errorf("GradeName(%q, zh) = %q, want %q", tc.grade, got, tc.zh)
			}
			if got := GradeName(tc.grade, LangEN); got != tc.en {
				t.Errorf("GradeName(%q, en) = %q, want %q", tc.grade, got, tc.en)
			}
			if got := GradeName(tc.grade, ""); got != tc.zh {
				t.Errorf("GradeName(%q, \"\") = %q, want the Chinese %q", tc.grade, got, tc.zh)
			}
		})
	}
}

func TestMaterialName(t *testing.T) {
	for _, tc := range []struct{ material, zh, en string }{
		{"cast_iron", "灰口铸铁", "cast iron"},
		{"ductile_iron", "球墨铸铁", "ductile iron"},
		{"steel", "钢", "steel"},
		{"pe", "聚乙烯", "PE"},
		{"copper", "铜", "copper"},
		{"other", "其他材质", "other material"},
		{"unknown", "材质不详", "unknown material"},
		{"asbestos", "asbestos", "asbestos"},
		{"", "", ""},
	} {
		t.Run(tc.material, func(t *testing.T) {
			if got := MaterialName(tc.material, LangZH); got != tc.zh {
				t.Errorf("MaterialName(%q, zh) = %q, want %q", tc.material, got, tc.zh)
			}
			if got := MaterialName(tc.material, LangEN); got != tc.en {
				t.Errorf("MaterialName(%q, en) = %q, want %q", tc.material, got, tc.en)
			}
		})
	}
}

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		wantErr        bool
	}{
		{"empty_is_zh", "", LangZH, false},
		{"zh", "zh", LangZH, false},
		{"en", "en", LangEN, false},
		{"upper_case", "EN", "", true},
		{"region", "zh-CN", "", true},
		{"leading_space", " en", "", true},
		{"other", "fr", "", true},
		{"chinese_word", "中文", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseLang(tc.in)
			if got != tc.want {
				t.Errorf("ParseLang(%q) = %q, want %q", tc.in, got, tc.want)
			}
			switch {
			case tc.wantErr && err == nil:
				t.Errorf("ParseLang(%q): no error", tc.in)
			case !tc.wantErr && err != nil:
				t.Errorf("ParseLang(%q) = %v", tc.in, err)
			case tc.wantErr && gasrisk.ErrorCode(err) != gasrisk.EINVALID:
				t.Errorf("ParseLang(%q) code = %q, want %q", tc.in, gasrisk.ErrorCode(err), gasrisk.EINVALID)
			case tc.wantErr && !strings.Contains(err.Error(), fmt.Sprintf("unknown language %q", tc.in)):
				t.Errorf("ParseLang(%q) = %q, want it to name the language", tc.in, err)
			}
		})
	}
}
