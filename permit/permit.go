// Package permit decides third-party works near the gas network: the
// protection and control ranges a planned dig is checked against, the
// decision (clear, conditional, denied) and the measures the works must
// take. It is pure: data/permits finds the segments within reach and
// stores the tickets.
package permit

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gasrisk"
	"gasrisk/riskmodel"
)

// Decisions of a permit check.
const (
	DecisionClear       = "clear"       // nothing of the network within reach
	DecisionConditional = "conditional" // works need the measures (a protection scheme first inside a protection range)
	DecisionDenied      = "denied"      // a kind of work 《城镇燃气管理条例》 第三十三条 prohibits inside a protection range
)

// Zones a segment can lie in, relative to the work area.
const (
	ZoneProtection = "protection" // within the pipe's protection range (GB 55009-2021 §5.1.6)
	ZoneControl    = "control"    // within its control range × the work kind's multiplier (§5.1.7)
)

// Request is a third party's planned work, as the permit API
// decoded it: the geometry is normalised GeoJSON (EPSG:4326) of a Polygon,
// LineString or Point with checked coordinates.
type Request struct {
	Geometry  json.RawMessage `json:"geometry"`
	WorkKind  string          `json:"work_kind"` // one of riskmodel.WorkKinds
	DepthM    float64         `json:"depth_m"`
	Start     string          `json:"start"` // YYYY-MM-DD
	End       string          `json:"end"`   // YYYY-MM-DD, not before Start
	Applicant string          `json:"applicant"`
}

// Permit request bounds.
const (
	MaxDepthM       = 200.0
	MaxApplicantLen = 200     // characters, spaces around not counted
	MaxPermitDays   = 3 * 366 // a permit spans at most three years
	dateLayout      = time.DateOnly
)

// Validate checks every field but the geometry, which the decoder checks.
func (r Request) Validate() error {
	if !slices.Contains(riskmodel.WorkKinds(), r.WorkKind) {
		return gasrisk.Errorf(gasrisk.EINVALID, "work_kind %q: want one of %s", r.WorkKind,
			strings.Join(riskmodel.WorkKinds(), ", "))
	}
	if !(r.DepthM >= 0 && r.DepthM <= MaxDepthM) {
		return gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "depth_m %v: want 0–%v metres", r.DepthM, MaxDepthM)
	}
	if a := strings.TrimSpace(r.Applicant); a == "" || utf8.RuneCountInString(a) > MaxApplicantLen {
		return gasrisk.Errorf(gasrisk.EINVALID, "applicant: want 1–%d characters", MaxApplicantLen)
	}
	if strings.ContainsFunc(r.Applicant, unicode.IsControl) || !utf8.ValidString(r.Applicant) {
		return gasrisk.Errorf(gasrisk.EINVALID, "applicant: control characters or invalid UTF-8")
	}
	start, err := time.Parse(dateLayout, r.Start)
	if err != nil {
		return gasrisk.Errorf(gasrisk.EINVALID, "start %q: want a date YYYY-MM-DD", r.Start)
	}
	end, err := time.Parse(dateLayout, r.End)
	if err != nil {
		return gasrisk.Errorf(gasrisk.EINVALID, "end %q: want a date YYYY-MM-DD", r.End)
	}
	if end.Before(start) {
		return gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "end %s is before start %s", r.End, r.Start)
	}
	if end.Sub(start) > MaxPermitDays*24*time.Hour {
		return gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "works from %s to %s: a permit spans at most %d days",
			r.Start, r.End, MaxPermitDays)
	}
	return nil
}

// Policy is how permits are checked: the model's protection and
// control ranges and work multipliers, and the largest work accepted.
type Policy struct {
	Detection  riskmodel.Detection
	MaxAreaM2  float64 // largest work area (polygons)
	MaxLengthM float64 // longest work line (lines)
}

// DefaultPolicy uses the default model: work areas up to 0.25 km²
// and lines up to 5 km.
func DefaultPolicy() Policy {
	return Policy{Detection: riskmodel.DefaultConfig().Detection, MaxAreaM2: 250_000, MaxLengthM: 5_000}
}

// Range is what the check searched for one pressure class.
type Range struct {
	PressureClass string  `json:"pressure_class"`
	ProtectionM   float64 `json:"protection_range_m"` // inside: denied or conditional by work kind (Decide)
	ReachM        float64 `json:"reach_m"`            // control range × work multiplier: conditional
}

// Ranges returns, per pressure class, the protection range and the reach
// of a work kind, and the widest reach (the buffer searched).
func (p Policy) Ranges(kind string) ([]Range, float64) {
	d := p.Detection
	mult := d.WorkRangeMultiplier[kind]
	if mult < 1 {
		mult = 1
	}
	var out []Range
	widest := 0.0
	for _, c := range riskmodel.PressureClasses() {
		r := Range{PressureClass: c, ProtectionM: d.ProtectionRangeM[c], ReachM: d.ControlRangeM[c] * mult}
		r.ReachM = max(r.ReachM, r.ProtectionM)
		widest = max(widest, r.ReachM)
		out = append(out, r)
	}
	return out, widest
}

// Segment is a segment of the network within reach of the works.
type Segment struct {
	SegmentID     int64    `json:"segment_id"`
	PipeID        string   `json:"pipe_id"`
	DistanceM     float64  `json:"distance_m"` // horizontal, from the work area to the pipe
	PressureClass string   `json:"pressure_class"`
	Grade         string   `json:"grade"` // "" before the first analysis
	Material      string   `json:"material"`
	DiameterMM    *float64 `json:"diameter_mm"`
	Zone          string   `json:"zone"` // protection or control
	ProtectionM   float64  `json:"protection_range_m"`
	ReachM        float64  `json:"reach_m"`
}

// Measure is one measure the works require, in English and Chinese.
type Measure struct {
	Code   string   `json:"code"`
	Text   string   `json:"text"`
	TextZH string   `json:"text_zh"`
	Pipes  []string `json:"pipes,omitempty"` // the pipes it concerns
}

// Result is the answer to a permit check; it is stored with its
// ticket.
type Result struct {
	TicketID  string    `json:"ticket_id"`
	Decision  string    `json:"decision"`
	WorkKind  string    `json:"work_kind"`
	BufferM   float64   `json:"buffer_m"` // the widest reach searched around the work area
	Ranges    []Range   `json:"ranges"`
	AreaM2    float64   `json:"area_m2"`
	LengthM   float64   `json:"length_m"`
	Segments  []Segment `json:"segments"`
	Measures  []Measure `json:"measures"`
	RunID     int64     `json:"run_id"` // the analysis run whose segments were checked (0: none yet)
	CheckedAt time.Time `json:"checked_at"`
}

// Decide is the decision on works of a kind for the segments within
// reach: none → clear; a segment in the protection zone → denied if
// 《城镇燃气管理条例》 第三十三条 prohibits the kind there (Prohibition), else
// conditional on a protection scheme (第三十四条); only control zones →
// conditional.
func Decide(kind string, segs []Segment) string {
	if len(segs) == 0 {
		return DecisionClear
	}
	inProtection := slices.ContainsFunc(segs, func(s Segment) bool { return s.Zone == ZoneProtection })
	if _, prohibited := Prohibition(kind); inProtection && prohibited {
		return DecisionDenied
	}
	return DecisionConditional
}

// Article 33 items of 《城镇燃气管理条例》 (国务院令第583号): what it prohibits
// inside a protection range.
const (
	Article33Occupation = "一" // 建设占压地下燃气管线的建筑物、构筑物或者其他设施
	Article33Blasting   = "二" // 进行爆破、取土等作业或者动用明火
	Article33Other      = "五" // 其他危及燃气设施安全的活动
)

// schemeKinds are the work kinds 第三十四条 allows inside a protection range
// with a protection scheme agreed with the gas company: 挖掘, 钻探, 打桩,
// 顶进 (敷设管道 is excavation or trenchless).
var schemeKinds = []string{riskmodel.WorkExcavation, riskmodel.WorkDrilling, riskmodel.WorkPiling, riskmodel.WorkTrenchless}

// Prohibition is the item of 第三十三条 that prohibits works of a kind
// inside a protection range, and whether it does: building over the pipe
// (一); blasting, earth borrowing and open flame (二); any kind 第三十四条
// does not name (五, other activities endangering the facilities — the
// request's validation admits none).
func Prohibition(kind string) (item string, prohibited bool) {
	switch {
	case slices.Contains(schemeKinds, kind):
		return "", false
	case kind == riskmodel.WorkBuilding:
		return Article33Occupation, true
	case kind == riskmodel.WorkBlasting || kind == riskmodel.WorkEarthBorrow || kind == riskmodel.WorkOpenFlame:
		return Article33Blasting, true
	}
	return Article33Other, true
}

// ZoneOf is the zone of a segment at distanceM from the works whose
// protection range is protectionM: inside it or on its edge the
// protection zone, else the control zone (the segment is within reach).
func ZoneOf(distanceM, protectionM float64) string {
	if distanceM <= protectionM {
		return ZoneProtection
	}
	return ZoneControl
}
