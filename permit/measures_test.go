package permit

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"gasrisk/riskmodel"
)

func seg(pipe, zone, class string) Segment {
	return Segment{PipeID: pipe, Zone: zone, PressureClass: class}
}

// codes lists the measures' codes in order.
func codes(ms []Measure) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Code
	}
	return out
}

func TestMeasures(t *testing.T) {
	// Inside a protection range the first measure is the protection scheme
	// (第三十四条) or the prohibition (第三十三条); it was protection_range,
	// "not allowed", for every kind.
	scheme := []string{"protection_scheme", "safety_agreement", "supervision", "locate"}
	banned := []string{"prohibited", "safety_agreement", "supervision", "locate"}
	controlOnly := []string{"safety_agreement", "supervision", "locate"}
	for _, tc := range []struct {
		name  string
		kind  string
		segs  []Segment
		codes []string
		pipes map[string][]string // by code; a code not listed has no pipes
	}{
		{"nothing_within_reach", "excavation", nil, []string{"report_unknown"}, nil},
		{"nothing_within_reach_empty", "blasting", []Segment{}, []string{"report_unknown"}, nil},
		{"control_only", "excavation", []Segment{seg("P-1", ZoneControl, "LP")}, controlOnly,
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},
		{"protection_only", "excavation", []Segment{seg("P-1", ZoneProtection, "MPA")}, scheme,
			map[string][]string{"protection_scheme": {"P-1"}, "safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},
		{"protection_and_control", "excavation", []Segment{seg("P-2", ZoneControl, "LP"), seg("P-1", ZoneProtection, "LP")}, scheme,
			map[string][]string{"protection_scheme": {"P-1"}, "safety_agreement": {"P-1", "P-2"}, "supervision": {"P-1", "P-2"}, "locate": {"P-1", "P-2"}}},
		// A pipe with a segment in each zone is a protected pipe, whatever
		// the order of its segments.
		{"pipe_in_both_zones_control_first", "excavation", []Segment{seg("P-1", ZoneControl, "LP"), seg("P-1", ZoneProtection, "LP")}, scheme,
			map[string][]string{"protection_scheme": {"P-1"}, "safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},
		{"pipe_in_both_zones_protection_first", "excavation", []Segment{seg("P-1", ZoneProtection, "LP"), seg("P-1", ZoneControl, "LP")}, scheme,
			map[string][]string{"protection_scheme": {"P-1"}, "safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},
		// A prohibited kind in the protection range: the prohibition first,
		// for the protected pipes; the measures for works outside follow.
		{"blasting_in_protection", "blasting", []Segment{seg("P-1", ZoneProtection, "LP"), seg("P-2", ZoneControl, "LP")},
			append(slices.Clone(banned), "blast_plan"),
			map[string][]string{"prohibited": {"P-1"}, "safety_agreement": {"P-1", "P-2"}, "supervision": {"P-1", "P-2"},
				"locate": {"P-1", "P-2"}, "blast_plan": {"P-1", "P-2"}}},
		{"building_in_protection", "building", []Segment{seg("P-1", ZoneProtection, "MPB")}, append(slices.Clone(banned), "building_clearance"),
			map[string][]string{"prohibited": {"P-1"}, "safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"},
				"building_clearance": {"P-1"}}},
		{"unknown_kind_in_protection", "mining", []Segment{seg("P-1", ZoneProtection, "LP")}, banned,
			map[string][]string{"prohibited": {"P-1"}, "safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},

		// The work kind's own measure, after locate, for every pipe.
		{"piling_vibration", "piling", []Segment{seg("P-1", ZoneControl, "LP")}, append(slices.Clone(controlOnly), "vibration"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "vibration": {"P-1"}}},
		{"blasting_blast_plan", "blasting", []Segment{seg("P-1", ZoneControl, "LP")}, append(slices.Clone(controlOnly), "blast_plan"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "blast_plan": {"P-1"}}},
		{"trenchless_bore_path", "trenchless", []Segment{seg("P-1", ZoneControl, "LP")}, append(slices.Clone(controlOnly), "bore_path"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "bore_path": {"P-1"}}},
		{"drilling_drill_locate", "drilling", []Segment{seg("P-1", ZoneControl, "LP")}, append(slices.Clone(controlOnly), "drill_locate"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "drill_locate": {"P-1"}}},
		{"building_clearance", "building", []Segment{seg("P-1", ZoneControl, "LP")}, append(slices.Clone(controlOnly), "building_clearance"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "building_clearance": {"P-1"}}},
		{"earth_borrow_cover", "earth_borrow", []Segment{seg("P-1", ZoneControl, "LP")}, append(slices.Clone(controlOnly), "cover"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "cover": {"P-1"}}},
		{"open_flame_hot_work", "open_flame", []Segment{seg("P-1", ZoneControl, "LP")}, append(slices.Clone(controlOnly), "hot_work"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "hot_work": {"P-1"}}},
		{"excavation_no_extra", "excavation", []Segment{seg("P-1", ZoneControl, "LP")}, controlOnly,
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},
		{"unknown_kind_no_extra", "mining", []Segment{seg("P-1", ZoneControl, "LP")}, controlOnly,
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},
		{"piling_in_protection", "piling", []Segment{seg("P-1", ZoneProtection, "LP"), seg("P-2", ZoneControl, "LP")}, append(slices.Clone(scheme), "vibration"),
			map[string][]string{"protection_scheme": {"P-1"}, "safety_agreement": {"P-1", "P-2"}, "supervision": {"P-1", "P-2"},
				"locate": {"P-1", "P-2"}, "vibration": {"P-1", "P-2"}}},

		// Sub-high and high pressure pipes: a written scheme, last.
		{"shpb_high_pressure", "excavation", []Segment{seg("P-1", ZoneControl, "SHPB")}, append(slices.Clone(controlOnly), "high_pressure"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "high_pressure": {"P-1"}}},
		{"shpa_high_pressure", "excavation", []Segment{seg("P-1", ZoneControl, "SHPA")}, append(slices.Clone(controlOnly), "high_pressure"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "high_pressure": {"P-1"}}},
		{"hpb_high_pressure", "excavation", []Segment{seg("P-1", ZoneControl, "HPB")}, append(slices.Clone(controlOnly), "high_pressure"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "high_pressure": {"P-1"}}},
		{"hpa_in_protection", "excavation", []Segment{seg("P-1", ZoneProtection, "HPA")}, append(slices.Clone(scheme), "high_pressure"),
			map[string][]string{"protection_scheme": {"P-1"}, "safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "high_pressure": {"P-1"}}},
		{"mpa_not_high_pressure", "excavation", []Segment{seg("P-1", ZoneControl, "MPA")}, controlOnly,
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},
		{"unknown_class_not_high_pressure", "excavation", []Segment{seg("P-1", ZoneControl, "")}, controlOnly,
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}}},
		{"high_pressure_only_those_pipes", "blasting",
			[]Segment{seg("P-3", ZoneControl, "LP"), seg("P-2", ZoneControl, "HPA"), seg("P-1", ZoneControl, "SHPB")},
			append(slices.Clone(controlOnly), "blast_plan", "high_pressure"),
			map[string][]string{"safety_agreement": {"P-1", "P-2", "P-3"}, "supervision": {"P-1", "P-2", "P-3"}, "locate": {"P-1", "P-2", "P-3"},
				"blast_plan": {"P-1", "P-2", "P-3"}, "high_pressure": {"P-1", "P-2"}}},
		// A pipe is high pressure if any of its segments is.
		{"high_pressure_any_segment", "excavation", []Segment{seg("P-1", ZoneControl, "MPA"), seg("P-1", ZoneControl, "SHPA")},
			append(slices.Clone(controlOnly), "high_pressure"),
			map[string][]string{"safety_agreement": {"P-1"}, "supervision": {"P-1"}, "locate": {"P-1"}, "high_pressure": {"P-1"}}},

		// Pipe lists: sorted, each pipe once however many segments it has.
		{"sorted_and_deduplicated_control", "excavation",
			[]Segment{seg("P-9", ZoneControl, "LP"), seg("P-10", ZoneControl, "LP"), seg("P-1", ZoneControl, "LP"), seg("P-9", ZoneControl, "LP")},
			controlOnly,
			map[string][]string{"safety_agreement": {"P-1", "P-10", "P-9"}, "supervision": {"P-1", "P-10", "P-9"}, "locate": {"P-1", "P-10", "P-9"}}},
		{"sorted_and_deduplicated_protection", "excavation",
			[]Segment{seg("B", ZoneProtection, "HPB"), seg("A", ZoneProtection, "HPB"), seg("B", ZoneProtection, "HPB"), seg("A", ZoneProtection, "HPA")},
			append(slices.Clone(scheme), "high_pressure"),
			map[string][]string{"protection_scheme": {"A", "B"}, "safety_agreement": {"A", "B"}, "supervision": {"A", "B"}, "locate": {"A", "B"},
				"high_pressure": {"A", "B"}}},
		// With pipes in both zones, the pipes of the general measures are
		// one sorted list (they were the protected pipes first, then the
		// others).
		{"both_zones_one_sorted_list", "excavation",
			[]Segment{seg("P-1", ZoneControl, "LP"), seg("P-9", ZoneProtection, "LP"), seg("P-5", ZoneControl, "LP"), seg("P-3", ZoneProtection, "LP")},
			scheme,
			map[string][]string{"protection_scheme": {"P-3", "P-9"}, "safety_agreement": {"P-1", "P-3", "P-5", "P-9"},
				"supervision": {"P-1", "P-3", "P-5", "P-9"}, "locate": {"P-1", "P-3", "P-5", "P-9"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := Measures(tc.kind, tc.segs)
			if got := codes(ms); !slices.Equal(got, tc.codes) {
				t.Fatalf("codes = %v, want %v", got, tc.codes)
			}
			for _, m := range ms {
				if want := tc.pipes[m.Code]; !slices.Equal(m.Pipes, want) {
					t.Errorf("%s pipes = %q, want %q", m.Code, m.Pipes, want)
				}
			}
		})
	}
}

// TestMeasuresOwnPipes: each measure has its own list of pipes; a caller
// changing one changes no other (the general measures shared one slice).
func TestMeasuresOwnPipes(t *testing.T) {
	segs := []Segment{seg("P-1", ZoneProtection, "SHPA"), seg("P-2", ZoneControl, "SHPA")}
	for _, kind := range riskmodel.WorkKinds() {
		t.Run(kind, func(t *testing.T) {
			ms := Measures(kind, segs)
			for i := range ms {
				for j := range ms {
					if i == j || len(ms[i].Pipes) == 0 || len(ms[j].Pipes) == 0 {
						continue
					}
					if &ms[i].Pipes[0] == &ms[j].Pipes[0] {
						t.Errorf("%s and %s share their pipes", ms[i].Code, ms[j].Code)
					}
				}
			}
			before := slices.Clone(ms[len(ms)-1].Pipes)
			for i := range ms[:len(ms)-1] {
				for k := range ms[i].Pipes {
					ms[i].Pipes[k] = "changed"
				}
				ms[i].Pipes = append(ms[i].Pipes, "added")
			}
			if last := ms[len(ms)-1]; !slices.Equal(last.Pipes, before) {
				t.Errorf("changing the other measures changed %s: %q, was %q", last.Code, last.Pipes, before)
			}
		})
	}
}

// TestMeasuresArticles: inside a protection range the first measure
// names what 《城镇燃气管理条例》 allows there, with its article; the
// measures cite 第三十四条 only with a protection scheme, 第三十三条 only with
// a prohibition, and never 第三十八条 (the old, wrong citation).
func TestMeasuresArticles(t *testing.T) {
	const schemeZH = "与燃气经营者共同制定燃气设施保护方案，并采取相应的安全保护措施（《城镇燃气管理条例》第三十四条）"
	zones := map[string][]Segment{
		"control":    {seg("P-1", ZoneControl, "LP")},
		"protection": {seg("P-1", ZoneProtection, "MPA"), seg("P-2", ZoneControl, "SHPB")},
	}
	items := map[string]string{"building": "（一）", "blasting": "（二）", "earth_borrow": "（二）", "open_flame": "（二）", "mining": "（五）"}
	itemsEN := map[string]string{"building": "item (1)", "blasting": "item (2)", "earth_borrow": "item (2)", "open_flame": "item (2)", "mining": "item (5)"}
	for _, kind := range append(riskmodel.WorkKinds(), "mining") {
		for zone, segs := range zones {
			t.Run(kind+"_"+zone, func(t *testing.T) {
				ms := Measures(kind, segs)
				all := ""
				for _, m := range ms {
					all += m.Text + m.TextZH
				}
				first := ms[0]
				switch _, prohibited := Prohibition(kind); {
				case zone == "control":
					if first.Code != "safety_agreement" || strings.Contains(all, "第三十三条") || strings.Contains(all, "第三十四条") {
						t.Errorf("control range: first %s, texts %q", first.Code, all)
					}
				case prohibited:
					if first.Code != "prohibited" || !slices.Equal(first.Pipes, []string{"P-1"}) {
						t.Fatalf("first measure %+v, want prohibited for P-1", first)
					}
					if want := "《城镇燃气管理条例》第三十三条第" + items[kind] + "项"; !strings.Contains(first.TextZH, want) {
						t.Errorf("TextZH %q lacks %q", first.TextZH, want)
					}
					if want := "art. 33 " + itemsEN[kind]; !strings.Contains(first.Text, want) {
						t.Errorf("Text %q lacks %q", first.Text, want)
					}
					if strings.Contains(all, "第三十四条") {
						t.Errorf("a prohibited kind cites 第三十四条: %q", all)
					}
				default:
					if first.Code != "protection_scheme" || first.TextZH != schemeZH || !strings.Contains(first.Text, "art. 34") ||
						!slices.Equal(first.Pipes, []string{"P-1"}) {
						t.Errorf("first measure %+v, want the protection scheme of 第三十四条 for P-1", first)
					}
					if strings.Contains(all, "第三十三条") {
						t.Errorf("a §34 kind cites 第三十三条: %q", all)
					}
				}
				if strings.Contains(all, "第三十八条") || strings.Contains(all, "art. 38") {
					t.Errorf("cites 第三十八条: %q", all)
				}
				for _, m := range ms {
					switch m.Code {
					case "supervision", "locate":
						if !strings.Contains(m.TextZH, "第三十七条") || !strings.Contains(m.Text, "art. 37") {
							t.Errorf("%s does not cite 第三十七条: %q / %q", m.Code, m.TextZH, m.Text)
						}
					case "safety_agreement":
						if !strings.Contains(m.TextZH, "GB 55009-2021 第5.1.7条") || !strings.Contains(m.Text, "GB 55009-2021 §5.1.7") {
							t.Errorf("safety_agreement does not cite GB 55009-2021 §5.1.7: %q / %q", m.TextZH, m.Text)
						}
					}
				}
			})
		}
	}
}

// TestMeasuresPipeSets: every general measure concerns every pipe within
// reach exactly once, in one sorted list.
func TestMeasuresPipeSets(t *testing.T) {
	segs := []Segment{
		seg("P-4", ZoneControl, "LP"), seg("P-2", ZoneProtection, "MPB"), seg("P-4", ZoneProtection, "MPB"),
		seg("P-7", ZoneControl, "SHPA"), seg("P-2", ZoneControl, "MPB"), seg("P-1", ZoneControl, "LP"),
	}
	for _, m := range Measures("trenchless", segs) {
		t.Run(m.Code, func(t *testing.T) {
			if m.Code == "protection_scheme" || m.Code == "prohibited" || m.Code == "high_pressure" {
				if !slices.IsSorted(m.Pipes) {
					t.Errorf("pipes %q not sorted", m.Pipes)
				}
				return
			}
			if want := []string{"P-1", "P-2", "P-4", "P-7"}; !slices.Equal(m.Pipes, want) {
				t.Errorf("pipes = %q, want %q", m.Pipes, want)
			}
		})
	}
}

// TestMeasuresTexts: every measure of every kind and zone has a code, an
// English and a Chinese text, and the codes are unique.
func TestMeasuresTexts(t *testing.T) {
	zones := map[string][]Segment{
		"none":       nil,
		"control":    {seg("P-1", ZoneControl, "LP")},
		"protection": {seg("P-1", ZoneProtection, "HPA"), seg("P-2", ZoneControl, "SHPB")},
	}
	for _, kind := range append(riskmodel.WorkKinds(), "unknown") {
		for zone, segs := range zones {
			t.Run(kind+"_"+zone, func(t *testing.T) {
				ms := Measures(kind, segs)
				if len(ms) == 0 {
					t.Fatal("no measures")
				}
				seen := map[string]bool{}
				for _, m := range ms {
					if m.Code == "" || seen[m.Code] {
						t.Errorf("code %q empty or repeated", m.Code)
					}
					seen[m.Code] = true
					if strings.TrimSpace(m.Text) == "" {
						t.Errorf("%s: empty Text", m.Code)
					}
					if strings.TrimSpace(m.TextZH) == "" {
						t.Errorf("%s: empty TextZH", m.Code)
					}
					if !strings.ContainsFunc(m.TextZH, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
						t.Errorf("%s: TextZH %q has no Chinese", m.Code, m.TextZH)
					}
					if strings.ContainsFunc(m.Text, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
						t.Errorf("%s: Text %q has Chinese", m.Code, m.Text)
					}
					if zone != "none" && len(m.Pipes) == 0 {
						t.Errorf("%s: no pipes", m.Code)
					}
				}
			})
		}
	}
}

// TestMeasuresDecisionAgree: the prohibited measure is there exactly
// when Decide denies, the protection scheme exactly when it is
// conditional with a pipe in the protection range, and report_unknown
// alone exactly when it is clear.
func TestMeasuresDecisionAgree(t *testing.T) {
	for _, tc := range []struct {
		name string
		segs []Segment
	}{
		{"none", nil},
		{"control", []Segment{seg("P-1", ZoneControl, "LP")}},
		{"protection", []Segment{seg("P-1", ZoneProtection, "LP")}},
		{"mixed", []Segment{seg("P-1", ZoneControl, "LP"), seg("P-2", ZoneProtection, "HPB")}},
	} {
		for _, kind := range append(riskmodel.WorkKinds(), "mining") {
			t.Run(tc.name+"_"+kind, func(t *testing.T) {
				ms, d := Measures(kind, tc.segs), Decide(kind, tc.segs)
				inProtection := slices.ContainsFunc(tc.segs, func(s Segment) bool { return s.Zone == ZoneProtection })
				if got := slices.Contains(codes(ms), "prohibited"); got != (d == DecisionDenied) {
					t.Errorf("decision %s, prohibited measure %v", d, got)
				}
				if got := slices.Contains(codes(ms), "protection_scheme"); got != (d == DecisionConditional && inProtection) {
					t.Errorf("decision %s, protection_scheme measure %v", d, got)
				}
				if clear := d == DecisionClear; clear != slices.Equal(codes(ms), []string{"report_unknown"}) {
					t.Errorf("decision %s, measures %v", d, codes(ms))
				}
			})
		}
	}
}
