package permits_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gasrisk"
	"gasrisk/data/access"
	"gasrisk/data/datatest"
	"gasrisk/data/permits"
	"gasrisk/permit"
)

// permitCity: a sub-high pressure steel main (SHPB: protection 1.5 m,
// control 15 m) along y = datatest.BaseY and a low pressure PE pipe (LP: 0.5 m /
// 5 m) 1 km north, both 200 m long, in EPSG:32650.
func permitCity(t *testing.T) datatest.Services {
	t.Helper()
	s := env.Services(t)
	c := &datatest.Cases{}
	c.Pipes = []datatest.Feature{
		{Props: map[string]any{"id": "SHPB-1", "material": "steel", "pressure_class": "SHPB", "install_year": 2010,
			"diameter_mm": 300, "district": "D1"}, Geom: datatest.Line(datatest.BaseX, datatest.BaseY, datatest.BaseX+200, datatest.BaseY)},
		{Props: map[string]any{"id": "LP-1", "material": "pe", "pressure_class": "LP", "install_year": 2015,
			"diameter_mm": 110, "district": "D2"}, Geom: datatest.Line(datatest.BaseX, datatest.BaseY+1000, datatest.BaseX+200, datatest.BaseY+1000)},
	}
	c.Load(t, s)
	datatest.Analyze(t, s.DB)
	return s
}

// wgs84 turns a geometry given as WKT in EPSG:32650 into GeoJSON in
// EPSG:4326, as a third party would send it.
func wgs84(t *testing.T, s datatest.Services, wkt string) json.RawMessage {
	t.Helper()
	var g string
	err := s.DB.Pool.QueryRow(context.Background(), `SELECT ST_AsGeoJSON(ST_Transform(ST_GeomFromText($1, 32650), 4326), 9)`,
		wkt).Scan(&g)
	if err != nil {
		t.Fatal(err)
	}
	return json.RawMessage(g)
}

// square is a WKT square of side m whose south-west corner is dx, dy from
// the city's origin.
func square(dx, dy, side float64) string {
	x, y := datatest.BaseX+dx, datatest.BaseY+dy
	return fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v,%v %v))", x, y, x+side, y, x+side, y+side, x, y+side, x, y)
}

func permitKey(t *testing.T, s datatest.Services, role string) access.Key {
	t.Helper()
	k, _, err := s.Access.CreateKey(context.Background(), "firm-"+role, role, "test")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func checkReq(geom json.RawMessage, kind string) permit.Request {
	return permit.Request{Geometry: geom, WorkKind: kind, DepthM: 2, Start: "2026-06-01", End: "2026-07-31",
		Applicant: "某某建设工程有限公司"}
}

func TestPermitDecisions(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, access.RolePermit)
	ctx := context.Background()
	for _, tc := range []struct {
		name, wkt, kind, decision string
		pipes                     []string
		measure                   string
	}{
		// Inside the protection range: excavation, piling, trenchless and
		// drilling need a protection scheme (《城镇燃气管理条例》第三十四条);
		// blasting, building, earth borrowing and open flame are prohibited
		// (第三十三条).
		{"dig on top of the SHPB main", square(95, -5, 10), "excavation", permit.DecisionConditional, []string{"SHPB-1"}, "protection_scheme"},
		{"piling on top of the SHPB main", square(95, -5, 10), "piling", permit.DecisionConditional, []string{"SHPB-1"}, "protection_scheme"},
		{"blasting on top of the SHPB main", square(95, -5, 10), "blasting", permit.DecisionDenied, []string{"SHPB-1"}, "prohibited"},
		{"a building on top of the SHPB main", square(95, -5, 10), "building", permit.DecisionDenied, []string{"SHPB-1"}, "prohibited"},
		{"open flame 1 m from the SHPB main", square(95, 1, 10), "open_flame", permit.DecisionDenied, []string{"SHPB-1"}, "prohibited"},
		{"open flame 5 m north of the main", square(95, 5, 10), "open_flame", permit.DecisionConditional, []string{"SHPB-1"}, "hot_work"},
		{"earth borrowing 0.3 m from the LP pipe", square(95, 1000.3, 10), "earth_borrow", permit.DecisionDenied, []string{"LP-1"}, "prohibited"},
		{"earth borrowing 3 m from the LP pipe", square(95, 1003, 10), "earth_borrow", permit.DecisionConditional, []string{"LP-1"}, "cover"},
		{"drill point 0.3 m from the LP pipe", fmt.Sprintf("POINT(%v %v)", datatest.BaseX+50, datatest.BaseY+1000.3), "drilling", permit.DecisionConditional, []string{"LP-1"}, "protection_scheme"},
		{"dig 5 m north of the main", square(95, 5, 10), "excavation", permit.DecisionConditional, []string{"SHPB-1"}, "supervision"},
		{"dig 20 m north of the main", square(95, 20, 10), "excavation", permit.DecisionClear, nil, "report_unknown"},
		{"piling 20 m north reaches twice as far", square(95, 20, 10), "piling", permit.DecisionConditional, []string{"SHPB-1"}, "vibration"},
		{"piling 40 m north", square(95, 40, 10), "piling", permit.DecisionClear, nil, ""},
		{"blasting 40 m north reaches four times as far", square(95, 40, 10), "blasting", permit.DecisionConditional, []string{"SHPB-1"}, "blast_plan"},
		{"trenchless bore 25 m north", fmt.Sprintf("LINESTRING(%v %v,%v %v)", datatest.BaseX, datatest.BaseY+25, datatest.BaseX+300, datatest.BaseY+25), "trenchless", permit.DecisionConditional, []string{"SHPB-1"}, "bore_path"},
		{"drill point 3 m from the LP pipe", fmt.Sprintf("POINT(%v %v)", datatest.BaseX+50, datatest.BaseY+1003), "drilling", permit.DecisionConditional, []string{"LP-1"}, "drill_locate"},
		{"drill point 6 m from the LP pipe", fmt.Sprintf("POINT(%v %v)", datatest.BaseX+50, datatest.BaseY+1006), "drilling", permit.DecisionClear, nil, ""},
		{"dig kilometres away", square(10000, 10000, 10), "excavation", permit.DecisionClear, nil, "report_unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Permits.CheckPermit(ctx, permits.Check{Request: checkReq(wgs84(t, s, tc.wkt), tc.kind),
				Policy: permit.DefaultPolicy(), Caller: key})
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
			if tc.measure != "" && !slices.ContainsFunc(res.Measures, func(m permit.Measure) bool { return m.Code == tc.measure }) {
				t.Errorf("measures %+v lack %s", res.Measures, tc.measure)
			}
			if res.TicketID == "" || res.BufferM <= 0 || len(res.Ranges) != 7 {
				t.Errorf("ticket %q, buffer %v, %d ranges", res.TicketID, res.BufferM, len(res.Ranges))
			}
		})
	}
}

// TestPermitDistanceFromOuterWall: distances and zones are measured from
// the pipe's outer wall (GB 55009-2021 §5.1.6): a drill point 0.4 m from
// the wall of a DN400 MPA main (0.6 m from its centreline) is inside the
// 0.5 m protection range, one 0.6 m from the wall is not.
func TestPermitDistanceFromOuterWall(t *testing.T) {
	s := env.Services(t)
	c := &datatest.Cases{}
	c.Pipes = []datatest.Feature{{Props: map[string]any{"id": "MPA-400", "material": "steel", "pressure_class": "MPA",
		"install_year": 2010, "diameter_mm": 400, "district": "D1"}, Geom: datatest.Line(datatest.BaseX, datatest.BaseY, datatest.BaseX+200, datatest.BaseY)}}
	c.Load(t, s)
	datatest.Analyze(t, s.DB)
	key := permitKey(t, s, access.RolePermit)
	for _, tc := range []struct {
		fromWall float64
		zone     string
	}{{0.4, permit.ZoneProtection}, {0.6, permit.ZoneControl}} {
		wkt := fmt.Sprintf("POINT(%v %v)", datatest.BaseX+50, datatest.BaseY+0.2+tc.fromWall)
		res, err := s.Permits.CheckPermit(context.Background(), permits.Check{Request: checkReq(wgs84(t, s, wkt), "drilling"),
			Policy: permit.DefaultPolicy(), Caller: key})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Segments) == 0 {
			t.Fatalf("%.1f m from the wall: no segment in reach", tc.fromWall)
		}
		if sg := res.Segments[0]; sg.Zone != tc.zone || sg.DistanceM != tc.fromWall {
			t.Errorf("%.1f m from the wall: zone %s at distance_m %v, want %s at %v", tc.fromWall, sg.Zone, sg.DistanceM, tc.zone, tc.fromWall)
		}
	}
}

func TestPermitDeniedNamesPipeAndMeasures(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, access.RolePermit)
	res, err := s.Permits.CheckPermit(context.Background(), permits.Check{Request: checkReq(wgs84(t, s, square(95, -5, 10)), "blasting"),
		Policy: permit.DefaultPolicy(), Caller: key})
	if err != nil {
		t.Fatal(err)
	}
	sg := res.Segments[0]
	if sg.PipeID != "SHPB-1" || sg.Zone != permit.ZoneProtection || sg.DistanceM != 0 || sg.PressureClass != "SHPB" {
		t.Errorf("nearest segment %+v", sg)
	}
	m := res.Measures[0]
	if m.Code != "prohibited" || !slices.Equal(m.Pipes, []string{"SHPB-1"}) ||
		!strings.Contains(m.TextZH, "《城镇燃气管理条例》第三十三条第（二）项") {
		t.Errorf("first measure %+v", m)
	}
	if !slices.ContainsFunc(res.Measures, func(m permit.Measure) bool { return m.Code == "high_pressure" }) {
		t.Errorf("a sub-high pressure main needs the high_pressure measure: %+v", res.Measures)
	}
}

// TestPermitDeniedRecordsTheAttempt: blasting inside the protection range
// is denied and still leaves its ticket and audit entry, but no works;
// excavation at the same place is conditional on a protection scheme
// (第三十四条, the first measure) and is recorded as works.
func TestPermitDeniedRecordsTheAttempt(t *testing.T) {
	s := permitCity(t)
	ctx := context.Background()
	key := permitKey(t, s, access.RolePermit)
	place := wgs84(t, s, square(95, -1, 2)) // across the SHPB main
	check := func(kind string) permit.Result {
		t.Helper()
		res, err := s.Permits.CheckPermit(ctx, permits.Check{Request: checkReq(place, kind), Policy: permit.DefaultPolicy(), Caller: key})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	works := func(id string) int {
		t.Helper()
		var n int
		if err := s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM works WHERE id = $1`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	stored := func(res permit.Result) {
		t.Helper()
		tk, err := s.Permits.PermitTicket(ctx, res.TicketID, key)
		if err != nil || tk.TicketID != res.TicketID || tk.Decision != res.Decision {
			t.Fatalf("ticket %+v, %v", tk, err)
		}
		var answer permit.Result
		if err := json.Unmarshal(tk.Result, &answer); err != nil || answer.Decision != res.Decision ||
			len(answer.Measures) == 0 || answer.Measures[0].Code != res.Measures[0].Code {
			t.Errorf("stored answer %+v, %v", answer, err)
		}
		entries, err := s.Access.AuditLog(ctx, res.TicketID, 10)
		if err != nil || len(entries) != 1 || entries[0].Action != "permit.check" || entries[0].Outcome != res.Decision ||
			entries[0].Actor != key.Actor() {
			t.Errorf("audit %+v, %v", entries, err)
		}
	}

	denied := check("blasting")
	if denied.Decision != permit.DecisionDenied || len(denied.Segments) == 0 || denied.Segments[0].Zone != permit.ZoneProtection {
		t.Fatalf("blasting across the main: %s, segments %+v", denied.Decision, denied.Segments)
	}
	if denied.Measures[0].Code != "prohibited" {
		t.Errorf("first measure %s, want prohibited", denied.Measures[0].Code)
	}
	stored(denied)
	if n := works(denied.TicketID); n != 0 {
		t.Errorf("the denied blasting was recorded as %d works", n)
	}

	dig := check("excavation")
	if dig.Decision != permit.DecisionConditional {
		t.Fatalf("excavation across the main: %s", dig.Decision)
	}
	if m := dig.Measures[0]; m.Code != "protection_scheme" || !slices.Equal(m.Pipes, []string{"SHPB-1"}) ||
		!strings.Contains(m.TextZH, "第三十四条") {
		t.Errorf("first measure %+v, want the protection scheme for SHPB-1", m)
	}
	stored(dig)
	if n := works(dig.TicketID); n != 1 {
		t.Errorf("the conditional excavation was recorded as %d works, want 1", n)
	}
	var tickets int
	s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM permit_tickets`).Scan(&tickets)
	if tickets != 2 {
		t.Errorf("%d tickets, want one per check", tickets)
	}
}

// TestPermitTicketsAndWorks: each check is one ticket and one audit entry;
// works that are not denied feed the next analysis as third-party activity.
func TestPermitTicketsAndWorks(t *testing.T) {
	s := permitCity(t)
	ctx := context.Background()
	key, other, admin := permitKey(t, s, access.RolePermit), permitKey(t, s, access.RolePermit), permitKey(t, s, access.RoleAdmin)
	check := func(wkt, kind string) permit.Result {
		res, err := s.Permits.CheckPermit(ctx, permits.Check{Request: checkReq(wgs84(t, s, wkt), kind),
			Policy: permit.DefaultPolicy(), Caller: key})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	denied, cond := check(square(95, -5, 10), "blasting"), check(square(95, 5, 10), "excavation")
	var works int
	s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM works WHERE id = ANY ($1)`, []string{denied.TicketID, cond.TicketID}).Scan(&works)
	if works != 1 {
		t.Errorf("%d works recorded, want only the conditional one", works)
	}
	tk, err := s.Permits.PermitTicket(ctx, cond.TicketID, key)
	if err != nil || tk.Decision != permit.DecisionConditional || tk.Caller != key.Name {
		t.Fatalf("ticket %+v, %v", tk, err)
	}
	var stored permit.Result
	if err := json.Unmarshal(tk.Result, &stored); err != nil || stored.TicketID != cond.TicketID || len(stored.Segments) == 0 {
		t.Errorf("stored answer %+v, %v", stored, err)
	}
	if _, err := s.Permits.PermitTicket(ctx, cond.TicketID, other); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("another key read the ticket: %v", err)
	}
	if _, err := s.Permits.PermitTicket(ctx, cond.TicketID, admin); err != nil {
		t.Errorf("admin: %v", err)
	}
	entries, _ := s.Access.AuditLog(ctx, cond.TicketID, 10)
	if len(entries) != 1 || entries[0].Action != "permit.check" || entries[0].Outcome != permit.DecisionConditional ||
		entries[0].Actor != key.Actor() {
		t.Errorf("audit %+v", entries)
	}
	datatest.Analyze(t, s.DB)
	var thirdParty bool
	s.DB.Pool.QueryRow(ctx, `SELECT bool_or(third_party) FROM segments WHERE run_id = (SELECT run_id FROM current_run)
		AND pipe_id = 'SHPB-1'`).Scan(&thirdParty)
	if !thirdParty {
		t.Error("the conditional works did not reach the next analysis as third-party activity")
	}
}

func TestPermitRefusals(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, access.RolePermit)
	ctx := context.Background()
	small := permit.DefaultPolicy()
	small.MaxAreaM2, small.MaxLengthM = 1000, 100
	bowtie := fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v,%v %v))", datatest.BaseX, datatest.BaseY+50, datatest.BaseX+10, datatest.BaseY+60,
		datatest.BaseX+10, datatest.BaseY+50, datatest.BaseX, datatest.BaseY+60, datatest.BaseX, datatest.BaseY+50)
	flat := fmt.Sprintf("POLYGON((%v %v,%v %v,%v %v,%v %v))", datatest.BaseX, datatest.BaseY+50, datatest.BaseX+10, datatest.BaseY+50, datatest.BaseX+20, datatest.BaseY+50,
		datatest.BaseX, datatest.BaseY+50)
	for _, tc := range []struct {
		name, wkt string
		mutate    func(*permit.Request)
		policy    permit.Policy
		code      string
	}{
		{"self-intersecting", bowtie, nil, permit.DefaultPolicy(), gasrisk.EUNPROCESSABLE},
		{"zero area", flat, nil, permit.DefaultPolicy(), gasrisk.EUNPROCESSABLE},
		{"zero length", fmt.Sprintf("LINESTRING(%v %v,%v %v)", datatest.BaseX, datatest.BaseY+50, datatest.BaseX, datatest.BaseY+50), nil, permit.DefaultPolicy(), gasrisk.EUNPROCESSABLE},
		{"area over the maximum", square(0, 50, 40), nil, small, gasrisk.ETOOLARGE},
		{"line over the maximum", fmt.Sprintf("LINESTRING(%v %v,%v %v)", datatest.BaseX, datatest.BaseY+50, datatest.BaseX+150, datatest.BaseY+50), nil, small, gasrisk.ETOOLARGE},
		{"unknown work kind", square(0, 50, 10), func(r *permit.Request) { r.WorkKind = "tunnelling" }, small, gasrisk.EINVALID},
		{"end before start", square(0, 50, 10), func(r *permit.Request) { r.End = "2026-05-01" }, small, gasrisk.EUNPROCESSABLE},
		{"negative depth", square(0, 50, 10), func(r *permit.Request) { r.DepthM = -1 }, small, gasrisk.EUNPROCESSABLE},
		{"no applicant", square(0, 50, 10), func(r *permit.Request) { r.Applicant = " " }, small, gasrisk.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := checkReq(wgs84(t, s, tc.wkt), "excavation")
			if tc.mutate != nil {
				tc.mutate(&req)
			}
			_, err := s.Permits.CheckPermit(ctx, permits.Check{Request: req, Policy: tc.policy, Caller: key})
			if gasrisk.ErrorCode(err) != tc.code {
				t.Fatalf("error %v (%s), want %s", err, gasrisk.ErrorCode(err), tc.code)
			}
		})
	}
	var tickets, works int
	s.DB.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM permit_tickets), (SELECT count(*) FROM works)`).Scan(&tickets, &works)
	if tickets != 0 || works != 0 {
		t.Errorf("refused checks left %d tickets and %d works", tickets, works)
	}
}

func TestPermitBeforeAnyImport(t *testing.T) {
	s := env.Services(t)
	key := permitKey(t, s, access.RolePermit)
	req := checkReq(json.RawMessage(`{"type":"Point","coordinates":[114.3,30.5]}`), "excavation")
	_, err := s.Permits.CheckPermit(context.Background(), permits.Check{Request: req, Policy: permit.DefaultPolicy(), Caller: key})
	if gasrisk.ErrorCode(err) != gasrisk.ECONFLICT {
		t.Errorf("check with no network: %v", err)
	}
}

// TestPermitBeforeFirstAnalysis: with pipes imported and no run yet, a
// check finds the pipes themselves (sqlCheckPipes), without a grade, and
// its ticket names no run; after each of three analyses it finds the
// current run's graded segment.
func TestPermitBeforeFirstAnalysis(t *testing.T) {
	s := env.Services(t)
	c := &datatest.Cases{}
	c.Pipes = []datatest.Feature{{Props: map[string]any{"id": "MPA-1", "material": "steel", "pressure_class": "MPA",
		"install_year": 2010, "diameter_mm": 200}, Geom: datatest.Line(datatest.BaseX, datatest.BaseY, datatest.BaseX+200, datatest.BaseY)}}
	c.Load(t, s)
	key := permitKey(t, s, access.RolePermit)
	req := checkReq(wgs84(t, s, square(95, 3, 4)), "excavation")
	res, err := s.Permits.CheckPermit(context.Background(), permits.Check{Request: req, Policy: permit.DefaultPolicy(), Caller: key})
	if err != nil {
		t.Fatal(err)
	}
	if res.RunID != 0 || len(res.Segments) != 1 || res.Segments[0].PipeID != "MPA-1" || res.Segments[0].Grade != "" {
		t.Fatalf("run %d, segments %+v; want run 0 and pipe MPA-1 without a grade", res.RunID, res.Segments)
	}
	if d := res.Segments[0].DistanceM; d < 2.8 || d > 3 {
		t.Errorf("distance %v m, want 3 m less half the 200 mm diameter", d)
	}
	// Runs come and go (a new partition each, the one before the previous
	// dropped): the checks' generic plans follow them.
	for i := range 3 {
		datatest.Analyze(t, s.DB)
		var run int64
		s.DB.Pool.QueryRow(context.Background(), `SELECT run_id FROM current_run`).Scan(&run)
		res, err := s.Permits.CheckPermit(context.Background(), permits.Check{Request: req, Policy: permit.DefaultPolicy(), Caller: key})
		if err != nil || res.RunID != run || len(res.Segments) == 0 || res.Segments[0].Grade == "" {
			t.Fatalf("after analysis %d: run %d (current %d), segments %+v, %v", i+1, res.RunID, run, res.Segments, err)
		}
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	k := permitKey(t, s, access.RolePermit)
	if _, err := s.Access.RevokeKey(ctx, fmt.Sprint(k.ID), "test"); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{
		`UPDATE audit_log SET outcome = 'forged'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
		`UPDATE permit_tickets SET decision = 'clear'`,
		`DELETE FROM permit_tickets`,
		`DELETE FROM api_keys`,
		`TRUNCATE api_keys CASCADE`,
	} {
		t.Run(sql, func(t *testing.T) {
			if _, err := s.DB.Pool.Exec(ctx, sql); err == nil {
				t.Fatal("the database allowed it")
			}
		})
	}
	entries, err := s.Access.AuditLog(ctx, "", 10)
	if err != nil || len(entries) != 2 || entries[0].Action != "apikey.revoke" || entries[1].Action != "apikey.create" {
		t.Errorf("audit log %+v, %v", entries, err)
	}
}

func TestAPIKeys(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	k, secret, err := s.Access.CreateKey(ctx, "Firm A", access.RolePermit, "test")
	if err != nil {
		t.Fatal(err)
	}
	var stored []byte
	s.DB.Pool.QueryRow(ctx, `SELECT hash FROM api_keys WHERE id = $1`, k.ID).Scan(&stored)
	if len(stored) != 32 || string(stored) == secret || len(secret) < 40 {
		t.Errorf("key stored as %x for secret of %d characters", stored, len(secret))
	}
	got, err := s.Access.Authenticate(ctx, secret)
	if err != nil || got.ID != k.ID || got.Role != access.RolePermit {
		t.Fatalf("authenticate: %+v %v", got, err)
	}
	for _, bad := range []string{"", "gsk_nope", secret + "x", "Bearer " + secret} {
		if _, err := s.Access.Authenticate(ctx, bad); gasrisk.ErrorCode(err) != gasrisk.EUNAUTHORIZED {
			t.Errorf("authenticate %q: %v", bad, err)
		}
	}
	if _, _, err := s.Access.CreateKey(ctx, "x", "root", "test"); gasrisk.ErrorCode(err) != gasrisk.EINVALID {
		t.Errorf("unknown role: %v", err)
	}
	if _, err := s.Access.RevokeKey(ctx, "Firm A", "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Access.Authenticate(ctx, secret); gasrisk.ErrorCode(err) != gasrisk.EUNAUTHORIZED {
		t.Errorf("revoked key authenticated: %v", err)
	}
	if _, err := s.Access.RevokeKey(ctx, fmt.Sprint(k.ID), "test"); gasrisk.ErrorCode(err) != gasrisk.ECONFLICT {
		t.Errorf("second revocation: %v", err)
	}
	if _, err := s.Access.RevokeKey(ctx, "nobody", "test"); gasrisk.ErrorCode(err) != gasrisk.ENOTFOUND {
		t.Errorf("unknown key: %v", err)
	}
	keys, _ := s.Access.Keys(ctx)
	if len(keys) != 1 || keys[0].RevokedAt == nil {
		t.Errorf("keys %+v", keys)
	}
}
