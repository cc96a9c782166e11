package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"gasrisk/data/access"
	"gasrisk/web"
)

// loadAPIDoc fetches the served description and validates it as OpenAPI 3;
// its router finds operations on base and the other servers.
func loadAPIDoc(t *testing.T, base string, others ...string) (*openapi3.T, routers.Router) {
	t.Helper()
	code, _, body := request(t, "GET", base+"/api/v1/openapi.json", "", nil)
	if code != 200 {
		t.Fatalf("openapi.json: %d", code)
	}
	doc, err := openapi3.NewLoader().LoadFromData(body)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: base}}
	for _, o := range others {
		doc.Servers = append(doc.Servers, &openapi3.Server{URL: o})
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// TestResponsesMatchOpenAPI sends real requests to the real server and
// validates each request and response against the description.
func TestResponsesMatchOpenAPI(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	_, router := loadAPIDoc(t, srv.URL)
	key := newKey(t, s, "Firm A", access.RolePermit)
	check, _ := json.Marshal(permitBody(t, s, square(95, 5, 10), "excavation"))
	_, _, ans := request(t, "POST", srv.URL+"/api/v1/permits/check", key, check)
	var a struct {
		TicketID string `json:"ticket_id"`
	}
	json.Unmarshal(ans, &a)
	var segID string
	s.DB.Pool.QueryRow(context.Background(), `SELECT min(segment_id)::text FROM segments`).Scan(&segID)
	for _, tc := range []struct {
		method, path string
		body         []byte
		status       int
	}{
		{"GET", "/healthz", nil, 200},
		{"GET", "/readyz", nil, 200},
		{"GET", "/ogc", nil, 200},
		{"GET", "/ogc/conformance", nil, 200},
		{"GET", "/ogc/collections", nil, 200},
		{"GET", "/ogc/collections/segments", nil, 200},
		{"GET", "/ogc/collections/segments/items?limit=2&bbox=100,20,130,40", nil, 200},
		{"GET", "/ogc/collections/stations/items/T-1", nil, 200},
		{"GET", "/ogc/collections/stations/items/none", nil, 404},
		{"GET", "/ogc/collections/segments/items?limit=0", nil, 400},
		{"GET", "/api/v1/segments/" + segID, nil, 200},
		{"GET", "/api/v1/export/stations.geojson?district=D1", nil, 200},
		{"GET", "/api/v1/export/segments.geojson?grade=pink", nil, 400},
		{"POST", "/api/v1/permits/check", check, 201},
		{"POST", "/api/v1/permits/check", []byte(`{"geometry":{"type":"Point","coordinates":[1,2]}}`), 400},
		{"GET", "/api/v1/permits/" + a.TicketID, nil, 200},
		{"POST", "/api/v1/isolation", []byte(`{"segment_id": ` + segID + `}`), 200},
		{"POST", "/api/v1/isolation", []byte(`{"point": [0, 0]}`), 422},
		{"POST", "/api/v1/isolation", []byte(`{"segment_id": 1, "point": [0, 0]}`), 400},
		{"POST", "/api/v1/isolation", []byte(`{"segment_id": 987654321}`), 404},
		{"GET", "/api/v1/topology", nil, 200},
		{"GET", "/api/v1/topology.geojson", nil, 200},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			validateExchange(t, router, srv.URL, key, tc.method, tc.path, tc.body, tc.status)
		})
	}
}

// validateExchange makes one request (with key, unless it is "") and
// validates both sides.
func validateExchange(t *testing.T, router routers.Router, base, key, method, path string, body []byte, status int) {
	t.Helper()
	ctx := context.Background()
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("not in the description: %v", err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if status < 400 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			t.Errorf("request does not match the description: %v", err)
		}
	}
	req, _ = http.NewRequest(method, base+path, bytes.NewReader(body))
	req.Header = in.Request.Header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, status, got)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
		Header: resp.Header, Options: &openapi3filter.Options{IncludeResponseStatus: true}}
	out.SetBodyBytes(got)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("response does not match the description: %v\n%.300s", err, got)
	}
}
