package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gasrisk"
)

func TestStatusOf(t *testing.T) {
	for code, want := range map[string]int{
		gasrisk.EINVALID: 400, gasrisk.EUNAUTHORIZED: 401, gasrisk.EFORBIDDEN: 403, gasrisk.ENOTFOUND: 404,
		gasrisk.ECONFLICT: 409, gasrisk.ETOOLARGE: 413, gasrisk.EUNPROCESSABLE: 422, gasrisk.ERATELIMIT: 429, gasrisk.EMEDIATYPE: 415,
		gasrisk.EUNAVAILABLE: 503, gasrisk.EINTERNAL: 500, "": 500, "bogus": 500,
	} {
		if got := statusOf(code); got != want {
			t.Errorf("statusOf(%q) = %d, want %d", code, got, want)
		}
	}
}

// TestErrorLogsFiveHundreds checks what Error answers and logs: 5xx are
// logged with their op and whole cause chain, which the answer never
// shows; 4xx are not logged.
func TestErrorLogsFiveHundreds(t *testing.T) {
	cause := errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
	for _, tc := range []struct {
		name    string
		err     error
		status  int
		message string
		log     map[string]any // attributes the log line must have; nil: no log line
	}{
		{"internal", gasrisk.Wrap("analysis.Analyze", errors.New("pq: disk full")), 500, "internal error",
			map[string]any{"status": 500.0, "code": "internal", "op": "analysis.Analyze",
				"err": "analysis.Analyze: pq: disk full"}},
		{"unavailable", gasrisk.Wrap("web.moveHazard", gasrisk.E("ledger.Move", gasrisk.EUNAVAILABLE, cause)),
			503, "service unavailable",
			map[string]any{"status": 503.0, "code": "unavailable", "op": "web.moveHazard",
				"err": "web.moveHazard: ledger.Move: service unavailable: " + cause.Error()}},
		{"plain error, no op", errors.New("boom"), 500, "internal error",
			map[string]any{"op": "", "err": "boom"}},
		{"not found is not logged", gasrisk.Wrap("ledger.Move", gasrisk.Errorf(gasrisk.ENOTFOUND, "hazard 7 not found")),
			404, "hazard 7 not found", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			defer slog.SetDefault(slog.Default())
			slog.SetDefault(slog.New(slog.NewJSONHandler(&logs, nil)))

			w := httptest.NewRecorder()
			Error(w, httptest.NewRequest(http.MethodPost, "/api/v1/hazards/7/move", nil), tc.err)

			var body map[string]string
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %q: %v", w.Body, err)
			}
			if w.Code != tc.status || body["error"] != tc.message {
				t.Errorf("answered %d %q, want %d %q", w.Code, body["error"], tc.status, tc.message)
			}
			if strings.Contains(w.Body.String(), "refused") || strings.Contains(w.Body.String(), "disk full") {
				t.Errorf("answer %q shows the cause", w.Body)
			}
			if tc.log == nil {
				if logs.Len() > 0 {
					t.Errorf("logged %s", logs.Bytes())
				}
				return
			}
			var line map[string]any
			if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
				t.Fatalf("log %q: %v", logs.Bytes(), err)
			}
			for k, want := range tc.log {
				if got, ok := line[k]; !ok || got != want {
					t.Errorf("log %s = %v, want %v", k, got, want)
				}
			}
		})
	}
}
