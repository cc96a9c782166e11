package web

import (
	"encoding/base64"
	"encoding/json"
	"gasrisk/data/export"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"gasrisk"
	"gasrisk/cql2"
)

// Filtering (OGC API – Features – Part 3): each collection declares its
// queryables at /ogc/collections/{id}/queryables, and items take a CQL2
// filter over them (filter-lang cql2-text; cql-text, the draft's name
// that GDAL 3.6 sends, is the same language here).

// filterLangs are the accepted filter-lang values, the default first.
func filterLangs() []string { return []string{"cql2-text", "cql-text"} }

// filterParam reads filter, filter-lang and filter-crs: nil without a
// filter.
func filterParam(q url.Values) (cql2.Expr, error) {
	if lang := q.Get("filter-lang"); q.Has("filter-lang") && lang != filterLangs()[0] && lang != filterLangs()[1] {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "filter-lang %q: only cql2-text is served", lang)
	}
	if c := q.Get("filter-crs"); q.Has("filter-crs") && c != crs84 {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "filter-crs %q: only %s", c, crs84)
	}
	if !q.Has("filter") {
		return nil, nil
	}
	return cql2.Parse(q.Get("filter"))
}

// Cursor directions: the page after or before a feature.
const (
	cursorAfter  = 'a'
	cursorBefore = 'b'
)

// encodeCursor is the opaque cursor of the page after or before the
// feature with id fid.
func encodeCursor(dir byte, fid string) string {
	return base64.RawURLEncoding.EncodeToString(append([]byte{dir, ':'}, fid...))
}

// decodeCursor reads a cursor: the id the page starts after or before.
func decodeCursor(c string) (after, before string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 3 || b[1] != ':' || b[0] != cursorAfter && b[0] != cursorBefore {
		return "", "", gasrisk.Errorf(gasrisk.EINVALID, "cursor %q: not a cursor of a next or prev link", c)
	}
	if b[0] == cursorAfter {
		return string(b[2:]), "", nil
	}
	return "", string(b[2:]), nil
}

// mediaSchema is the media type of JSON Schema documents.
const mediaSchema = "application/schema+json"

// ogcQueryables answers a collection's queryables as a JSON Schema
// (Part 3), which also lists them in the draft form GDAL 3.6 reads
// ("queryables": [{"id": …}]). It is application/schema+json to clients
// that ask for it, else application/json (GDAL 3.6 refuses other types).
func (s *Server) ogcQueryables(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["collectionId"]
	base, _, err := ogcRequest(r)
	var props []export.Property
	if err == nil {
		props, err = s.deps.OGC.Queryables(r.Context(), id)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	schema := map[string]any{}
	var draft []map[string]any
	for _, p := range props {
		schema[p.Name] = propertySchema(p)
		draft = append(draft, map[string]any{"id": p.Name, "type": p.Type, "title": p.Title})
	}
	ct := mediaJSON
	if strings.Contains(r.Header.Get("Accept"), mediaSchema) {
		ct = mediaSchema
	}
	w.Header().Set("Content-Type", ct)
	json.NewEncoder(w).Encode(map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  base + "/collections/" + id + "/queryables",
		"type":                 "object",
		"title":                id,
		"description":          "Properties of " + id + " a filter (filter-lang=cql2-text) may name / 可用于筛选的属性",
		"properties":           schema,
		"additionalProperties": false,
		"queryables":           draft,
	})
}

// propertySchema is the JSON Schema of a property, titled in both
// languages.
func propertySchema(p export.Property) map[string]any {
	out := map[string]any{"type": p.Type, "title": p.Title + " / " + p.TitleZH}
	if p.Format != "" {
		out["format"] = p.Format
	}
	if len(p.Enum) > 0 {
		out["enum"] = p.Enum
	}
	return out
}
