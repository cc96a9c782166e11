package web

import (
	"encoding/json"
	"net/http"
	"regexp"
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
	if d["components"], err = usedComponents(d["components"], d["paths"]); err != nil {
		return nil, err
	}
	return json.MarshalIndent(d, "", " ")
}

// refPattern finds the components a JSON text refers to.
var refPattern = regexp.MustCompile(`"\$ref":\s*"#/components/([^/"]+)/([^/"]+)"`)

// usedComponents keeps the components the paths refer to, directly or
// through other components (security schemes are named, not referred to:
// all are kept).
func usedComponents(components, paths json.RawMessage) (json.RawMessage, error) {
	var all map[string]map[string]json.RawMessage
	if err := json.Unmarshal(components, &all); err != nil {
		return nil, err
	}
	used := map[string]map[string]json.RawMessage{"securitySchemes": all["securitySchemes"]}
	todo := []json.RawMessage{paths}
	for len(todo) > 0 {
		text := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, m := range refPattern.FindAllSubmatch(text, -1) {
			kind, name := string(m[1]), string(m[2])
			if _, done := used[kind][name]; done {
				continue
			}
			if used[kind] == nil {
				used[kind] = map[string]json.RawMessage{}
			}
			used[kind][name] = all[kind][name]
			todo = append(todo, all[kind][name])
		}
	}
	return json.Marshal(used)
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
