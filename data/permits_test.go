package data_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"gasrisk"
	"gasrisk/data"
)

// permitCity: a sub-high pressure steel main (SHPB: protection 1.5 m,
// control 15 m) along y = baseY and a low pressure PE pipe (LP: 0.5 m /
// 5 m) 1 km north, both 200 m long, in EPSG:32650.
func permitCity(t *testing.T) *data.Store {
	t.Helper()
	s := env.Store(t)
	c := &testCity{}
	c.pipes = []feature{
		{props: map[string]any{"id": "SHPB-1", "material": "steel", "pressure_class": "SHPB", "install_year": 2010,
			"diameter_mm": 300, "district": "D1"}, geom: line(baseX, baseY, baseX+200, baseY)},
		{props: map[string]any{"id": "LP-1", "material": "pe", "pressure_class": "LP", "install_year": 2015,
			"diameter_mm": 110, "district": "D2"}, geom: line(baseX, baseY+1000, baseX+200, baseY+1000)},
	}
	c.load(t, s)
	analyze(t, s)
	return s
}

// wgs84 turns a geometry given as WKT in EPSG:32650 into GeoJSON in
// EPSG:4326, as a third party would send it.
func wgs84(t *testing.T, s *data.Store, wkt string) json.RawMessage {
	t.Helper()
	var g string
	err := s.Pool.QueryRow(context.Background(), `SELECT ST_AsGeoJSON(ST_Transform(ST_GeomFromText($1, 32650), 4326), 9)`,
		wkt).Scan(&g)
	if err != nil {
		t.Fatal(err)
	}
	return json.RawMessage(g)
}

// square is a WKT square of side m whose south-west corner is dx, dy from
// the city's origin.
func square(dx, dy, side float64) string {
	x, y := baseX+dx, baseY+dy
	return fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v,%v %v))", x, y, x+side, y, x+side, y+side, x, y+side, x, y)
}

func permitKey(t *testing.T, s *data.Store, role string) data.APIKey {
	t.Helper()
	k, _, err := s.CreateAPIKey(context.Background(), "firm-"+role, role, "test")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func checkReq(geom json.RawMessage, kind string) data.PermitRequest {
	return data.PermitRequest{Geometry: geom, WorkKind: kind, DepthM: 2, Start: "2026-06-01", End: "2026-07-31",
		Applicant: "某某建设工程有限公司"}
}

func TestPermitDecisions(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, data.RolePermit)
	ctx := context.Background()
	for _, tc := range []struct {
		name, wkt, kind, decision string
		pipes                     []string
		measure                   string
	}{
		{"dig on top of the SHPB main", square(95, -5, 10), "excavation", data.DecisionDenied, []string{"SHPB-1"}, "protection_range"},
		{"dig 5 m north of the main", square(95, 5, 10), "excavation", data.DecisionConditional, []string{"SHPB-1"}, "supervision"},
		{"dig 20 m north of the main", square(95, 20, 10), "excavation", data.DecisionClear, nil, "report_unknown"},
		{"piling 20 m north reaches twice as far", square(95, 20, 10), "piling", data.DecisionConditional, []string{"SHPB-1"}, "vibration"},
		{"piling 40 m north", square(95, 40, 10), "piling", data.DecisionClear, nil, ""},
		{"blasting 40 m north reaches four times as far", square(95, 40, 10), "blasting", data.DecisionConditional, []string{"SHPB-1"}, "blast_plan"},
		{"trenchless bore 25 m north", fmt.Sprintf("LINESTRING(%v %v,%v %v)", baseX, baseY+25, baseX+300, baseY+25), "trenchless", data.DecisionConditional, []string{"SHPB-1"}, "bore_path"},
		{"drill point 3 m from the LP pipe", fmt.Sprintf("POINT(%v %v)", baseX+50, baseY+1003), "drilling", data.DecisionConditional, []string{"LP-1"}, "drill_locate"},
		{"drill point 6 m from the LP pipe", fmt.Sprintf("POINT(%v %v)", baseX+50, baseY+1006), "drilling", data.DecisionClear, nil, ""},
		{"dig kilometres away", square(10000, 10000, 10), "excavation", data.DecisionClear, nil, "report_unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.CheckPermit(ctx, data.PermitCheck{Request: checkReq(wgs84(t, s, tc.wkt), tc.kind),
				Policy: data.DefaultPermitPolicy(), Caller: key})
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != tc.decision {
				t.Fatalf("decision %s, want %s: %+v", res.Decision, tc.decision, res.Segments)
			}
			var pipes []string
			for _, sg := range res.Segments {
				if !slices.Contains(pipes, sg.PipeID) {
					pipes = append(pipes, sg.PipeID)
				}
				if sg.Grade == "" || sg.SegmentID == 0 || sg.DistanceM > sg.ReachM {
					t.Errorf("segment %+v", sg)
				}
			}
			if !slices.Equal(pipes, tc.pipes) {
				t.Errorf("pipes within reach %v, want %v", pipes, tc.pipes)
			}
			if tc.measure != "" && !slices.ContainsFunc(res.Measures, func(m data.Measure) bool { return m.Code == tc.measure }) {
				t.Errorf("measures %+v lack %s", res.Measures, tc.measure)
			}
			if res.TicketID == "" || res.BufferM <= 0 || len(res.Ranges) != 7 {
				t.Errorf("ticket %q, buffer %v, %d ranges", res.TicketID, res.BufferM, len(res.Ranges))
			}
		})
	}
}

func TestPermitDeniedNamesPipeAndMeasures(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, data.RolePermit)
	res, err := s.CheckPermit(context.Background(), data.PermitCheck{Request: checkReq(wgs84(t, s, square(95, -5, 10)), "excavation"),
		Policy: data.DefaultPermitPolicy(), Caller: key})
	if err != nil {
		t.Fatal(err)
	}
	sg := res.Segments[0]
	if sg.PipeID != "SHPB-1" || sg.Zone != data.ZoneProtection || sg.DistanceM != 0 || sg.PressureClass != "SHPB" {
		t.Errorf("nearest segment %+v", sg)
	}
	m := res.Measures[0]
	if m.Code != "protection_range" || !slices.Equal(m.Pipes, []string{"SHPB-1"}) || m.TextZH == "" {
		t.Errorf("first measure %+v", m)
	}
	if !slices.ContainsFunc(res.Measures, func(m data.Measure) bool { return m.Code == "high_pressure" }) {
		t.Errorf("a sub-high pressure main needs the high_pressure measure: %+v", res.Measures)
	}
}

// TestPermitTicketsAndWorks: each check is one ticket and one audit entry;
// works that are not denied feed the next analysis as third-party activity.
func TestPermitTicketsAndWorks(t *testing.T) {
	s := permitCity(t)
	ctx := context.Background()
	key, other, admin := permitKey(t, s, data.RolePermit), permitKey(t, s, data.RolePermit), permitKey(t, s, data.RoleAdmin)
	check := func(wkt string) data.PermitResult {
		res, err := s.CheckPermit(ctx, data.PermitCheck{Request: checkReq(wgs84(t, s, wkt), "excavation"),
			Policy: data.DefaultPermitPolicy(), Caller: key})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	denied, cond := check(square(95, -5, 10)), check(square(95, 5, 10))
	var works int
	s.Pool.QueryRow(ctx, `SELECT count(*) FROM works WHERE id = ANY ($1)`, []string{denied.TicketID, cond.TicketID}).Scan(&works)
	if works != 1 {
		t.Errorf("%d works recorded, want only the conditional one", works)
	}
	tk, err := s.PermitTicket(ctx, cond.TicketID, key)
	if err != nil || tk.Decision != data.DecisionConditional || tk.Caller != key.Name {
		t.Fatalf("ticket %+v, %v", tk, err)
	}
	var stored data.PermitResult
	if err := json.Unmarshal(tk.Result, &stored); err != nil || stored.TicketID != cond.TicketID || len(stored.Segments) == 0 {
		t.Errorf("stored answer %+v, %v", stored, err)
	}
	if _, err := s.PermitTicket(ctx, cond.TicketID, other); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("another key read the ticket: %v", err)
	}
	if _, err := s.PermitTicket(ctx, cond.TicketID, admin); err != nil {
		t.Errorf("admin: %v", err)
	}
	entries, _ := s.AuditLog(ctx, cond.TicketID, 10)
	if len(entries) != 1 || entries[0].Action != "permit.check" || entries[0].Outcome != data.DecisionConditional ||
		entries[0].Actor != key.Actor() {
		t.Errorf("audit %+v", entries)
	}
	analyze(t, s)
	var thirdParty bool
	s.Pool.QueryRow(ctx, `SELECT bool_or(third_party) FROM segments WHERE run_id = (SELECT run_id FROM current_run)
		AND pipe_id = 'SHPB-1'`).Scan(&thirdParty)
	if !thirdParty {
		t.Error("the conditional works did not reach the next analysis as third-party activity")
	}
}

func TestPermitRefusals(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, data.RolePermit)
	ctx := context.Background()
	small := data.DefaultPermitPolicy()
	small.MaxAreaM2, small.MaxLengthM = 1000, 100
	bowtie := fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v,%v %v))", baseX, baseY+50, baseX+10, baseY+60,
		baseX+10, baseY+50, baseX, baseY+60, baseX, baseY+50)
	flat := fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v))", baseX, baseY+50, baseX+10, baseY+50, baseX+20, baseY+50,
		baseX, baseY+50)
	for _, tc := range []struct {
		name, wkt string
		mutate    func(*data.PermitRequest)
		policy    data.PermitPolicy
		code      string
	}{
		{"self-intersecting", bowtie, nil, data.DefaultPermitPolicy(), gasrisk.EUNPROCESSABLE},
		{"zero area", flat, nil, data.DefaultPermitPolicy(), gasrisk.EUNPROCESSABLE},
		{"zero length", fmt.Sprintf("LINESTRING(%v %v,%v %v)", baseX, baseY+50, baseX, baseY+50), nil, data.DefaultPermitPolicy(), gasrisk.EUNPROCESSABLE},
		{"area over the maximum", square(0, 50, 40), nil, small, gasrisk.ETOOLARGE},
		{"line over the maximum", fmt.Sprintf("LINESTRING(%v %v,%v %v)", baseX, baseY+50, baseX+150, baseY+50), nil, small, gasrisk.ETOOLARGE},
		{"unknown work kind", square(0, 50, 10), func(r *data.PermitRequest) { r.WorkKind = "tunnelling" }, small, gasrisk.EINVALID},
		{"end before start", square(0, 50, 10), func(r *data.PermitRequest) { r.End = "2026-05-01" }, small, gasrisk.EUNPROCESSABLE},
		{"negative depth", square(0, 50, 10), func(r *data.PermitRequest) { r.DepthM = -1 }, small, gasrisk.EUNPROCESSABLE},
		{"no applicant", square(0, 50, 10), func(r *data.PermitRequest) { r.Applicant = " " }, small, gasrisk.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := checkReq(wgs84(t, s, tc.wkt), "excavation")
			if tc.mutate != nil {
				tc.mutate(&req)
			}
			_, err := s.CheckPermit(ctx, data.PermitCheck{Request: req, Policy: tc.policy, Caller: key})
			if gasrisk.ErrorCode(err) != tc.code {
				t.Fatalf("error %v (%s), want %s", err, gasrisk.ErrorCode(err), tc.code)
			}
		})
	}
	var tickets, works int
	s.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM permit_tickets), (SELECT count(*) FROM works)`).Scan(&tickets, &works)
	if tickets != 0 || works != 0 {
		t.Errorf("refused checks left %d tickets and %d works", tickets, works)
	}
}

func TestPermitBeforeAnyImport(t *testing.T) {
	s := env.Store(t)
	key := permitKey(t, s, data.RolePermit)
	req := checkReq(json.RawMessage(`{"type":"Point","coordinates":[114.3,30.5]}`), "excavation")
	_, err := s.CheckPermit(context.Background(), data.PermitCheck{Request: req, Policy: data.DefaultPermitPolicy(), Caller: key})
	if gasrisk.ErrorCode(err) != gasrisk.ECONFLICT {
		t.Errorf("check with no network: %v", err)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	s := env.Store(t)
	ctx := context.Background()
	k := permitKey(t, s, data.RolePermit)
	if _, err := s.RevokeAPIKey(ctx, fmt.Sprint(k.ID), "test"); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{
		`UPDATE audit_log SET outcome = 'forged'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
		`UPDATE permit_tickets SET decision = 'clear'`,
		`DELETE FROM permit_tickets`,
	} {
		t.Run(sql, func(t *testing.T) {
			if _, err := s.Pool.Exec(ctx, sql); err == nil {
				t.Fatal("the database allowed it")
			}
		})
	}
	entries, err := s.AuditLog(ctx, "", 10)
	if err != nil || len(entries) != 2 || entries[0].Action != "apikey.revoke" || entries[1].Action != "apikey.create" {
		t.Errorf("audit log %+v, %v", entries, err)
	}
}

func TestAPIKeys(t *testing.T) {
	s := env.Store(t)
	ctx := context.Background()
	k, secret, err := s.CreateAPIKey(ctx, "Firm A", data.RolePermit, "test")
	if err != nil {
		t.Fatal(err)
	}
	var stored []byte
	s.Pool.QueryRow(ctx, `SELECT hash FROM api_keys WHERE id = $1`, k.ID).Scan(&stored)
	if len(stored) != 32 || string(stored) == secret || len(secret) < 40 {
		t.Errorf("key stored as %x for secret of %d characters", stored, len(secret))
	}
	got, err := s.Authenticate(ctx, secret)
	if err != nil || got.ID != k.ID || got.Role != data.RolePermit {
		t.Fatalf("authenticate: %+v %v", got, err)
	}
	for _, bad := range []string{"", "gsk_nope", secret + "x", "Bearer " + secret} {
		if _, err := s.Authenticate(ctx, bad); gasrisk.ErrorCode(err) != gasrisk.EUNAUTHORIZED {
			t.Errorf("authenticate %q: %v", bad, err)
		}
	}
	if _, _, err := s.CreateAPIKey(ctx, "x", "root", "test"); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
		t.Errorf("unknown role: %v", err)
	}
	if _, err := s.RevokeAPIKey(ctx, "Firm A", "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, secret); gasrisk.ErrorCode(err) != gasrisk.EUNAUTHORIZED {
		t.Errorf("revoked key authenticated: %v", err)
	}
	if _, err := s.RevokeAPIKey(ctx, fmt.Sprint(k.ID), "test"); gasrisk.ErrorCode(err) != gasrisk.ECONFLICT {
		t.Errorf("second revocation: %v", err)
	}
	if _, err := s.RevokeAPIKey(ctx, "nobody", "test"); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("unknown key: %v", err)
	}
	keys, _ := s.APIKeys(ctx)
	if len(keys) != 1 || keys[0].RevokedAt == nil {
		t.Errorf("keys %+v", keys)
	}
}
