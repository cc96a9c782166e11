// Package alarm holds the rules of detector alarms: the states of an
// alarm's lifecycle raised → acknowledged → dispatched → resolved or
// false_alarm, the moves allowed between them, and their names in Chinese
// and English. It is pure: data/sensors stores alarms (and migration 0026
// enforces the same moves in the database).
package alarm

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"gasrisk"
)

// States of an alarm.
const (
	Raised       = "raised"       // 报警
	Acknowledged = "acknowledged" // 已确认
	Dispatched   = "dispatched"   // 已派单
	Resolved     = "resolved"     // 已处置
	FalseAlarm   = "false_alarm"  // 误报
)

// States lists the states in lifecycle order.
func States() []string { return []string{Raised, Acknowledged, Dispatched, Resolved, FalseAlarm} }

// moves lists the states each state may move to: forward through the
// lifecycle, to resolved (a silent detector reporting again) or to false
// alarm at any open step. Resolved and false alarm are final.
func moves() map[string][]string {
	return map[string][]string{
		Raised:       {Acknowledged, Resolved, FalseAlarm},
		Acknowledged: {Dispatched, Resolved, FalseAlarm},
		Dispatched:   {Resolved, FalseAlarm},
	}
}

// Allowed lists the states an alarm in state may move to.
func Allowed(state string) []string { return append([]string{}, moves()[state]...) }

// Open reports whether an alarm in state still needs handling.
func Open(state string) bool { return state == Raised || state == Acknowledged || state == Dispatched }

// Check checks a move from one state to another, by actor for reason.
func Check(from, to, actor, reason string) error {
	if !slices.Contains(States(), to) {
		return gasrisk.Errorf(gasrisk.EINVALID, "to: unknown state %q (want one of %s)", to, strings.Join(States(), ", "))
	}
	if strings.TrimSpace(actor) == "" {
		return gasrisk.Errorf(gasrisk.EINVALID, "actor: say who makes the move")
	}
	if strings.TrimSpace(reason) == "" {
		return gasrisk.Errorf(gasrisk.EINVALID, "reason: say why (what was found on site)")
	}
	if next := moves()[from]; !slices.Contains(next, to) {
		allowed := "none, it is closed"
		if len(next) > 0 {
			allowed = strings.Join(next, ", ")
		}
		return gasrisk.Errorf(gasrisk.ECONFLICT, "an alarm in state %s cannot move to %s (allowed: %s)", from, to, allowed)
	}
	return nil
}

// Alarm is one alarm of a live detector.
type Alarm struct {
	ID         int64     `json:"id"`
	Code       string    `json:"code"` // e.g. BJ-000042
	SensorID   string    `json:"sensor_id"`
	SensorKind string    `json:"sensor_kind"`
	Level      string    `json:"level"` // riskmodel.AlarmLevels
	State      string    `json:"state"`
	Unit       string    `json:"unit"`
	FirstAt    time.Time `json:"first_at"` // the first reading that raised it
	FirstValue float64   `json:"first_value"`
	LastAt     time.Time `json:"last_at"` // the latest reading at its level
	LastValue  float64   `json:"last_value"`
	PeakValue  float64   `json:"peak_value"`
	Readings   int       `json:"readings"` // readings at its level while open
	// HazardID is the ledger's hazard it opened or joined (nil: none).
	HazardID   *int64     `json:"hazard_id"`
	HazardCode string     `json:"hazard_code,omitempty"`
	RaisedAt   time.Time  `json:"raised_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	ClosedAt   *time.Time `json:"closed_at"`
	Lon        float64    `json:"lon"`
	Lat        float64    `json:"lat"`
	// Level names in both languages.
	LevelName   string `json:"level_name"`
	LevelNameZH string `json:"level_name_zh"`
}

// Event is one entry of an alarm's append-only history.
type Event struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	Actor     string          `json:"actor"`  // a key ("key:ID:NAME") or "system"
	Action    string          `json:"action"` // raise, acknowledged, dispatched, resolved, false_alarm, hazard
	FromState string          `json:"from_state"`
	ToState   string          `json:"to_state"`
	Reason    string          `json:"reason"`
	Data      json.RawMessage `json:"data"`
}

// Detail is an alarm with its history and the states it may move to.
type Detail struct {
	Alarm
	History []Event  `json:"history"`
	Allowed []string `json:"allowed"`
}
