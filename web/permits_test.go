package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gasrisk/data/access"
	"gasrisk/permit"
	"gasrisk/web"
)

// permitAnswer is the part of a check's answer the tests read.
type permitAnswer struct {
	TicketID string  `json:"ticket_id"`
	Decision string  `json:"decision"`
	BufferM  float64 `json:"buffer_m"`
	Segments []struct {
		SegmentID     int64   `json:"segment_id"`
		PipeID        string  `json:"pipe_id"`
		DistanceM     float64 `json:"distance_m"`
		PressureClass string  `json:"pressure_class"`
		Grade         string  `json:"grade"`
		Zone          string  `json:"zone"`
	} `json:"segments"`
	Measures []struct {
		Code  string   `json:"code"`
		Pipes []string `json:"pipes"`
	} `json:"measures"`
}

func TestPermitCheckDecisions(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	key := newKey(t, s, "Firm A", access.RolePermit)
	for _, tc := range []struct {
		name, wkt, kind, decision, pipe, measure string
	}{
		// Inside the protection range: a dig needs a protection scheme
		// (《城镇燃气管理条例》第三十四条), blasting and open flame are
		// prohibited (第三十三条).
		{"a dig on top of the sub-high pressure main needs a protection scheme", square(95, -5, 10), "excavation", "conditional", "SHPB-1", "protection_scheme"},
		{"blasting on top of the sub-high pressure main is denied", square(95, -5, 10), "blasting", "denied", "SHPB-1", "prohibited"},
		{"a dig 5 m away is conditional", square(95, 5, 10), "excavation", "conditional", "SHPB-1", "supervision"},
		{"a dig 20 m away is clear", square(95, 20, 10), "excavation", "clear", "", "report_unknown"},
		{"piling 20 m away reaches the main", square(95, 20, 10), "piling", "conditional", "SHPB-1", "vibration"},
		{"blasting 40 m away reaches the main", square(95, 40, 10), "blasting", "conditional", "SHPB-1", "blast_plan"},
		{"a dig kilometres away is clear", square(5000, 5000, 20), "excavation", "clear", "", "report_unknown"},
		{"a dig on the LP pipe needs a protection scheme", square(100, 999, 4), "excavation", "conditional", "LP-1", "protection_scheme"},
		{"open flame on the LP pipe is denied", square(100, 999, 4), "open_flame", "denied", "LP-1", "prohibited"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := request(t, "POST", srv.URL+"/api/v1/permits/check", key, permitBody(t, s, tc.wkt, tc.kind))
			if code != 201 {
				t.Fatalf("status %d: %s", code, body)
			}
			var a permitAnswer
			if err := json.Unmarshal(body, &a); err != nil {
				t.Fatal(err)
			}
			if a.Decision != tc.decision {
				t.Fatalf("decision %s, want %s: %s", a.Decision, tc.decision, body)
			}
			if h.Get("Location") != "/api/v1/permits/"+a.TicketID || a.BufferM <= 0 {
				t.Errorf("Location %q for ticket %q, buffer %v", h.Get("Location"), a.TicketID, a.BufferM)
			}
			if tc.pipe == "" && len(a.Segments) != 0 || tc.pipe != "" && (len(a.Segments) == 0 || a.Segments[0].PipeID != tc.pipe) {
				t.Errorf("segments %+v, want the nearest on %q", a.Segments, tc.pipe)
			}
			for _, sg := range a.Segments {
				if sg.Grade == "" || sg.PressureClass == "" || sg.SegmentID == 0 {
					t.Errorf("segment %+v lacks grade, class or id", sg)
				}
			}
			if !slices.ContainsFunc(a.Measures, func(m struct {
				Code  string   `json:"code"`
				Pipes []string `json:"pipes"`
			}) bool {
				return m.Code == tc.measure
			}) {
				t.Errorf("measures %+v lack %s", a.Measures, tc.measure)
			}
		})
	}
}

func TestPermitErrors(t *testing.T) {
	s := permitCity(t)
	cfg := web.Config{Permits: web.PermitConfig{Limits: web.PermitLimits{MaxBodyBytes: 4096, MaxVertices: 50}}}
	cfg.Permits.Policy = permit.DefaultPolicy()
	cfg.Permits.Policy.MaxAreaM2 = 5000
	cfg.Permits.Rate = -1
	srv := serve(t, s, cfg)
	key := newKey(t, s, "Firm A", access.RolePermit)
	viewer := newKey(t, s, "Planner", access.RoleViewer)
	good := permitBody(t, s, square(95, 5, 10), "excavation")
	goodJSON, _ := json.Marshal(good)
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for a, b := range good {
			m[a] = b
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	geom := func(wkt string) json.RawMessage { return json.RawMessage(geomJSON(t, s, wkt, 4326)) }
	bowtie := fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v,%v %v))", x0, y0+50, x0+10, y0+60, x0+10, y0+50, x0, y0+60, x0, y0+50)
	var many []string
	for i := range 60 {
		many = append(many, fmt.Sprintf("%v %v", x0+float64(i), y0+50))
	}
	wantRefused := 0
	for _, tc := range []struct {
		name   string
		key    string
		body   any
		status int
		says   string
	}{
		{"no key", "", good, 401, "API key"},
		{"unknown key", "gsk_not-a-key", good, 401, "unknown"},
		{"viewer key", viewer, good, 403, "permit"},
		{"body over the limit", key, strings.Repeat(" ", 5000) + string(goodJSON), 413, "exceeds"},
		{"empty body", key, "", 400, "empty"},
		{"truncated JSON", key, string(goodJSON[:len(goodJSON)/2]), 400, "truncated"},
		{"not JSON", key, "work_kind=excavation", 400, "invalid JSON"},
		{"an array", key, "[1,2]", 400, "object"},
		{"trailing data", key, string(goodJSON) + "{}", 400, "after"},
		{"depth as a string", key, with("depth_m", "2.5"), 400, "depth_m"},
		{"geometry as a string", key, with("geometry", "POINT(1 2)"), 400, "geometry"},
		{"unknown field", key, with("colour", "red"), 400, "colour"},
		{"missing fields", key, with("work_kind", nil), 400, "work_kind"},
		{"unknown work kind", key, with("work_kind", "tunnelling"), 400, "work_kind"},
		{"bad date", key, with("start", "1 June"), 400, "start"},
		{"unknown geometry type", key, with("geometry", map[string]any{"type": "Circle", "coordinates": []float64{1, 2}}), 400, "Circle"},
		{"position with one number", key, with("geometry", map[string]any{"type": "Point", "coordinates": []float64{114}}), 400, "position"},
		{"latitude out of range", key, with("geometry", map[string]any{"type": "Point", "coordinates": []float64{114.3, 95}}), 422, "WGS84"},
		{"projected coordinates sent as degrees", key, with("geometry", map[string]any{"type": "Point", "coordinates": []float64{x0, y0}}), 422, "WGS84"},
		{"open ring", key, with("geometry", map[string]any{"type": "Polygon", "coordinates": [][][]float64{{{114.3, 30.5}, {114.31, 30.5}, {114.31, 30.51}, {114.3, 30.51}}}}), 422, "closed"},
		{"self-intersecting polygon", key, with("geometry", geom(bowtie)), 422, "Self-intersection"},
		{"degenerate polygon", key, with("geometry", geom(fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v))", x0, y0+50, x0+10, y0+50, x0+20, y0+50, x0, y0+50))), 422, "degenerate"},
		{"one-point line", key, with("geometry", map[string]any{"type": "LineString", "coordinates": [][]float64{{114.3, 30.5}}}), 422, "2 positions"},
		{"too many positions", key, with("geometry", geom("LINESTRING("+strings.Join(many, ",")+")")), 413, "positions"},
		{"area over the maximum", key, with("geometry", geom(square(0, 100, 100))), 413, "maximum"},
		{"end before start", key, with("end", "2026-05-01"), 422, "before"},
		{"negative depth", key, with("depth_m", -3), 422, "depth_m"},
		{"NUL in the applicant", key, with("applicant", "A\u0000B"), 400, "applicant"},
	} {
		if tc.key == key {
			wantRefused++
		}
		t.Run(tc.name, func(t *testing.T) {
			code, h, body := request(t, "POST", srv.URL+"/api/v1/permits/check", tc.key, tc.body)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, body)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(body, &e); err != nil || !strings.Contains(e.Error, tc.says) {
				t.Errorf("error %q (%v), want it to mention %q", e.Error, err, tc.says)
			}
			if code == 401 && h.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	ctx := context.Background()
	var tickets, works, refused int
	s.DB.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM permit_tickets), (SELECT count(*) FROM works),
		(SELECT count(*) FROM audit_log WHERE action = 'permit.check' AND subject = '')`).Scan(&tickets, &works, &refused)
	if tickets != 0 || works != 0 {
		t.Errorf("refused requests left %d tickets and %d works", tickets, works)
	}
	if refused != wantRefused { // every refusal of a permit key's request, not those without one
		t.Errorf("%d refused checks audited, want %d", refused, wantRefused)
	}
}

func TestPermitTicketsBelongToTheirKey(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	a, b := newKey(t, s, "Firm A", access.RolePermit), newKey(t, s, "Firm B", access.RolePermit)
	admin := newKey(t, s, "Ops", access.RoleAdmin)
	code, _, body := request(t, "POST", srv.URL+"/api/v1/permits/check", a, permitBody(t, s, square(95, 5, 10), "excavation"))
	if code != 201 {
		t.Fatalf("check: %d %s", code, body)
	}
	var ans permitAnswer
	json.Unmarshal(body, &ans)
	url := srv.URL + "/api/v1/permits/" + ans.TicketID
	for _, tc := range []struct {
		name, key string
		status    int
	}{
		{"owner", a, 200}, {"another firm", b, 404}, {"admin", admin, 200}, {"no key", "", 401},
		{"not a ticket id", a, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := url
			if tc.name == "not a ticket id" {
				u = srv.URL + "/api/v1/permits/../../etc"
			}
			code, _, body := request(t, "GET", u, tc.key, nil)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, body)
			}
			if code == 200 {
				var tk struct {
					TicketID string          `json:"ticket_id"`
					Caller   string          `json:"caller"`
					Request  json.RawMessage `json:"request"`
					Result   permitAnswer    `json:"result"`
				}
				if err := json.Unmarshal(body, &tk); err != nil || tk.TicketID != ans.TicketID || tk.Caller != "Firm A" ||
					tk.Result.Decision != "conditional" || !strings.Contains(string(tk.Request), "某某建设") {
					t.Errorf("ticket %s (%v)", body, err)
				}
			}
		})
	}
	t.Run("revoked key", func(t *testing.T) {
		if _, err := s.Access.RevokeKey(context.Background(), "Firm A", "test"); err != nil {
			t.Fatal(err)
		}
		if code, _, _ := request(t, "GET", url, a, nil); code != 401 {
			t.Errorf("a revoked key got %d", code)
		}
		if code, _, _ := request(t, "POST", srv.URL+"/api/v1/permits/check", a, permitBody(t, s, square(95, 5, 10), "excavation")); code != 401 {
			t.Errorf("a revoked key checked a permit: %d", code)
		}
	})
}

func TestPermitRateLimit(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{Permits: web.PermitConfig{Rate: 0.5, Burst: 2}})
	a, b := newKey(t, s, "Firm A", access.RolePermit), newKey(t, s, "Firm B", access.RolePermit)
	body := permitBody(t, s, square(5000, 5000, 10), "excavation")
	for i, want := range []int{201, 201, 429} {
		code, h, msg := request(t, "POST", srv.URL+"/api/v1/permits/check", a, body)
		if code != want {
			t.Fatalf("request %d: status %d, want %d: %s", i+1, code, want, msg)
		}
		if code == 429 {
			if ra, err := strconv.Atoi(h.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
				t.Errorf("Retry-After %q", h.Get("Retry-After"))
			}
		}
	}
	if code, _, _ := request(t, "POST", srv.URL+"/api/v1/permits/check", b, body); code != 201 {
		t.Errorf("another key was limited too: %d", code)
	}
	var n int
	s.DB.Pool.QueryRow(context.Background(), `SELECT count(*) FROM permit_tickets`).Scan(&n)
	if n != 3 {
		t.Errorf("%d tickets, want 3", n)
	}
}

func TestPermitAuditTrail(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	key := newKey(t, s, "Firm A", access.RolePermit)
	_, _, body := request(t, "POST", srv.URL+"/api/v1/permits/check", key, permitBody(t, s, square(95, -5, 10), "blasting"))
	var ans permitAnswer
	json.Unmarshal(body, &ans)
	request(t, "POST", srv.URL+"/api/v1/permits/check", key, `{"work_kind":"excavation"}`)
	ctx := context.Background()
	log, err := s.Access.AuditLog(ctx, "", 10)
	if err != nil || len(log) != 3 {
		t.Fatalf("audit log %+v, %v", log, err)
	}
	if log[1].Subject != ans.TicketID || log[1].Outcome != "denied" || !strings.HasSuffix(log[1].Actor, ":Firm A") ||
		log[0].Outcome != "invalid" || log[2].Action != "apikey.create" {
		t.Errorf("audit log %+v", log)
	}
	if _, err := s.DB.Pool.Exec(ctx, `UPDATE audit_log SET outcome = 'clear' WHERE subject = $1`, ans.TicketID); err == nil {
		t.Error("the audit entry of a denied check could be rewritten")
	}
	if _, err := s.DB.Pool.Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Error("the audit log could be deleted")
	}
}

// TestPermitExtremeCoordinates: valid WGS84 far from the working CRS's
// zone (poles, antimeridian, null island) is answered or refused, never
// a server error.
func TestPermitExtremeCoordinates(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{Permits: web.PermitConfig{Rate: -1}})
	key := newKey(t, s, "Firm A", access.RolePermit)
	for _, g := range []string{
		`{"type":"Point","coordinates":[180,90]}`,
		`{"type":"Point","coordinates":[-180,-90]}`,
		`{"type":"Point","coordinates":[0,0]}`,
		`{"type":"LineString","coordinates":[[179.9,0],[-179.9,0]]}`,
		`{"type":"Polygon","coordinates":[[[179,0],[-179,0],[-179,1],[179,1],[179,0]]]}`,
		`{"type":"Polygon","coordinates":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}`,
	} {
		t.Run(g, func(t *testing.T) {
			body := map[string]any{"geometry": json.RawMessage(g), "work_kind": "blasting", "depth_m": 1,
				"start": "2026-07-01", "end": "2026-07-02", "applicant": "x"}
			code, _, msg := request(t, "POST", srv.URL+"/api/v1/permits/check", key, body)
			if code != 201 && code != 413 && code != 422 {
				t.Errorf("status %d: %s", code, msg)
			}
		})
	}
}
