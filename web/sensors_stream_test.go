package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gasrisk/data/access"
	"gasrisk/data/datatest"
	"gasrisk/web"
)

// TestSensorStream: the live map's stream sends the detectors on
// connecting and again, with the new alarm, after a reading over the
// threshold is posted.
func TestSensorStream(t *testing.T) {
	s := env.SensorsCity(t)
	srv := serve(t, s, web.Config{})
	key := newKey(t, s, "gateway", access.RoleSensor)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/sensors/stream", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("stream: %d %s", resp.StatusCode, ct)
	}
	events := bufio.NewScanner(resp.Body)
	events.Buffer(nil, 1<<24)
	next := func() (st struct {
		Sensors []struct{ ID, Status string }
		Alarms  []struct {
			SensorID string `json:"sensor_id"`
			Level    string
		}
	}) {
		t.Helper()
		for events.Scan() {
			if data, ok := strings.CutPrefix(events.Text(), "data: "); ok {
				if err := json.Unmarshal([]byte(data), &st); err != nil {
					t.Fatal(err)
				}
				return st
			}
		}
		t.Fatalf("the stream ended: %v", events.Err())
		return st
	}
	first := next()
	if len(first.Sensors) != 4 || len(first.Alarms) != 0 {
		t.Fatalf("first event: %+v, want the 4 live detectors and no alarm", first)
	}
	at := time.Now().UTC().Add(-time.Minute).Format(time.RFC3339)
	if code, _, b := request(t, "POST", srv.URL+"/api/v1/readings", key,
		fmt.Sprintf(`[{"sensor_id":%q,"at":%q,"value":35,"unit":"%%LEL"}]`, datatest.SensorBasement, at)); code != 200 {
		t.Fatalf("post: %d %s", code, b)
	}
	for {
		st := next()
		if len(st.Alarms) == 0 {
			continue // an event sent before the reading
		}
		if st.Alarms[0].SensorID != datatest.SensorBasement || st.Alarms[0].Level != "low" {
			t.Errorf("alarms %+v", st.Alarms)
		}
		for _, x := range st.Sensors {
			if x.ID == datatest.SensorBasement && x.Status != "alarm" {
				t.Errorf("detector %s: status %s, want alarm", x.ID, x.Status)
			}
		}
		break
	}
	if code, _, _ := request(t, "GET", srv.URL+"/api/v1/sensors/stream?x=1", "", nil); code != 400 {
		t.Errorf("stream with a parameter: %d, want 400", code)
	}
}
