package web

import (
	_ "embed"
	"net/http"

	"github.com/gorilla/mux"
)

// openAPIDoc is the OpenAPI 3.0 description of the public API: the JSON
// APIs, the export, the permit API and the OGC API – Features. The test
// in openapi_test.go holds it to the router: every documented operation
// is routed and every /api and /ogc route is documented.
//
//go:embed openapi.json
var openAPIDoc []byte

// mountOpenAPI serves the description at /api/v1/openapi.json (the OGC
// API serves its part at /ogc/api).
func (s *Server) mountOpenAPI(r *mux.Router) {
	r.HandleFunc("/api/v1/openapi.json", s.openAPI).Methods(http.MethodGet, http.MethodHead)
}

// openAPI answers the description (the OGC API serves its part at
// /ogc/api: ogcAPI).
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(openAPIDoc)
}
