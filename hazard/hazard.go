// Package hazard holds the rules of the hazard ledger (隐患台账): what a
// hazard is, its kinds and their names in Chinese and English, the states
// of the closed loop 排查—整改—复核—销号 and the moves allowed between
// them, and what each move needs. It is pure: the SQL that loads and
// stores hazards is in data/ledger, the analysis that finds them in
// data/analysis.
package hazard

import (
	"encoding/json"
	"time"
)

// Entry is one entry of the hazard ledger (隐患台账). Text fields that are
// not set are "".
type Entry struct {
	ID   int64  `json:"id"`
	Code string `json:"code"` // 隐患编号, e.g. YH-000042
	Kind string `json:"kind"` // one of Kinds
	// Source is "segment" (a stretch of a pipe) or "station".
	Source    string `json:"source"`
	PipeID    string `json:"pipe_id,omitempty"`
	StationID string `json:"station_id,omitempty"`
	// RefLayer and RefID name the other feature: the occupying building,
	// the crossing sewer, the place in a station's spacing.
	RefLayer string `json:"ref_layer,omitempty"`
	RefID    string `json:"ref_id,omitempty"`
	Info     Info   `json:"info"`
	// Description says what and where in English, DescriptionZH in Chinese.
	Description   string `json:"description"`
	DescriptionZH string `json:"description_zh"`
	Grade         string `json:"grade"` // the worst grade of its stretch in the last run that found it
	District      string `json:"district"`
	// DistrictName is the district's name, "" when it has none.
	DistrictName string  `json:"district_name"`
	LengthM      float64 `json:"length_m"`
	State        string  `json:"state"`
	// Listed: under listed supervision (挂牌督办), since it was graded red.
	Listed bool `json:"listed_supervision"`
	// RecheckDue: the latest analysis did not find it; re-check on site.
	// A hazard not closed and not marked is found by the current run.
	RecheckDue bool `json:"recheck_due"`
	// Overdue: planned, and the deadline has passed.
	Overdue           bool       `json:"overdue"`
	Measures          string     `json:"measures"`
	ResponsibleUnit   string     `json:"responsible_unit"`
	ResponsiblePerson string     `json:"responsible_person"`
	Deadline          string     `json:"deadline"` // YYYY-MM-DD
	TemporaryMeasures []string   `json:"temporary_measures"`
	Evidence          string     `json:"evidence"`
	FirstRun          int64      `json:"first_run"` // the run that first found it
	FoundAt           time.Time  `json:"found_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
	ClosedAt          *time.Time `json:"closed_at"`
	Lon               float64    `json:"lon"` // a point on the hazard, EPSG:4326
	Lat               float64    `json:"lat"`
}

// Event is one entry of a hazard's append-only history.
type Event struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`  // a person, an API key, or "analysis"
	Action    string    `json:"action"` // found, plan, rectify, recheck, close, reopen, not_found, found_again, regraded
	FromState string    `json:"from_state"`
	ToState   string    `json:"to_state"`
	Reason    string    `json:"reason"`
	// ReasonZH is the reason in Chinese: the analysis's reasons are
	// written in both languages (Localize), a person's stays as typed.
	ReasonZH string          `json:"reason_zh"`
	Data     json.RawMessage `json:"data"`
	RunID    *int64          `json:"run_id"`
}

// Detail is a hazard with its geometry, history and the states it
// may move to.
type Detail struct {
	Entry
	Geometry json.RawMessage `json:"geometry"` // GeoJSON, EPSG:4326
	History  []Event         `json:"history"`
	Allowed  []string        `json:"allowed"`
}

// DistrictLabel names the hazard's district as people know it: its
// name, else its id.
func (h Entry) DistrictLabel() string {
	if h.DistrictName != "" {
		return h.DistrictName
	}
	return h.District
}

// DateOf is t's calendar date as YYYY-MM-DD, today's when t is zero.
func DateOf(t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	return t.Format(time.DateOnly)
}
