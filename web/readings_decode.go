package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"time"

	"gasrisk"
	"gasrisk/data/sensors"
)

// readingBody is one reading as JSON; pointers tell a missing field
// from a zero one.
type readingBody struct {
	SensorID *string  `json:"sensor_id"`
	At       *string  `json:"at"`
	Value    *float64 `json:"value"`
	Unit     *string  `json:"unit"`
}

// DecodeReadings reads a batch of readings: a JSON array of {sensor_id,
// at, value, unit} (application/json, the default) or CSV with a header
// row naming those columns (text/csv). An error names the reading (its
// index, from 0) and the field at fault.
func DecodeReadings(r io.Reader, contentType string) ([]sensors.Reading, error) {
	mt := "application/json"
	if contentType != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(contentType); err != nil {
			return nil, gasrisk.Errorf(gasrisk.EMEDIATYPE, "Content-Type %q: want application/json or text/csv", quote(contentType))
		}
	}
	switch mt {
	case "application/json":
		return decodeReadingsJSON(r)
	case "text/csv":
		return decodeReadingsCSV(r)
	}
	return nil, gasrisk.Errorf(gasrisk.EMEDIATYPE, "Content-Type %q: want application/json or text/csv", quote(mt))
}

func decodeReadingsJSON(r io.Reader) ([]sensors.Reading, error) {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		return nil, readingsBodyError(err, "want a JSON array of readings")
	}
	var out []sensors.Reading
	for i := 0; dec.More(); i++ {
		if i == sensors.MaxBatch {
			return nil, gasrisk.Errorf(gasrisk.ETOOLARGE, "more than %d readings in one request", sensors.MaxBatch)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, readingsBodyError(err, fmt.Sprintf("reading %d: malformed JSON", i))
		}
		rd, err := decodeReadingJSON(i, raw)
		if err != nil {
			return nil, err
		}
		out = append(out, rd)
	}
	if _, err := dec.Token(); err != nil {
		return nil, readingsBodyError(err, "the array of readings does not end")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "unexpected data after the array of readings")
	}
	if len(out) == 0 {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "no readings in the array")
	}
	return out, nil
}

// decodeReadingJSON reads reading i.
func decodeReadingJSON(i int, raw json.RawMessage) (sensors.Reading, error) {
	var b readingBody
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading %d: %s: want %s, not %s", i, te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		}
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading %d: %s", i, quote(strings.TrimPrefix(err.Error(), "json: ")))
	}
	switch {
	case b.SensorID == nil:
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading %d: sensor_id: missing", i)
	case b.At == nil:
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading %d: at: missing", i)
	case b.Value == nil:
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading %d: value: missing", i)
	case b.Unit == nil:
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading %d: unit: missing", i)
	}
	at, err := readingTime(i, *b.At)
	return sensors.Reading{SensorID: *b.SensorID, At: at, Value: *b.Value, Unit: *b.Unit}, err
}

// readingTime parses an RFC 3339 time with its offset.
func readingTime(i int, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, gasrisk.Errorf(gasrisk.EINVALID, "reading %d: at: %q is not an RFC 3339 time such as 2026-12-06T10:00:00+08:00", i, quote(s))
	}
	return t, nil
}

func decodeReadingsCSV(r io.Reader) ([]sensors.Reading, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, readingsBodyError(err, "CSV: want a header row sensor_id,at,value,unit")
	}
	col := map[string]int{}
	for j, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = j
	}
	for _, need := range []string{"sensor_id", "at", "value", "unit"} {
		if _, ok := col[need]; !ok {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "CSV header: no %s column (want sensor_id,at,value,unit)", need)
		}
	}
	var out []sensors.Reading
	for i := 0; ; i++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readingsBodyError(err, fmt.Sprintf("reading %d (CSV line %d): malformed", i, i+2))
		}
		if i == sensors.MaxBatch {
			return nil, gasrisk.Errorf(gasrisk.ETOOLARGE, "more than %d readings in one request", sensors.MaxBatch)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[col["value"]]), 64)
		if err != nil {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "reading %d (CSV line %d): value: %q is not a number", i, i+2, quote(rec[col["value"]]))
		}
		at, err := readingTime(i, rec[col["at"]])
		if err != nil {
			return nil, err
		}
		out = append(out, sensors.Reading{SensorID: strings.TrimSpace(rec[col["sensor_id"]]), At: at, Value: v,
			Unit: strings.TrimSpace(rec[col["unit"]])})
	}
	if len(out) == 0 {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "no readings in the CSV")
	}
	return out, nil
}

// readingsBodyError is a body too large or too slow, else a malformed
// one saying what.
func readingsBodyError(err error, what string) error {
	if berr := bodyError(err); berr != nil {
		return berr
	}
	if err != nil {
		return gasrisk.Errorf(gasrisk.EINVALID, "%s: %s", what, quote(strings.TrimPrefix(err.Error(), "json: ")))
	}
	return gasrisk.Errorf(gasrisk.EINVALID, "%s", what)
}
