package mqtt

import (
	"testing"
	"time"
)

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, topic, body string
		ok                bool
	}{
		{"topic names the sensor", "gasrisk/sensors/M-1/readings", `{"at":"2026-12-06T10:00:00+08:00","value":12.5,"unit":"%LEL"}`, true},
		{"matching sensor_id", "gasrisk/sensors/M-1/readings", `{"sensor_id":"M-1","at":"2026-12-06T02:00:00Z","value":12.5,"unit":"%LEL"}`, true},
		{"other sensor_id", "gasrisk/sensors/M-1/readings", `{"sensor_id":"M-2","at":"2026-12-06T02:00:00Z","value":1,"unit":"%LEL"}`, false},
		{"no value", "gasrisk/sensors/M-1/readings", `{"at":"2026-12-06T02:00:00Z","unit":"%LEL"}`, false},
		{"bad time", "gasrisk/sensors/M-1/readings", `{"at":"now","value":1,"unit":"%LEL"}`, false},
		{"not JSON", "gasrisk/sensors/M-1/readings", `12.5`, false},
		{"other topic", "gasrisk/sensors/M-1/status", `{"at":"2026-12-06T02:00:00Z","value":1,"unit":"%LEL"}`, false},
		{"empty id", "gasrisk/sensors//readings", `{"at":"2026-12-06T02:00:00Z","value":1,"unit":"%LEL"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Decode(tc.topic, []byte(tc.body))
			if (err == nil) != tc.ok {
				t.Fatalf("Decode = %+v, %v; want ok %v", r, err, tc.ok)
			}
			if tc.ok && (r.SensorID != "M-1" || r.Value != 12.5 || !r.At.Equal(time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC))) {
				t.Errorf("Decode = %+v", r)
			}
		})
	}
}
