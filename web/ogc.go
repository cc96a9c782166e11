package web

import (
	"context"
	"gasrisk/data/export"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"gasrisk"
)

// OGCSource serves feature collections (export.OGC implements it).
type OGCSource interface {
	Collection(ctx context.Context, id string) (export.CollectionInfo, error)
	Items(ctx context.Context, w io.Writer, id string, q export.ItemsQuery) (export.Page, error)
	Feature(ctx context.Context, id, fid string, links []byte) ([]byte, error)
	// Queryables lists the properties a filter may name.
	Queryables(ctx context.Context, id string) ([]export.Property, error)
	// Collections lists the collections, in the order they are listed.
	Collections() []string
}

// Conformance classes the OGC API implements: OGC API – Features – Part
// 1: Core 1.0 (core, GeoJSON, OpenAPI 3.0 for the definition at /ogc/api),
// Part 3: Filtering (queryables, filter, features filter) with CQL2 text
// (basic CQL2 and the advanced comparison operators LIKE, BETWEEN, IN).
// Not claimed: HTML, CRS (Part 2), spatial, temporal and array functions.
func ogcConformance() []string {
	return []string{
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
		"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
		"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
		"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
	}
}

// Media types of the OGC API.
const (
	mediaJSON    = "application/json"
	mediaGeoJSON = "application/geo+json"
	mediaOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	crs84        = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
)

// link is an OGC API link object.
type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// mountOGC adds OGC API – Features under /ogc (GET and HEAD):
//
//	/ogc                                       landing page
//	/ogc/conformance                           conformance classes
//	/ogc/api                                   the OpenAPI 3.0 definition
//	/ogc/collections                           segments, stations, hazards, buildings, sewers
//	/ogc/collections/{collectionId}            one collection
//	/ogc/collections/{collectionId}/queryables what a filter may name (JSON Schema)
//	/ogc/collections/{collectionId}/items      features: bbox, limit, cursor or offset, datetime,
//	                                           grade, district, finding, filter (CQL2 text)
//	/ogc/collections/{collectionId}/items/{featureId}
func (s *Server) mountOGC(r *mux.Router) {
	if s.deps.OGC == nil {
		return
	}
	get := []string{http.MethodGet, http.MethodHead}
	r.HandleFunc("/ogc", s.ogcLanding).Methods(get...)
	r.HandleFunc("/ogc/", s.ogcLanding).Methods(get...)
	r.HandleFunc("/ogc/conformance", s.ogcConformance).Methods(get...)
	r.HandleFunc("/ogc/api", s.ogcAPI()).Methods(get...)
	r.HandleFunc("/ogc/collections", s.ogcCollections).Methods(get...)
	r.HandleFunc("/ogc/collections/{collectionId}", s.ogcCollection).Methods(get...)
	r.HandleFunc("/ogc/collections/{collectionId}/queryables", s.ogcQueryables).Methods(get...)
	r.HandleFunc("/ogc/collections/{collectionId}/items", withTimeout(s.cfg.Limits.OGCTimeout, "the OGC API request", s.ogcItems)).Methods(get...)
	r.HandleFunc("/ogc/collections/{collectionId}/items/{featureId}",
		withTimeout(s.cfg.Limits.OGCTimeout, "the OGC API request", s.ogcFeature)).Methods(get...)
}

// ogcQuery refuses query parameters an operation does not define (OGC
// /req/core/query-param-unknown) and an f other than json.
func ogcQuery(r *http.Request, allowed ...string) (url.Values, error) {
	q := r.URL.Query()
	for k := range q {
		if k != "f" && !slices.Contains(allowed, k) {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "unknown parameter %q (this operation takes: %s)", k,
				strings.Join(append([]string{"f"}, allowed...), ", "))
		}
	}
	if f := q.Get("f"); q.Has("f") && f != "json" && f != "geojson" {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "f=%q: only json is served", f)
	}
	return q, nil
}

// ogcRequest checks an OGC request's query (ogcQuery) and returns it with
// the absolute URL of /ogc as the client addressed it.
func ogcRequest(r *http.Request, allowed ...string) (base string, q url.Values, err error) {
	b, err := baseURL(r)
	if err != nil {
		return "", nil, err
	}
	q, err = ogcQuery(r, allowed...)
	return b + "/ogc", q, err
}

// ogcLanding answers the landing page; to a WFS client's probe
// (SERVICE=WFS&REQUEST=GetCapabilities…) as well, with a notice of what
// this server is and how to add it (wfsProbe).
func (s *Server) ogcLanding(w http.ResponseWriter, r *http.Request) {
	probe := wfsProbe(r)
	base, _, err := ogcRequest(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	page := map[string]any{
		"title":       "gasrisk — city gas network risk (OGC API – Features)",
		"description": "Pipe segments graded red/orange/yellow/blue by risk, stations, the hazard ledger and context layers, in CRS84.",
		"links": []link{
			{Href: base, Rel: "self", Type: mediaJSON, Title: "this document"},
			{Href: base + "/api", Rel: "service-desc", Type: mediaOpenAPI, Title: "the API definition"},
			{Href: base + "/conformance", Rel: "conformance", Type: mediaJSON, Title: "conformance classes"},
			{Href: base + "/collections", Rel: "data", Type: mediaJSON, Title: "the feature collections"},
		},
	}
	if probe {
		page["notice"] = wfsNotice(base)
	}
	writeJSON(w, http.StatusOK, page)
}

// ogcConformance answers the conformance declaration.
func (s *Server) ogcConformance(w http.ResponseWriter, r *http.Request) {
	if _, _, err := ogcRequest(r); err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"conformsTo": ogcConformance()})
}

// ogcCollections lists the collections.
func (s *Server) ogcCollections(w http.ResponseWriter, r *http.Request) {
	base, _, err := ogcRequest(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	var cs []map[string]any
	for _, id := range s.deps.OGC.Collections() {
		c, err := s.deps.OGC.Collection(r.Context(), id)
		if err != nil {
			Error(w, r, err)
			return
		}
		cs = append(cs, collectionJSON(base, c))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"links":       []link{{Href: base + "/collections", Rel: "self", Type: mediaJSON, Title: "the collections"}},
		"collections": cs,
	})
}

// ogcCollection describes one collection.
func (s *Server) ogcCollection(w http.ResponseWriter, r *http.Request) {
	base, _, err := ogcRequest(r)
	var c export.CollectionInfo
	if err == nil {
		c, err = s.deps.OGC.Collection(r.Context(), mux.Vars(r)["collectionId"])
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, collectionJSON(base, c))
}

// collectionJSON is a collection object with its links and extent.
func collectionJSON(base string, c export.CollectionInfo) map[string]any {
	self := base + "/collections/" + c.ID
	out := map[string]any{
		"id": c.ID, "title": c.Title, "itemType": "feature", "crs": []string{crs84},
		"links": []link{
			{Href: self, Rel: "self", Type: mediaJSON, Title: c.Title},
			{Href: self + "/items", Rel: "items", Type: mediaGeoJSON, Title: c.Title + " (GeoJSON)"},
			{Href: self + "/queryables", Rel: "http://www.opengis.net/def/rel/ogc/1.0/queryables", Type: mediaSchema,
				Title: "what a filter may name"},
			{Href: self + "/queryables", Rel: "queryables", Type: mediaJSON, Title: "what a filter may name"},
		},
	}
	if c.Extent != nil {
		out["extent"] = map[string]any{"spatial": map[string]any{"bbox": [][4]float64{c.Extent.Array()}, "crs": crs84}}
	}
	return out
}
