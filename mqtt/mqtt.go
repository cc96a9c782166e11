// Package mqtt takes live detectors' readings from an MQTT broker: one
// topic per detector, gasrisk/sensors/{id}/readings, a JSON reading per
// message at QoS 1. It batches the messages into the sensors store and
// acknowledges each only once it is stored (or refused for good), so a
// reading is lost neither to a crash of gasrisk nor to a busy database.
package mqtt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gasrisk"
	"gasrisk/data/sensors"
)

// TopicFilter subscribes to every detector's readings.
const TopicFilter = "gasrisk/sensors/+/readings"

// Topic is the topic detector id publishes its readings to.
func Topic(id string) string { return "gasrisk/sensors/" + id + "/readings" }

// sensorOf returns the detector id of a readings topic.
func sensorOf(topic string) (string, bool) {
	parts := strings.Split(topic, "/")
	if len(parts) != 4 || parts[0] != "gasrisk" || parts[1] != "sensors" || parts[3] != "readings" || parts[2] == "" {
		return "", false
	}
	return parts[2], true
}

// payload is a reading as published: sensor_id may be left out (the
// topic names the detector) but must match the topic when given.
type payload struct {
	SensorID *string  `json:"sensor_id"`
	At       *string  `json:"at"`
	Value    *float64 `json:"value"`
	Unit     *string  `json:"unit"`
}

// Decode reads the reading a message on topic carries.
func Decode(topic string, body []byte) (sensors.Reading, error) {
	id, ok := sensorOf(topic)
	if !ok {
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "topic %q: want %s", topic, Topic("{id}"))
	}
	var p payload
	if err := json.Unmarshal(body, &p); err != nil {
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading of %s: malformed JSON: %v", id, err)
	}
	switch {
	case p.SensorID != nil && *p.SensorID != id:
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading of %s: sensor_id %q does not match the topic", id, *p.SensorID)
	case p.At == nil || p.Value == nil || p.Unit == nil:
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading of %s: want at, value and unit", id)
	}
	at, err := time.Parse(time.RFC3339Nano, *p.At)
	if err != nil {
		return sensors.Reading{}, gasrisk.Errorf(gasrisk.EINVALID, "reading of %s: at %q is not an RFC 3339 time", id, *p.At)
	}
	return sensors.Reading{SensorID: id, At: at, Value: *p.Value, Unit: *p.Unit}, nil
}

// Ingester stores readings (data/sensors implements it).
type Ingester interface {
	Ingest(ctx context.Context, rs []sensors.Reading, source string) (sensors.Result, error)
}

// refused reports whether err refuses the input (it will never be
// stored) rather than says the store is unavailable.
func refused(err error) bool {
	switch gasrisk.ErrorCode(err) {
	case gasrisk.EINVALID, gasrisk.EUNPROCESSABLE, gasrisk.ETOOLARGE:
		return true
	}
	return false
}

// store ingests a batch; when the batch is refused, it stores its
// readings one by one so that one bad reading costs only itself. It
// returns what was stored and the refusals; err is a failure of the
// store, after which nothing may be acknowledged.
func store(ctx context.Context, ing Ingester, rs []sensors.Reading) (sensors.Result, []error, error) {
	res, err := ing.Ingest(ctx, rs, sensors.SourceMQTT)
	switch {
	case err == nil:
		return res, nil, nil
	case !refused(err) || len(rs) == 1:
		if refused(err) {
			return sensors.Result{}, []error{err}, nil
		}
		return sensors.Result{}, nil, err
	}
	var all sensors.Result
	var bad []error
	for _, r := range rs {
		res, err := ing.Ingest(ctx, []sensors.Reading{r}, sensors.SourceMQTT)
		switch {
		case refused(err):
			bad = append(bad, fmt.Errorf("%s at %s: %w", r.SensorID, r.At.Format(time.RFC3339), err))
			continue
		case err != nil:
			return all, bad, err
		}
		all.Received += res.Received
		all.Stored += res.Stored
		all.Raised = append(all.Raised, res.Raised...)
		all.Updated = append(all.Updated, res.Updated...)
	}
	return all, bad, nil
}

// errClosed ends the subscriber's loop.
var errClosed = errors.New("mqtt: subscriber closed")
