package importer

import (
	"strings"
	"time"
)

// dateValue reads a calendar day in one of the spellings registers use
// (a timestamp keeps its day).
func dateValue(raw string) (time.Time, bool) {
	s := strings.TrimSpace(raw)
	for _, l := range [...]string{"2006-01-02", "2006/1/2", "2006-1-2", "20060102", "2006.1.2", "2006年1月2日", time.RFC3339,
		"2006-01-02T15:04:05", "2006/01/02 15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(l, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
