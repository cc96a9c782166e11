package permit

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"gasrisk"
	"gasrisk/riskmodel"
)

// validRequest is a request every field of which is valid.
func validRequest() Request {
	return Request{
		WorkKind:  "excavation",
		DepthM:    2.5,
		Start:     "2026-12-01",
		End:       "2026-12-20",
		Applicant: "Firm A, site 7",
	}
}

func withRequest(f func(*Request)) Request {
	r := validRequest()
	f(&r)
	return r
}

// addDays is the date days after date (YYYY-MM-DD).
func addDays(date string, days int) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		panic(err)
	}
	return d.AddDate(0, 0, days).Format(time.DateOnly)
}

func TestRequestValidate(t *testing.T) {
	for _, tc := range []struct {
		name     string
		r        Request
		wantCode string // "" for no error
		wantText string // part of the message
	}{
		{"valid", validRequest(), "", ""},

		// Work kind: each known one, and unknown ones (400).
		{"work_kind_excavation", withRequest(func(r *Request) { r.WorkKind = "excavation" }), "", ""},
		{"work_kind_drilling", withRequest(func(r *Request) { r.WorkKind = "drilling" }), "", ""},
		{"work_kind_piling", withRequest(func(r *Request) { r.WorkKind = "piling" }), "", ""},
		{"work_kind_blasting", withRequest(func(r *Request) { r.WorkKind = "blasting" }), "", ""},
		{"work_kind_trenchless", withRequest(func(r *Request) { r.WorkKind = "trenchless" }), "", ""},
		{"work_kind_building", withRequest(func(r *Request) { r.WorkKind = "building" }), "", ""},
		{"work_kind_earth_borrow", withRequest(func(r *Request) { r.WorkKind = "earth_borrow" }), "", ""},
		{"work_kind_open_flame", withRequest(func(r *Request) { r.WorkKind = "open_flame" }), "", ""},
		{"work_kind_empty", withRequest(func(r *Request) { r.WorkKind = "" }), gasrisk.EINVALID,
			`work_kind "": want one of excavation, drilling, piling, blasting, trenchless, building, earth_borrow, open_flame`},
		{"work_kind_unknown", withRequest(func(r *Request) { r.WorkKind = "mining" }), gasrisk.EINVALID, `work_kind "mining"`},
		{"work_kind_upper_case", withRequest(func(r *Request) { r.WorkKind = "Excavation" }), gasrisk.EINVALID, `work_kind "Excavation"`},
		{"work_kind_with_space", withRequest(func(r *Request) { r.WorkKind = "piling " }), gasrisk.EINVALID, `work_kind "piling "`},
		// The work kind is checked first.
		{"work_kind_before_depth", Request{WorkKind: "x", DepthM: -1}, gasrisk.EINVALID, "work_kind"},

		// Depth: 0–200 m inclusive; outside is well-formed but impossible (422).
		{"depth_zero", withRequest(func(r *Request) { r.DepthM = 0 }), "", ""},
		{"depth_negative_zero", withRequest(func(r *Request) { r.DepthM = math.Copysign(0, -1) }), "", ""},
		{"depth_max", withRequest(func(r *Request) { r.DepthM = MaxDepthM }), "", ""},
		{"depth_just_under_max", withRequest(func(r *Request) { r.DepthM = MaxDepthM - 0.01 }), "", ""},
		{"depth_below_zero", withRequest(func(r *Request) { r.DepthM = -0.01 }), gasrisk.EUNPROCESSABLE, "depth_m -0.01: want 0–200 metres"},
		{"depth_tiny_negative", withRequest(func(r *Request) { r.DepthM = -math.SmallestNonzeroFloat64 }), gasrisk.EUNPROCESSABLE, "depth_m"},
		{"depth_over_max", withRequest(func(r *Request) { r.DepthM = MaxDepthM + 0.01 }), gasrisk.EUNPROCESSABLE, "depth_m 200.01"},
		{"depth_next_float_over_max", withRequest(func(r *Request) { r.DepthM = math.Nextafter(MaxDepthM, math.Inf(1)) }), gasrisk.EUNPROCESSABLE, "depth_m"},
		{"depth_nan", withRequest(func(r *Request) { r.DepthM = math.NaN() }), gasrisk.EUNPROCESSABLE, "depth_m NaN"},
		{"depth_plus_inf", withRequest(func(r *Request) { r.DepthM = math.Inf(1) }), gasrisk.EUNPROCESSABLE, "depth_m +Inf"},
		{"depth_minus_inf", withRequest(func(r *Request) { r.DepthM = math.Inf(-1) }), gasrisk.EUNPROCESSABLE, "depth_m -Inf"},

		// Applicant: 1–200 characters once trimmed, no control characters,
		// valid UTF-8 (400).
		{"applicant_empty", withRequest(func(r *Request) { r.Applicant = "" }), gasrisk.EINVALID, "applicant: want 1–200 characters"},
		{"applicant_spaces_only", withRequest(func(r *Request) { r.Applicant = "   " }), gasrisk.EINVALID, "applicant: want 1–200"},
		{"applicant_ideographic_space_only", withRequest(func(r *Request) { r.Applicant = "\u3000" }), gasrisk.EINVALID, "applicant: want 1–200"},
		{"applicant_one_char", withRequest(func(r *Request) { r.Applicant = "A" }), "", ""},
		{"applicant_max_chars", withRequest(func(r *Request) { r.Applicant = strings.Repeat("a", MaxApplicantLen) }), "", ""},
		{"applicant_one_char_over", withRequest(func(r *Request) { r.Applicant = strings.Repeat("a", MaxApplicantLen+1) }), gasrisk.EINVALID, "applicant: want 1–200"},
		// The limit is in characters, as the message says (it was in bytes:
		// 67 Chinese characters, 201 bytes, were refused): 200 Chinese
		// characters (600 bytes) fit, 201 do not.
		{"applicant_chinese_max_chars", withRequest(func(r *Request) { r.Applicant = strings.Repeat("建", MaxApplicantLen) }), "", ""},
		{"applicant_chinese_67_chars", withRequest(func(r *Request) { r.Applicant = strings.Repeat("建", 67) }), "", ""},
		{"applicant_chinese_one_char_over", withRequest(func(r *Request) { r.Applicant = strings.Repeat("建", MaxApplicantLen+1) }), gasrisk.EINVALID, "applicant: want 1–200"},
		// Spaces around do not count (they did: the untrimmed string was
		// measured); spaces inside do.
		{"applicant_spaces_around_not_counted", withRequest(func(r *Request) { r.Applicant = " " + strings.Repeat("a", MaxApplicantLen) + "  " }), "", ""},
		{"applicant_ideographic_spaces_around", withRequest(func(r *Request) { r.Applicant = "\u3000" + strings.Repeat("建", MaxApplicantLen) + "\u3000" }), "", ""},
		{"applicant_spaces_around_over", withRequest(func(r *Request) { r.Applicant = " " + strings.Repeat("a", MaxApplicantLen+1) + " " }), gasrisk.EINVALID, "applicant: want 1–200"},
		{"applicant_space_inside_counts", withRequest(func(r *Request) { r.Applicant = strings.Repeat("a", 100) + " " + strings.Repeat("a", 100) }), gasrisk.EINVALID, "applicant: want 1–200"},
		{"applicant_chinese", withRequest(func(r *Request) { r.Applicant = "某某建设集团有限公司第三项目部" }), "", ""},
		{"applicant_nul", withRequest(func(r *Request) { r.Applicant = "Firm\x00A" }), gasrisk.EINVALID, "applicant: control characters or invalid UTF-8"},
		{"applicant_newline", withRequest(func(r *Request) { r.Applicant = "Firm\nA" }), gasrisk.EINVALID, "control characters"},
		{"applicant_tab", withRequest(func(r *Request) { r.Applicant = "Firm\tA" }), gasrisk.EINVALID, "control characters"},
		{"applicant_trailing_newline", withRequest(func(r *Request) { r.Applicant = "Firm A\n" }), gasrisk.EINVALID, "control characters"},
		{"applicant_escape", withRequest(func(r *Request) { r.Applicant = "Firm \x1b[31mA" }), gasrisk.EINVALID, "control characters"},
		{"applicant_del", withRequest(func(r *Request) { r.Applicant = "Firm\x7fA" }), gasrisk.EINVALID, "control characters"},
		{"applicant_c1_control", withRequest(func(r *Request) { r.Applicant = "Firm\u0085A" }), gasrisk.EINVALID, "control characters"},
		{"applicant_invalid_utf8", withRequest(func(r *Request) { r.Applicant = "Firm \xff" }), gasrisk.EINVALID, "invalid UTF-8"},
		{"applicant_truncated_utf8", withRequest(func(r *Request) { r.Applicant = "建"[:2] + "x" }), gasrisk.EINVALID, "invalid UTF-8"},
		{"applicant_encoded_replacement_char", withRequest(func(r *Request) { r.Applicant = "Firm \uFFFD" }), "", ""},

		// Dates: YYYY-MM-DD (400).
		{"start_empty", withRequest(func(r *Request) { r.Start = "" }), gasrisk.EINVALID, `start "": want a date YYYY-MM-DD`},
		{"start_slashes", withRequest(func(r *Request) { r.Start = "2026/12/01" }), gasrisk.EINVALID, `start "2026/12/01"`},
		{"start_no_leading_zeros", withRequest(func(r *Request) { r.Start = "2026-12-1" }), gasrisk.EINVALID, `start "2026-12-1"`},
		{"start_day_first", withRequest(func(r *Request) { r.Start = "01-12-2026" }), gasrisk.EINVALID, `start "01-12-2026"`},
		{"start_no_such_day", withRequest(func(r *Request) { r.Start = "2026-02-29" }), gasrisk.EINVALID, `start "2026-02-29"`},
		{"start_with_time", withRequest(func(r *Request) { r.Start = "2026-12-01T08:00:00Z" }), gasrisk.EINVALID, `start "2026-12-01T08:00:00Z"`},
		{"start_with_space", withRequest(func(r *Request) { r.Start = " 2026-12-01" }), gasrisk.EINVALID, "start"},
		{"start_leap_day", withRequest(func(r *Request) { r.Start, r.End = "2028-02-29", "2028-03-01" }), "", ""},
		{"end_empty", withRequest(func(r *Request) { r.End = "" }), gasrisk.EINVALID, `end "": want a date YYYY-MM-DD`},
		{"end_slashes", withRequest(func(r *Request) { r.End = "2026/12/20" }), gasrisk.EINVALID, `end "2026/12/20"`},
		{"end_month_13", withRequest(func(r *Request) { r.End = "2026-13-01" }), gasrisk.EINVALID, `end "2026-13-01"`},
		{"end_compact", withRequest(func(r *Request) { r.End = "20261220" }), gasrisk.EINVALID, `end "20261220"`},
		// A malformed start is reported before a malformed end.
		{"start_before_end_errors", withRequest(func(r *Request) { r.Start, r.End = "x", "y" }), gasrisk.EINVALID, `start "x"`},

		// Order and span of the dates (422).
		{"end_equals_start", withRequest(func(r *Request) { r.End = r.Start }), "", ""},
		{"end_day_before_start", withRequest(func(r *Request) { r.End = "2026-11-30" }), gasrisk.EUNPROCESSABLE, "end 2026-11-30 is before start 2026-12-01"},
		{"end_year_before_start", withRequest(func(r *Request) { r.End = "2025-12-01" }), gasrisk.EUNPROCESSABLE, "is before start"},
		{"span_max_days", withRequest(func(r *Request) { r.Start, r.End = "2026-01-01", addDays("2026-01-01", MaxPermitDays) }), "", ""},
		{"span_max_days_over_leap_year", withRequest(func(r *Request) { r.Start, r.End = "2027-06-01", addDays("2027-06-01", MaxPermitDays) }), "", ""},
		{"span_one_day_over", withRequest(func(r *Request) { r.Start, r.End = "2026-01-01", addDays("2026-01-01", MaxPermitDays+1) }),
			gasrisk.EUNPROCESSABLE, "works from 2026-01-01 to 2029-01-04: a permit spans at most 1098 days"},
		{"span_ten_years", withRequest(func(r *Request) { r.Start, r.End = "2026-01-01", "2036-01-01" }), gasrisk.EUNPROCESSABLE, "at most 1098 days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.r.Validate()
			if tc.wantCode == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want no error", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want %s", tc.wantCode)
			}
			if code := gasrisk.ErrorCode(err); code != tc.wantCode {
				t.Errorf("ErrorCode(%v) = %q, want %q", err, code, tc.wantCode)
			}
			if !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("Validate() = %q, want it to contain %q", err, tc.wantText)
			}
		})
	}
}

// TestMaxPermitDays: three years, leap days included.
func TestMaxPermitDays(t *testing.T) {
	if MaxPermitDays != 1098 {
		t.Errorf("MaxPermitDays = %d, want 3 × 366", MaxPermitDays)
	}
	if got := addDays("2026-01-01", MaxPermitDays); got != "2029-01-03" {
		t.Errorf("2026-01-01 + %d days = %s", MaxPermitDays, got)
	}
}

func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	if p.MaxAreaM2 != 250_000 {
		t.Errorf("MaxAreaM2 = %v, want 250000 (0.25 km²)", p.MaxAreaM2)
	}
	if p.MaxLengthM != 5_000 {
		t.Errorf("MaxLengthM = %v, want 5000", p.MaxLengthM)
	}
}

func TestPolicyRanges(t *testing.T) {
	classes := riskmodel.PressureClasses()
	// GB 55009-2021 §5.1.6–5.1.7 as docs/api.md gives them, in class order
	// LP, MPB, MPA, SHPB, SHPA, HPB, HPA.
	protection := []float64{0.5, 0.5, 0.5, 1.5, 1.5, 5, 5}
	control := []float64{5, 5, 5, 15, 15, 50, 50}
	scaled := func(m float64) []float64 {
		out := make([]float64, len(control))
		for i, c := range control {
			out[i] = c * m
		}
		return out
	}
	custom := func(mult map[string]float64, prot, ctrl map[string]float64) Policy {
		return Policy{Detection: riskmodel.Detection{ProtectionRangeM: prot, ControlRangeM: ctrl, WorkRangeMultiplier: mult}}
	}
	uniform := func(v float64) map[string]float64 {
		m := map[string]float64{}
		for _, c := range classes {
			m[c] = v
		}
		return m
	}
	for _, tc := range []struct {
		name       string
		p          Policy
		kind       string
		protection []float64
		reach      []float64
		widest     float64
	}{
		{"default_excavation_x1", DefaultPolicy(), "excavation", protection, control, 50},
		{"default_drilling_x1", DefaultPolicy(), "drilling", protection, control, 50},
		{"default_piling_x2", DefaultPolicy(), "piling", protection, scaled(2), 100},
		{"default_trenchless_x2", DefaultPolicy(), "trenchless", protection, scaled(2), 100},
		{"default_blasting_x4", DefaultPolicy(), "blasting", protection, scaled(4), 200},
		{"default_building_x1", DefaultPolicy(), "building", protection, control, 50},
		{"default_earth_borrow_x1", DefaultPolicy(), "earth_borrow", protection, control, 50},
		{"default_open_flame_x1", DefaultPolicy(), "open_flame", protection, control, 50},
		// No multiplier for the kind: ×1.
		{"default_unknown_kind_x1", DefaultPolicy(), "mining", protection, control, 50},
		{"multiplier_under_1_is_1", custom(map[string]float64{"piling": 0.5}, uniform(1), uniform(10)), "piling",
			[]float64{1, 1, 1, 1, 1, 1, 1}, []float64{10, 10, 10, 10, 10, 10, 10}, 10},
		{"multiplier_zero_is_1", custom(map[string]float64{"piling": 0}, uniform(1), uniform(10)), "piling",
			[]float64{1, 1, 1, 1, 1, 1, 1}, []float64{10, 10, 10, 10, 10, 10, 10}, 10},
		{"multiplier_negative_is_1", custom(map[string]float64{"piling": -3}, uniform(1), uniform(10)), "piling",
			[]float64{1, 1, 1, 1, 1, 1, 1}, []float64{10, 10, 10, 10, 10, 10, 10}, 10},
		{"multiplier_exactly_1", custom(map[string]float64{"piling": 1}, uniform(1), uniform(10)), "piling",
			[]float64{1, 1, 1, 1, 1, 1, 1}, []float64{10, 10, 10, 10, 10, 10, 10}, 10},
		{"multiplier_1_5", custom(map[string]float64{"piling": 1.5}, uniform(1), uniform(10)), "piling",
			[]float64{1, 1, 1, 1, 1, 1, 1}, []float64{15, 15, 15, 15, 15, 15, 15}, 15},
		// The reach is never inside the protection range.
		{"reach_at_least_protection", custom(nil, uniform(8), uniform(5)), "excavation",
			[]float64{8, 8, 8, 8, 8, 8, 8}, []float64{8, 8, 8, 8, 8, 8, 8}, 8},
		{"class_without_control_range", custom(nil, uniform(2), map[string]float64{"LP": 6}), "excavation",
			[]float64{2, 2, 2, 2, 2, 2, 2}, []float64{6, 2, 2, 2, 2, 2, 2}, 6},
		// The widest reach is the largest of any class, wherever it is.
		{"widest_in_lowest_class", custom(map[string]float64{"blasting": 3}, uniform(0),
			map[string]float64{"LP": 30, "MPB": 1, "MPA": 1, "SHPB": 1, "SHPA": 1, "HPB": 1, "HPA": 1}), "blasting",
			[]float64{0, 0, 0, 0, 0, 0, 0}, []float64{90, 3, 3, 3, 3, 3, 3}, 90},
		{"empty_policy", Policy{}, "excavation", []float64{0, 0, 0, 0, 0, 0, 0}, []float64{0, 0, 0, 0, 0, 0, 0}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ranges, widest := tc.p.Ranges(tc.kind)
			if len(ranges) != len(classes) {
				t.Fatalf("Ranges(%s) has %d ranges, want one per class (%d)", tc.kind, len(ranges), len(classes))
			}
			for i, r := range ranges {
				if r.PressureClass != classes[i] {
					t.Errorf("range %d is for %s, want %s", i, r.PressureClass, classes[i])
				}
				if r.ProtectionM != tc.protection[i] {
					t.Errorf("%s protection = %v m, want %v", r.PressureClass, r.ProtectionM, tc.protection[i])
				}
				if r.ReachM != tc.reach[i] {
					t.Errorf("%s reach = %v m, want %v", r.PressureClass, r.ReachM, tc.reach[i])
				}
			}
			if widest != tc.widest {
				t.Errorf("widest reach = %v m, want %v", widest, tc.widest)
			}
		})
	}
}

// TestDecideTable: every work kind in every zone. Inside a protection
// range 《城镇燃气管理条例》 第三十三条 prohibits building over the pipe,
// blasting, earth borrowing and open flame (denied); 第三十四条 allows
// excavation, drilling, piling and trenchless works with a protection
// scheme (conditional). It denied every kind there before.
func TestDecideTable(t *testing.T) {
	const clear, cond, denied = DecisionClear, DecisionConditional, DecisionDenied
	want := map[string]struct{ none, control, protection string }{
		"excavation":   {clear, cond, cond},
		"drilling":     {clear, cond, cond},
		"piling":       {clear, cond, cond},
		"trenchless":   {clear, cond, cond},
		"blasting":     {clear, cond, denied},
		"building":     {clear, cond, denied},
		"earth_borrow": {clear, cond, denied},
		"open_flame":   {clear, cond, denied},
		// A kind the request's validation refuses: other activities (第三十三条 (五)).
		"mining": {clear, cond, denied},
		"":       {clear, cond, denied},
	}
	for _, kind := range riskmodel.WorkKinds() {
		if _, ok := want[kind]; !ok {
			t.Errorf("work kind %q has no row in the decision table", kind)
		}
	}
	for kind, w := range want {
		for _, tc := range []struct {
			zone string
			segs []Segment
			want string
		}{
			{"none", nil, w.none},
			{"control", []Segment{seg("P-1", ZoneControl, "LP")}, w.control},
			{"protection", []Segment{seg("P-1", ZoneProtection, "LP")}, w.protection},
			{"protection_among_control", []Segment{seg("P-2", ZoneControl, "HPA"), seg("P-3", ZoneControl, "LP"),
				seg("P-1", ZoneProtection, "MPA")}, w.protection},
		} {
			t.Run(kind+"_"+tc.zone, func(t *testing.T) {
				if got := Decide(kind, tc.segs); got != tc.want {
					t.Errorf("Decide(%q, %s) = %q, want %q", kind, tc.zone, got, tc.want)
				}
			})
		}
	}
}

func TestDecide(t *testing.T) {
	prot := func(id string) Segment { return Segment{PipeID: id, Zone: ZoneProtection} }
	ctrl := func(id string) Segment { return Segment{PipeID: id, Zone: ZoneControl} }
	for _, tc := range []struct {
		name string
		kind string
		segs []Segment
		want string
	}{
		{"nil_clear", "blasting", nil, DecisionClear},
		{"empty_clear", "blasting", []Segment{}, DecisionClear},
		{"one_control_conditional", "blasting", []Segment{ctrl("P-1")}, DecisionConditional},
		{"many_control_conditional", "blasting", []Segment{ctrl("P-1"), ctrl("P-2"), ctrl("P-1")}, DecisionConditional},
		{"one_protection_denied", "blasting", []Segment{prot("P-1")}, DecisionDenied},
		{"protection_first_denied", "open_flame", []Segment{prot("P-1"), ctrl("P-2")}, DecisionDenied},
		{"protection_last_denied", "earth_borrow", []Segment{ctrl("P-2"), ctrl("P-3"), prot("P-1")}, DecisionDenied},
		{"same_pipe_both_zones_denied", "building", []Segment{ctrl("P-1"), prot("P-1")}, DecisionDenied},
		{"protection_excavation_conditional", "excavation", []Segment{prot("P-1")}, DecisionConditional},
		{"protection_last_piling_conditional", "piling", []Segment{ctrl("P-2"), ctrl("P-3"), prot("P-1")}, DecisionConditional},
		// Every segment passed is within reach: one without a zone is not
		// in the protection range, so it calls for the measures.
		{"zone_unset_conditional", "blasting", []Segment{{PipeID: "P-1"}}, DecisionConditional},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Decide(tc.kind, tc.segs); got != tc.want {
				t.Errorf("Decide = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestProhibition: the item of 第三十三条 for each kind.
func TestProhibition(t *testing.T) {
	for _, tc := range []struct {
		kind, item string
		prohibited bool
	}{
		{"excavation", "", false}, {"drilling", "", false}, {"piling", "", false}, {"trenchless", "", false},
		{"building", Article33Occupation, true},
		{"blasting", Article33Blasting, true}, {"earth_borrow", Article33Blasting, true}, {"open_flame", Article33Blasting, true},
		{"mining", Article33Other, true},
	} {
		item, prohibited := Prohibition(tc.kind)
		if item != tc.item || prohibited != tc.prohibited {
			t.Errorf("Prohibition(%q) = %q, %v; want %q, %v", tc.kind, item, prohibited, tc.item, tc.prohibited)
		}
	}
}

func TestZoneOf(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		distanceM, protection float64
		want                  string
	}{
		{"touching", 0, 0.5, ZoneProtection},
		{"inside", 0.25, 0.5, ZoneProtection},
		{"just_inside", math.Nextafter(0.5, 0), 0.5, ZoneProtection},
		{"on_the_edge_lp", 0.5, 0.5, ZoneProtection},
		{"just_outside_lp", math.Nextafter(0.5, 1), 0.5, ZoneControl},
		{"a_centimetre_outside_lp", 0.51, 0.5, ZoneControl},
		{"on_the_edge_shp", 1.5, 1.5, ZoneProtection},
		{"outside_shp", 1.51, 1.5, ZoneControl},
		{"on_the_edge_hp", 5, 5, ZoneProtection},
		{"outside_hp", 5.01, 5, ZoneControl},
		{"far_control", 49.9, 5, ZoneControl},
		{"no_protection_range_touching", 0, 0, ZoneProtection},
		{"no_protection_range_apart", 0.01, 0, ZoneControl},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ZoneOf(tc.distanceM, tc.protection); got != tc.want {
				t.Errorf("ZoneOf(%v, %v) = %q, want %q", tc.distanceM, tc.protection, got, tc.want)
			}
		})
	}
}

// TestZoneOfRanges: with the default ranges, the edge of every class's
// protection range is protection and the edge of its reach control.
func TestZoneOfRanges(t *testing.T) {
	for _, kind := range riskmodel.WorkKinds() {
		ranges, _ := DefaultPolicy().Ranges(kind)
		for _, r := range ranges {
			t.Run(kind+"_"+r.PressureClass, func(t *testing.T) {
				got := []string{ZoneOf(r.ProtectionM, r.ProtectionM), ZoneOf(r.ProtectionM+0.01, r.ProtectionM), ZoneOf(r.ReachM, r.ProtectionM)}
				if want := []string{ZoneProtection, ZoneControl, ZoneControl}; !slices.Equal(got, want) {
					t.Errorf("zones at protection %v, +0.01, reach %v = %v, want %v", r.ProtectionM, r.ReachM, got, want)
				}
			})
		}
	}
}
