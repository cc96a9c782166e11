package web_test

import (
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

// stored counts what readings and alarms the database holds.
func stored(t *testing.T, s datatest.Services) string {
	t.Helper()
	var out string
	err := datatest.Owner(t, s.DB).QueryRow(context.Background(), `SELECT concat_ws(' ', (SELECT count(*) FROM readings),
		(SELECT count(*) FROM alarms), (SELECT count(*) FROM alarm_events), (SELECT count(*) FROM sensor_status))`).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPostReadings(t *testing.T) {
	s := env.SensorsCity(t)
	srv := serve(t, s, web.Config{})
	sensor := newKey(t, s, "gateway", access.RoleSensor)
	editor := newKey(t, s, "duty", access.RoleEditor)
	viewer := newKey(t, s, "wall", access.RoleViewer)
	at := time.Now().UTC().Add(-time.Minute).Format(time.RFC3339)
	reading := func(id string, v float64, unit string) string {
		return fmt.Sprintf(`{"sensor_id":%q,"at":%q,"value":%v,"unit":%q}`, id, at, v, unit)
	}

	// Refused batches name the reading and field, and store nothing.
	for _, tc := range []struct {
		name, body, ctype string
		status            int
		want              string
	}{
		{"not an array", `{"sensor_id":"x"}`, "", 400, "want a JSON array"},
		{"empty", `[]`, "", 400, "no readings"},
		{"missing value", `[` + reading(datatest.SensorManhole, 1, "%LEL") + `,{"sensor_id":"M-open","at":"` + at + `","unit":"%LEL"}]`, "", 400, "reading 1: value: missing"},
		{"value a string", `[` + reading(datatest.SensorManhole, 1, "%LEL") + `,{"sensor_id":"M-open","at":"` + at + `","value":"high","unit":"%LEL"}]`, "", 400, "reading 1: value: want a number"},
		{"bad time", `[{"sensor_id":"M-open","at":"yesterday","value":1,"unit":"%LEL"}]`, "", 400, "reading 0: at"},
		{"unknown field", `[{"sensor_id":"M-open","at":"` + at + `","value":1,"unit":"%LEL","ppm":3}]`, "", 400, "reading 0"},
		{"unknown sensor", `[` + reading(datatest.SensorManhole, 90, "%LEL") + `,` + reading("ghost", 1, "%LEL") + `]`, "", 422, `reading 1: sensor_id: no detector "ghost"`},
		{"wrong unit", `[` + reading(datatest.SensorRegulator, 2, "%LEL") + `]`, "", 422, "reading 0: unit"},
		{"csv bad value", "sensor_id,at,value,unit\nM-open," + at + ",80,%LEL\nM-open," + at + ",lots,%LEL\n", "text/csv", 400, "reading 1 (CSV line 3): value"},
		{"csv no header", "M-open," + at + ",80,%LEL\n", "text/csv", 400, "CSV header"},
		{"xml", `<r/>`, "application/xml", 415, "Content-Type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", srv.URL+"/api/v1/readings", strings.NewReader(tc.body))
			req.Header.Set("Authorization", "Bearer "+sensor)
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var e struct{ Error string }
			json.NewDecoder(resp.Body).Decode(&e)
			resp.Body.Close()
			if resp.StatusCode != tc.status || !strings.Contains(e.Error, tc.want) {
				t.Errorf("%d %q, want %d naming %q", resp.StatusCode, e.Error, tc.status, tc.want)
			}
		})
	}
	if got := stored(t, s); got != "0 0 0 0" {
		t.Fatalf("refused batches stored readings, alarms, events, statuses: %s", got)
	}

	// Only a sensor (or admin) key posts readings.
	body := `[` + reading(datatest.SensorManhole, 64, "%LEL") + `,` + reading(datatest.SensorRegulator, 2.1, "kPa") + `]`
	for _, k := range []struct {
		key    string
		status int
	}{{"", 401}, {viewer, 403}, {editor, 403}} {
		if code, _, b := request(t, "POST", srv.URL+"/api/v1/readings", k.key, body); code != k.status {
			t.Errorf("post with key %q: %d %s, want %d", k.key, code, b, k.status)
		}
	}
	code, _, b := request(t, "POST", srv.URL+"/api/v1/readings", sensor, body)
	var res struct {
		Stored int
		Raised []int64
	}
	json.Unmarshal(b, &res)
	if code != 200 || res.Stored != 2 || len(res.Raised) != 1 {
		t.Fatalf("post: %d %s, want 2 stored and one alarm", code, b)
	}
	// CSV works too; the repeat of a stored reading is ignored.
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/readings",
		strings.NewReader("sensor_id,at,value,unit\r\nM-open,"+at+",64,%LEL\r\nP-reg,"+time.Now().UTC().Format(time.RFC3339)+",2.2,kPa\r\n"))
	req.Header.Set("Authorization", "Bearer "+sensor)
	req.Header.Set("Content-Type", "text/csv; charset=utf-8")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if resp.StatusCode != 200 || res.Stored != 1 {
		t.Errorf("CSV post: %d, stored %d, want 200 and 1", resp.StatusCode, res.Stored)
	}

	// The alarm is listed, with a hazard, and moves through its lifecycle.
	code, _, b = request(t, "GET", srv.URL+"/api/v1/alarms?state=open&sensor_id="+datatest.SensorManhole, "", nil)
	var list struct {
		Alarms []struct {
			ID         int64  `json:"id"`
			Level      string `json:"level"`
			State      string `json:"state"`
			HazardCode string `json:"hazard_code"`
		}
	}
	json.Unmarshal(b, &list)
	if code != 200 || len(list.Alarms) != 1 || list.Alarms[0].Level != "high" || !strings.HasPrefix(list.Alarms[0].HazardCode, "YH-") {
		t.Fatalf("alarms: %d %s", code, b)
	}
	id := list.Alarms[0].ID
	move := fmt.Sprintf("%s/api/v1/alarms/%d/transitions", srv.URL, id)
	for _, step := range []struct {
		key, body string
		status    int
	}{
		{sensor, `{"to":"acknowledged","reason":"seen"}`, 403},
		{editor, `{"to":"dispatched","reason":"crew"}`, 409},
		{editor, `{"to":"acknowledged"}`, 400},
		{editor, `{"to":"acknowledged","reason":"seen on the console"}`, 200},
		{editor, `{"to":"dispatched","reason":"crew 3"}`, 200},
		{editor, `{"to":"false_alarm","reason":"calibration gas"}`, 200},
		{editor, `{"to":"resolved","reason":"again"}`, 409},
	} {
		if code, _, b := request(t, "POST", move, step.key, step.body); code != step.status {
			t.Errorf("move %s: %d %s, want %d", step.body, code, b, step.status)
		}
	}
	code, _, b = request(t, "GET", fmt.Sprintf("%s/api/v1/alarms/%d", srv.URL, id), "", nil)
	var d struct {
		State   string
		History []struct {
			Actor   string `json:"actor"`
			ToState string `json:"to_state"`
		}
	}
	json.Unmarshal(b, &d)
	if code != 200 || d.State != "false_alarm" || len(d.History) != 5 || d.History[4].Actor == "" || !strings.Contains(d.History[4].Actor, "duty") {
		t.Errorf("alarm after the moves: %d %s", code, b)
	}

	// The sensors' status and a detector's readings.
	code, _, b = request(t, "GET", srv.URL+"/api/v1/sensors", "", nil)
	if code != 200 || !strings.Contains(string(b), `"id":"P-reg"`) || !strings.Contains(string(b), `"status":"ok"`) {
		t.Errorf("sensors: %d %s", code, b)
	}
	code, _, b = request(t, "GET", srv.URL+"/api/v1/sensors/M-open/readings", "", nil)
	if code != 200 || strings.Count(string(b), `"sensor_id":"M-open"`) != 2 {
		t.Errorf("readings: %d %s", code, b)
	}
	for _, bad := range []string{"/api/v1/sensors/nope/readings", "/api/v1/sensors/M-open/readings?from=yesterday",
		"/api/v1/alarms?state=closed", "/api/v1/alarms?level=loud", "/api/v1/alarms/x", "/api/v1/alarms/999999"} {
		if code, _, b := request(t, "GET", srv.URL+bad, "", nil); code != 400 && code != 404 {
			t.Errorf("GET %s: %d %s, want 400 or 404", bad, code, b)
		}
	}

	// The answers match the description.
	_, router := loadAPIDoc(t, srv.URL)
	for _, tc := range []struct {
		method, path, key string
		body              []byte
		status            int
	}{
		{"POST", "/api/v1/readings", sensor, []byte(body), 200},
		{"POST", "/api/v1/readings", sensor, []byte(`[` + reading("ghost", 1, "%LEL") + `]`), 422},
		{"GET", "/api/v1/sensors", "", nil, 200},
		{"GET", "/api/v1/sensors/M-open/readings?limit=10", "", nil, 200},
		{"GET", "/api/v1/alarms?state=false_alarm", "", nil, 200},
		{"GET", fmt.Sprintf("/api/v1/alarms/%d", id), "", nil, 200},
		{"GET", "/api/v1/sensors/suggestions?count=5", "", nil, 200},
		{"GET", "/api/v1/sensors/suggestions?count=0", "", nil, 400},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			validateExchange(t, router, srv.URL, tc.key, tc.method, tc.path, tc.body, tc.status)
		})
	}
}
