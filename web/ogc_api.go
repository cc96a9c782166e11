package web

import (
	"encoding/json"
	"net/http"
	"strings"
)

// ogcAPIDoc derives the OGC API's own definition from the API
// description: the /ogc operations with paths relative to /ogc, the
// server /ogc, the rest unchanged. OGC API clients look operations up by
// the landing page's relative paths (GDAL reads the items parameters of
// /collections/{collectionId}/items to learn the filters it may send).
func ogcAPIDoc(doc []byte) ([]byte, error) {
	var d map[string]json.RawMessage
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	var paths map[string]json.RawMessage
	if err := json.Unmarshal(d["paths"], &paths); err != nil {
		return nil, err
	}
	ogc := map[string]json.RawMessage{}
	for p, item := range paths {
		if rel, ok := strings.CutPrefix(p, "/ogc"); ok && (rel == "" || strings.HasPrefix(rel, "/")) {
			if rel == "" {
				rel = "/"
			}
			ogc[rel] = item
		}
	}
	var err error
	if d["paths"], err = json.Marshal(ogc); err != nil {
		return nil, err
	}
	d["servers"] = json.RawMessage(`[{"url":"/ogc","description":"the OGC API – Features landing page"}]`)
	return json.MarshalIndent(d, "", " ")
}

// ogcAPI serves the OGC API's definition (ogcAPIDoc) at /ogc/api with the
// OpenAPI media type OGC API clients ask for.
func (s *Server) ogcAPI() http.HandlerFunc {
	doc, err := ogcAPIDoc(openAPIDoc)
	if err != nil {
		panic("web: the embedded openapi.json does not parse: " + err.Error()) // caught by every test of the server
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := ogcQuery(r); err != nil {
			Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", mediaOpenAPI)
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(doc)
	}
}
