package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gasrisk/data/access"
	"gasrisk/data/datatest"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
	"gasrisk/printmap"
	"gasrisk/web"
)

// ledgerShared is the city of the ledger tests (they change its ledger).
var ledgerShared city

func newLedgerServer(t *testing.T) (*httptest.Server, datatest.Services) {
	t.Helper()
	s := ledgerShared.get(t)
	r, err := printmap.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Segments: s.Results, Ledger: s.Ledger, Print: s.Print, Keys: s.Access, Printer: r}))
	t.Cleanup(srv.Close)
	return srv, s
}

// call sends a request with an optional API key and JSON body and decodes
// a JSON answer into v (when v is not nil).
func call(t *testing.T, method, url, key, body string, v any) int {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("%s %s: not JSON: %v", method, url, err)
		}
	}
	return resp.StatusCode
}

func TestHazardListAndDetail(t *testing.T) {
	srv, _ := newLedgerServer(t)
	var all ledger.Page
	if code := call(t, "GET", srv.URL+"/api/v1/hazards?limit=1000", "", "", &all); code != 200 || all.Total == 0 {
		t.Fatalf("list: %d, %d hazards", code, all.Total)
	}
	h := all.Items[0]
	cases := []struct {
		query string
		want  func(hazard.Entry) bool
	}{
		{"kind=" + h.Kind, func(x hazard.Entry) bool { return x.Kind == h.Kind }},
		{"grade=red,orange", func(x hazard.Entry) bool { return x.Grade == "red" || x.Grade == "orange" }},
		{"state=open&listed=true", func(x hazard.Entry) bool { return x.State == "open" && x.Listed }},
		{"district=" + h.District, func(x hazard.Entry) bool { return x.District == h.District }},
		{"overdue=false", func(x hazard.Entry) bool { return !x.Overdue }},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			var page ledger.Page
			if code := call(t, "GET", srv.URL+"/api/v1/hazards?limit=1000&"+c.query, "", "", &page); code != 200 {
				t.Fatalf("status %d", code)
			}
			for _, x := range page.Items {
				if !c.want(x) {
					t.Errorf("%s outside the filter", x.Code)
				}
			}
		})
	}
	t.Run("paging", func(t *testing.T) {
		var page ledger.Page
		call(t, "GET", srv.URL+"/api/v1/hazards?limit=2&offset=1", "", "", &page)
		if len(page.Items) != min(2, all.Total-1) || page.Total != all.Total || page.Items[0].ID != all.Items[1].ID {
			t.Errorf("page %+v", page)
		}
	})
	for _, bad := range []string{"state=done", "grade=pink", "overdue=maybe", "limit=-1", "limit=5000", "kind=x"} {
		t.Run("bad "+bad, func(t *testing.T) {
			var e map[string]string
			if code := call(t, "GET", srv.URL+"/api/v1/hazards?"+bad, "", "", &e); code != 400 || e["error"] == "" {
				t.Errorf("%d %v", code, e)
			}
		})
	}
	for _, id := range []string{fmt.Sprint(h.ID), h.Code, strings.ToLower(h.Code)} {
		var d hazard.Detail
		if code := call(t, "GET", srv.URL+"/api/v1/hazards/"+id, "", "", &d); code != 200 || d.ID != h.ID ||
			len(d.History) == 0 || len(d.Geometry) == 0 || d.DescriptionZH == "" {
			t.Errorf("%s: %d %+v", id, code, d)
		}
	}
	for path, want := range map[string]int{"/api/v1/hazards/999999": 404, "/api/v1/hazards/YH-999999": 404, "/api/v1/hazards/x": 400} {
		var e map[string]string
		if code := call(t, "GET", srv.URL+path, "", "", &e); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
}

func TestHazardTransitionsAPI(t *testing.T) {
	srv, s := newLedgerServer(t)
	ctx := context.Background()
	_, editor, err := s.Access.CreateKey(ctx, "ledger-editor", access.RoleEditor, "test")
	if err != nil {
		t.Fatal(err)
	}
	_, viewer, _ := s.Access.CreateKey(ctx, "ledger-viewer", access.RoleViewer, "test")
	var page ledger.Page
	call(t, "GET", srv.URL+"/api/v1/hazards?state=open&limit=1", "", "", &page)
	if len(page.Items) == 0 {
		t.Fatal("no open hazard")
	}
	url := fmt.Sprintf("%s/api/v1/hazards/%d/transitions", srv.URL, page.Items[0].ID)
	plan := `{"to":"planned","measures":"move the kiosk","responsible_unit":"Pipe dept.","responsible_person":"Li Na",
		"deadline":"2099-12-31","temporary_measures":["guard"]}`
	steps := []struct {
		name, key, body string
		want            int
		allowed         string
	}{
		{"no key", "", plan, 401, ""},
		{"viewer", viewer, plan, 403, ""},
		{"unknown key", "gsk_nope", plan, 401, ""},
		{"missing fields", editor, `{"to":"planned","measures":"x"}`, 400, ""},
		{"unknown field", editor, `{"to":"planned","colour":"red"}`, 400, ""},
		{"not JSON", editor, `{"to":`, 400, ""},
		{"skip to closed", editor, `{"to":"closed","note":"done"}`, 409, "planned"},
		{"plan", editor, plan, 200, ""},
		{"plan again", editor, plan, 409, "rectified"},
		{"rectify", editor, `{"to":"rectified","evidence":"kiosk moved, photo 12"}`, 200, ""},
		{"close before recheck", editor, `{"to":"closed","note":"x"}`, 409, "rechecked,open"},
		{"recheck", editor, `{"to":"rechecked","note":"checked on site"}`, 200, ""},
		{"close", editor, `{"to":"closed","note":"struck off"}`, 200, ""},
		{"reopen", editor, `{"to":"open","note":"found again on patrol"}`, 200, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var body map[string]any
			code := call(t, "POST", url, st.key, st.body, &body)
			if code != st.want {
				t.Fatalf("status %d, want %d: %v", code, st.want, body)
			}
			if st.want == 409 {
				got := fmt.Sprint(body["allowed"])
				if got != "["+strings.ReplaceAll(st.allowed, ",", " ")+"]" || body["state"] == nil || body["error"] == nil {
					t.Errorf("409 body %v, want allowed %s", body, st.allowed)
				}
			}
		})
	}
	var d hazard.Detail
	call(t, "GET", strings.TrimSuffix(url, "/transitions"), "", "", &d)
	var moves []string
	for _, e := range d.History[1:] {
		moves = append(moves, e.Action)
		if !strings.HasPrefix(e.Actor, "key:") || !strings.HasSuffix(e.Actor, ":ledger-editor") {
			t.Errorf("actor %q", e.Actor)
		}
	}
	if strings.Join(moves, ",") != "plan,rectify,recheck,close,reopen" || d.State != "open" {
		t.Errorf("history %v, state %s", moves, d.State)
	}
}

func TestLedgerExportsAndStatsAPI(t *testing.T) {
	srv, _ := newLedgerServer(t)
	var page ledger.Page
	call(t, "GET", srv.URL+"/api/v1/hazards?limit=1000", "", "", &page)
	t.Run("stats match the ledger", func(t *testing.T) {
		var st ledger.Stats
		if code := call(t, "GET", srv.URL+"/api/v1/ledger/stats", "", "", &st); code != 200 {
			t.Fatalf("status %d", code)
		}
		byState := map[string]int{}
		for _, h := range page.Items {
			byState[h.State]++
		}
		if st.Hazards.Total != page.Total || fmt.Sprint(st.Hazards.ByState) != fmt.Sprint(byState) || st.RunID == 0 {
			t.Errorf("stats %+v, ledger %d %v", st.Hazards, page.Total, byState)
		}
	})
	t.Run("ledger xlsx", func(t *testing.T) {
		b, ctype := get(t, srv.URL+"/api/v1/ledger/hazards.xlsx", 200)
		if !strings.Contains(ctype, "spreadsheetml") {
			t.Errorf("Content-Type %s", ctype)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0])
		if len(rows) != page.Total+2 || rows[1][1] != "隐患编号" {
			t.Errorf("%d rows, header %v", len(rows), rows[1])
		}
	})
	t.Run("control list csv", func(t *testing.T) {
		b, _ := get(t, srv.URL+"/api/v1/ledger/control-list.csv?lang=en&grade=red", 200)
		if !strings.HasPrefix(string(b), "\uFEFFNo.,District,") {
			t.Errorf("CSV starts %q", b[:min(40, len(b))])
		}
	})
	for _, bad := range []string{"/api/v1/ledger/hazards.csv?lang=fr", "/api/v1/ledger/hazards.xlsx?state=x"} {
		get(t, srv.URL+bad, 400)
	}
	get(t, srv.URL+"/api/v1/ledger/hazards.pdf", 404)
	t.Run("geojson", func(t *testing.T) {
		b, _ := get(t, srv.URL+"/api/v1/hazards.geojson?state=open", 200)
		var fc struct {
			Features []struct {
				Properties hazard.Entry `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) == 0 || fc.Features[0].Properties.State != "open" {
			t.Errorf("geojson: %v, %d features", err, len(fc.Features))
		}
	})
}

// get fetches a URL, checks the status and returns the body and type.
func get(t *testing.T, url string, want int) ([]byte, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Errorf("%s: status %d, want %d: %s", url, resp.StatusCode, want, b[:min(200, len(b))])
	}
	return b, resp.Header.Get("Content-Type")
}

func TestPrintMapAPI(t *testing.T) {
	srv, s := newLedgerServer(t)
	var district string
	s.DB.Pool.QueryRow(context.Background(), `SELECT id FROM districts ORDER BY id LIMIT 1`).Scan(&district)
	b, ctype := get(t, srv.URL+"/api/v1/maps/print.png?size=A4&dpi=72&district="+district, 200)
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || ctype != "image/png" {
		t.Fatalf("%s: %v", ctype, err)
	}
	if s := img.Bounds().Size(); s.X != 842 || s.Y != 595 {
		t.Errorf("size %v, want A4 landscape at 72 dpi (842×595)", s)
	}
	for _, bad := range []string{"size=A2", "dpi=1000", "orientation=diagonal", "bbox=1,2,3", "bbox=10,10,5,5"} {
		get(t, srv.URL+"/api/v1/maps/print.png?"+bad, 400)
	}
	get(t, srv.URL+"/api/v1/maps/print.png?district=nowhere", 404)
	b, ctype = get(t, srv.URL+"/api/v1/maps/print.pdf?size=A3&orientation=portrait&district="+district, 200)
	if ctype != "application/pdf" || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/FontFile2")) {
		t.Errorf("print.pdf: %s, %.20q", ctype, b)
	}
	get(t, srv.URL+"/api/v1/maps/print.pdf?size=A2", 400)
}

func TestLedgerPage(t *testing.T) {
	srv, _ := newLedgerServer(t)
	page, ctype := get(t, srv.URL+"/ledger/", 200)
	if !strings.Contains(ctype, "text/html") || !bytes.Contains(page, []byte("ledger.js")) {
		t.Errorf("%s: %.100s", ctype, page)
	}
	js, _ := get(t, srv.URL+"/ledger/ledger.js", 200)
	for _, api := range []string{"/api/v1/ledger/stats", "/api/v1/hazards", "/transitions", "/api/v1/maps/print."} {
		if !bytes.Contains(js, []byte(api)) {
			t.Errorf("ledger.js does not use %s", api)
		}
	}
}
