package web_test

import (
	"strings"
	"testing"

	"gasrisk"
	"gasrisk/web"
)

func TestDecodeIsolationRequest(t *testing.T) {
	for _, tt := range []struct {
		body, msg string
	}{
		{`{"segment_id": 7}`, ""},
		{`{"hazard_id": 3}`, ""},
		{`{"point": [114.3, 30.6]}`, ""},
		{``, "empty request body"},
		{`{`, "truncated JSON"},
		{`{}`, "exactly one of segment_id, hazard_id or point"},
		{`{"segment_id": 1, "hazard_id": 2}`, "exactly one"},
		{`{"segment_id": "seven"}`, `field "segment_id"`},
		{`{"point": [114.3]}`, "point: want [lon, lat], got 1 numbers"},
		{`{"point": "114,30"}`, `field "point"`},
		{`{"segment": 7}`, `unknown field "segment"`},
		{`{"segment_id": 7} {}`, "unexpected data after the JSON object"},
	} {
		t.Run(tt.body, func(t *testing.T) {
			_, err := web.DecodeIsolationRequest(strings.NewReader(tt.body))
			if tt.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if gasrisk.ErrorCode(err) != gasrisk.EINVALID || !strings.Contains(gasrisk.ErrorMessage(err), tt.msg) {
				t.Errorf("err = %v, want invalid naming %q", err, tt.msg)
			}
		})
	}
}
