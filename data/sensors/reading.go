package sensors

import (
	"math"
	"strings"
	"time"

	"gasrisk"
	"gasrisk/riskmodel"
)

// Reading is one value a detector reported at one instant.
type Reading struct {
	SensorID string    `json:"sensor_id"`
	At       time.Time `json:"at"`
	Value    float64   `json:"value"`
	Unit     string    `json:"unit"`
}

// Sources of readings.
const (
	SourceHTTP = "http"
	SourceMQTT = "mqtt"
)

// MaxBatch is the most readings one Ingest takes.
const MaxBatch = 50000

// futureSlack is how far ahead of the server's clock a reading may be
// stamped (detector clocks drift).
const futureSlack = 5 * time.Minute

// check checks what can be checked of reading i without the database.
func (r Reading) check(i int) error {
	switch {
	case strings.TrimSpace(r.SensorID) == "" || len(r.SensorID) > 100:
		return readingError(gasrisk.EINVALID, i, "sensor_id", "want 1–100 characters")
	case r.At.IsZero():
		return readingError(gasrisk.EINVALID, i, "at", "want an RFC 3339 time with its offset, e.g. 2026-12-06T10:00:00Z")
	case math.IsNaN(r.Value) || math.IsInf(r.Value, 0):
		return readingError(gasrisk.EINVALID, i, "value", "want a finite number")
	case r.Unit == "":
		return readingError(gasrisk.EINVALID, i, "unit", "missing (%s for methane, %s for pressure)", riskmodel.UnitLEL, riskmodel.UnitKPa)
	}
	return nil
}

// readingError names the reading (its index in the batch, from 0) and
// the field at fault.
func readingError(code string, i int, field, format string, args ...any) error {
	return gasrisk.Errorf(code, "reading %d: %s: "+format, append([]any{i, field}, args...)...)
}
