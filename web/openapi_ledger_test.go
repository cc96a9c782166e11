package web_test

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"gasrisk/data/access"
	"gasrisk/data/ledger"
	"gasrisk/printmap"
	"gasrisk/web"
)

func init() {
	// binary answers the description names (the filter knows JSON and CSV)
	openapi3filter.RegisterBodyDecoder("image/png", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		openapi3filter.FileBodyDecoder)
}

// TestLedgerMatchesOpenAPI sends every hazard and ledger request, with
// each error status the description names (400, 401, 403, 404, 409), to
// the real server over the ledger city, and validates request and
// response against the description.
func TestLedgerMatchesOpenAPI(t *testing.T) {
	s := ledgerShared.get(t)
	printer, err := printmap.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	deps := web.Deps{DB: s.DB, Segments: s.Results, Ledger: s.Ledger, Print: s.Print, Keys: s.Access, Printer: printer}
	local := httptest.NewServer(web.New(web.Config{}, deps))
	t.Cleanup(local.Close)
	// beyond loopback, without public reads: reads need a reading role
	remote := httptest.NewServer(web.New(web.Config{Addr: "192.0.2.1:8080"}, deps))
	t.Cleanup(remote.Close)
	unprinted := httptest.NewServer(web.New(web.Config{}, web.Deps{DB: s.DB, Ledger: s.Ledger, Print: s.Print, Keys: s.Access}))
	t.Cleanup(unprinted.Close)
	_, router := loadAPIDoc(t, local.URL, remote.URL, unprinted.URL)

	editor := newKey(t, s, "openapi editor", access.RoleEditor)
	viewer := newKey(t, s, "openapi viewer", access.RoleViewer)
	permit := newKey(t, s, "openapi permit", access.RolePermit)
	var page ledger.Page
	if code := call(t, "GET", local.URL+"/api/v1/hazards?state=open&limit=1", "", "", &page); code != 200 || len(page.Items) == 0 {
		t.Fatalf("no open hazard: %d", code)
	}
	h := page.Items[0]
	moves := fmt.Sprintf("/api/v1/hazards/%d/transitions", h.ID)
	plan := fmt.Sprintf(`{"to":"planned","measures":"guard","responsible_unit":"Pipe dept.","responsible_person":"Wang",
		"deadline":%q,"temporary_measures":["guard"]}`, time.Now().AddDate(0, 2, 0).Format(time.DateOnly))
	for _, tc := range []struct {
		srv          *httptest.Server
		key          string
		method, path string
		body         string
		status       int
	}{
		{local, "", "GET", "/api/v1/hazards?state=open,planned&grade=red,orange&sort=grade&limit=5&offset=1", "", 200},
		{local, "", "GET", "/api/v1/hazards?overdue=false&listed=true&recheck_due=false", "", 200},
		{local, "", "GET", "/api/v1/hazards?state=lost", "", 400},
		{local, "not-a-key", "GET", "/api/v1/hazards", "", 401},
		{remote, permit, "GET", "/api/v1/hazards", "", 403},
		{remote, viewer, "GET", "/api/v1/hazards?limit=2", "", 200},
		{local, "", "GET", "/api/v1/hazards.geojson?grade=red&kind=" + h.Kind, "", 200},
		{local, "", "GET", "/api/v1/hazards.geojson?overdue=perhaps", "", 400},
		{remote, permit, "GET", "/api/v1/hazards.geojson", "", 403},
		{local, "", "GET", fmt.Sprintf("/api/v1/hazards/%d", h.ID), "", 200},
		{local, "", "GET", "/api/v1/hazards/" + h.Code, "", 200},
		{local, "", "GET", "/api/v1/hazards/YH-999999", "", 404},
		{local, "", "GET", "/api/v1/hazards/999999999", "", 404},
		{remote, "", "GET", fmt.Sprintf("/api/v1/hazards/%d", h.ID), "", 401},
		{local, "", "POST", moves, plan, 401},
		{local, viewer, "POST", moves, plan, 403},
		{local, editor, "POST", moves, `{"to":"planned","measures":"guard"}`, 400},
		{local, editor, "POST", moves, `{"to":"closed","note":"too early"}`, 409},
		{local, editor, "POST", "/api/v1/hazards/999999999/transitions", plan, 404},
		{local, editor, "POST", moves, plan, 200},
		{local, editor, "POST", moves, plan, 409}, // planned already
		{local, "", "GET", "/api/v1/ledger/stats", "", 200},
		{local, "not-a-key", "GET", "/api/v1/ledger/stats", "", 401},
		{remote, permit, "GET", "/api/v1/ledger/stats", "", 403},
		{local, "", "GET", "/api/v1/ledger/hazards.csv?state=planned&lang=en", "", 200},
		{local, "", "GET", "/api/v1/ledger/hazards.xlsx?grade=red", "", 200},
		{local, "", "GET", "/api/v1/ledger/control-list.csv", "", 200},
		{local, "", "GET", "/api/v1/ledger/control-list.xlsx?lang=zh", "", 200},
		{local, "", "GET", "/api/v1/ledger/hazards.csv?lang=fr", "", 400},
		{remote, permit, "GET", "/api/v1/ledger/control-list.csv", "", 403},
		{local, "", "GET", "/api/v1/maps/print.png?size=A4&orientation=portrait&dpi=72&lang=en", "", 200},
		{local, "", "GET", "/api/v1/maps/print.png?dpi=9000", "", 400},
		{local, "", "GET", "/api/v1/maps/print.png?district=NOWHERE&dpi=72", "", 404},
		{remote, permit, "GET", "/api/v1/maps/print.png?dpi=72", "", 403},
		{unprinted, "", "GET", "/api/v1/maps/print.png?dpi=72", "", 503},
	} {
		t.Run(fmt.Sprintf("%s %s %d", tc.method, tc.path, tc.status), func(t *testing.T) {
			var body []byte
			if tc.body != "" {
				body = []byte(tc.body)
			}
			validateExchange(t, router, tc.srv.URL, tc.key, tc.method, tc.path, body, tc.status)
		})
	}
}
