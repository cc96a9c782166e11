package importer

import (
	"fmt"
	"time"

	"gasrisk/riskmodel"
)

// evidenceLayers are the field records (issue 19): leaks found and
// repaired, line-patrol observations and cathodic-protection readings.
// docs/data-model.md describes their attributes.
func evidenceLayers() map[string]Layer {
	id := Field{Name: "id", Kind: Text}
	pipe := Field{Name: "pipe_id", Kind: Text}
	return map[string]Layer{
		"leaks": {Name: "leaks", Geom: Points, Check: repairedAfterFound, Fields: []Field{id,
			{Name: "found_date", Kind: Date, Required: true},
			{Name: "leak_class", Kind: Int, Min: 1, Max: 3, Required: true},
			{Name: "cause", Kind: Enum, Values: riskmodel.LeakCauses()},
			{Name: "repaired_date", Kind: Date},
			pipe,
		}},
		"patrols": {Name: "patrols", Geom: Points | Lines, Fields: []Field{id,
			{Name: "date", Kind: Date, Required: true},
			{Name: "observer", Kind: Text},
			{Name: "observation", Kind: Enum, Values: riskmodel.PatrolObservations()},
		}},
		"cp_readings": {Name: "cp_readings", Geom: Points, Fields: []Field{id,
			{Name: "date", Kind: Date, Required: true},
			// pipe-to-soil potential against a Cu/CuSO4 reference, mV
			{Name: "potential_mv", Kind: Float, Min: -5000, Max: 5000, Required: true},
			{Name: "pass", Kind: Bool, Required: true},
			pipe,
		}},
	}
}

// EvidenceLayers lists the field-record layers, sorted.
func EvidenceLayers() []string { return []string{"cp_readings", "leaks", "patrols"} }

// repairedAfterFound refuses a leak repaired before it was found (values
// in the leaks layer's field order: id, found_date, leak_class, cause,
// repaired_date, pipe_id).
func repairedAfterFound(values []any) string {
	found, ok1 := values[1].(time.Time)
	repaired, ok2 := values[4].(time.Time)
	if ok1 && ok2 && repaired.Before(found) {
		return fmt.Sprintf("repaired_date %s is before found_date %s", repaired.Format(time.DateOnly), found.Format(time.DateOnly))
	}
	return ""
}

// date parses and range-checks a Date attribute: from 1900 to tomorrow
// (a crew's day may run ahead of the server's clock by a time zone).
func (r *featureReader) date(fld Field, s string) (any, string) {
	d, ok := dateValue(s)
	if !ok {
		return nil, fmt.Sprintf("%s %q is not a date (want YYYY-MM-DD)", fld.Name, clip(s))
	}
	if d.Year() < 1900 {
		return nil, fmt.Sprintf("%s %s is before 1900", fld.Name, s)
	}
	if d.After(r.today.AddDate(0, 0, 1)) {
		return nil, fmt.Sprintf("%s %s is in the future", fld.Name, s)
	}
	return d, ""
}
