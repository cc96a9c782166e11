package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"gasrisk/web"
)

// ogcPage is an items response as a client reads it.
type ogcPage struct {
	Type     string `json:"type"`
	Features []struct {
		ID         any            `json:"id"`
		Geometry   map[string]any `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
	NumberMatched  *int `json:"numberMatched"`
	NumberReturned *int `json:"numberReturned"`
	Links          []struct {
		Href, Rel, Type string
	} `json:"links"`
}

func (p ogcPage) link(rel string) string {
	for _, l := range p.Links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

// qgisGet requests a URL the way QGIS's OAPIF provider does: an Accept
// header and no format parameter.
func qgisGet(t *testing.T, url, accept string, v any) int {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept", accept)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == 200 && v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	}
	return resp.StatusCode
}

func TestOGCLandingConformanceCollections(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	var landing struct {
		Links []struct{ Href, Rel, Type string }
	}
	if code := qgisGet(t, srv.URL+"/ogc", "application/json", &landing); code != 200 {
		t.Fatalf("landing: %d", code)
	}
	rels := map[string]string{}
	for _, l := range landing.Links {
		rels[l.Rel] = l.Href
	}
	for _, rel := range []string{"self", "service-desc", "conformance", "data"} {
		if !strings.HasPrefix(rels[rel], srv.URL+"/ogc") {
			t.Errorf("landing link %s = %q", rel, rels[rel])
		}
	}
	var api map[string]any
	accept := "application/vnd.oai.openapi+json;version=3.0, application/openapi+json;version=3.0, application/json"
	if code := qgisGet(t, rels["service-desc"], accept, &api); code != 200 || api["openapi"] != "3.0.3" {
		t.Errorf("service-desc: %d %v", code, api["openapi"])
	}
	var conf struct{ ConformsTo []string }
	qgisGet(t, rels["conformance"], "application/json", &conf)
	if !slices.Contains(conf.ConformsTo, "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core") || len(conf.ConformsTo) != 9 {
		t.Errorf("conformance %v", conf.ConformsTo)
	}
	var cs struct {
		Collections []struct {
			ID     string
			Extent struct{ Spatial struct{ Bbox [][]float64 } }
			Links  []struct{ Href, Rel string }
		}
	}
	qgisGet(t, rels["data"], "application/json", &cs)
	var ids []string
	for _, c := range cs.Collections {
		ids = append(ids, c.ID)
		if c.ID != "sewers" && c.ID != "hazards" && (len(c.Extent.Spatial.Bbox) != 1 || c.Extent.Spatial.Bbox[0][0] < 115 || c.Extent.Spatial.Bbox[0][0] > 117) {
			t.Errorf("%s extent %v", c.ID, c.Extent)
		}
	}
	if !slices.Equal(ids, []string{"segments", "stations", "hazards", "buildings", "sewers"}) {
		t.Errorf("collections %v", ids)
	}
}

// TestOGCPaging follows next links through a collection: every feature
// once, numberMatched on every page.
func TestOGCPaging(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	var total int
	s.DB.Pool.QueryRow(t.Context(), `SELECT count(*) FROM segments WHERE run_id = (SELECT run_id FROM current_run)`).Scan(&total)
	if total < 3 {
		t.Fatalf("only %d segments", total)
	}
	url := srv.URL + "/ogc/collections/segments/items?limit=2"
	seen := map[any]bool{}
	for pages := 0; url != ""; pages++ {
		var p ogcPage
		if code := qgisGet(t, url, "application/geo+json, application/json", &p); code != 200 {
			t.Fatalf("%s: %d", url, code)
		}
		if p.Type != "FeatureCollection" || p.NumberMatched == nil || *p.NumberMatched != total ||
			p.NumberReturned == nil || *p.NumberReturned != len(p.Features) || len(p.Features) > 2 {
			t.Fatalf("page %d: %+v", pages, p)
		}
		for _, f := range p.Features {
			if seen[f.ID] {
				t.Fatalf("feature %v twice", f.ID)
			}
			seen[f.ID] = true
			if f.Properties["grade"] == nil || f.Geometry["type"] != "LineString" {
				t.Errorf("feature %v", f)
			}
		}
		if pages > 0 && p.link("prev") == "" {
			t.Errorf("page %d has no prev link", pages)
		}
		url = p.link("next")
		if pages > total {
			t.Fatal("next links do not end")
		}
	}
	if len(seen) != total {
		t.Errorf("paged through %d of %d segments", len(seen), total)
	}
}

func TestOGCBBoxAndFeature(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	var ext [4]float64
	s.DB.Pool.QueryRow(t.Context(), `SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM
		(SELECT ST_Transform(ST_MakeEnvelope($1::float8, $2::float8 - 10, $1::float8 + 300, $2::float8 + 10, 32650), 4326) e) s`,
		x0, y0).Scan(&ext[0], &ext[1], &ext[2], &ext[3])
	bbox := fmt.Sprintf("%.7f,%.7f,%.7f,%.7f", ext[0], ext[1], ext[2], ext[3])
	var p ogcPage
	qgisGet(t, srv.URL+"/ogc/collections/segments/items?bbox="+bbox+"&limit=1000", "application/geo+json", &p)
	if len(p.Features) == 0 || *p.NumberMatched != len(p.Features) {
		t.Fatalf("bbox page: %d features, matched %v", len(p.Features), p.NumberMatched)
	}
	for _, f := range p.Features {
		if f.Properties["pipe_id"] != "SHPB-1" {
			t.Errorf("bbox around SHPB-1 returned a segment of %v", f.Properties["pipe_id"])
		}
	}
	var world ogcPage
	qgisGet(t, srv.URL+"/ogc/collections/segments/items?bbox=-180,-90,180,90", "application/geo+json", &world)
	var antimeridian ogcPage
	qgisGet(t, srv.URL+"/ogc/collections/segments/items?bbox=170,-90,-170,90", "application/geo+json", &antimeridian)
	if *world.NumberMatched <= *p.NumberMatched || *antimeridian.NumberMatched != 0 {
		t.Errorf("world %d, antimeridian box %d, SHPB box %d", *world.NumberMatched, *antimeridian.NumberMatched, *p.NumberMatched)
	}
	id := p.Features[0].ID
	var f struct {
		Type       string
		ID         any
		Properties map[string]any
		Links      []struct{ Rel string }
	}
	url := fmt.Sprintf("%s/ogc/collections/segments/items/%v", srv.URL, id)
	if code := qgisGet(t, url, "application/geo+json", &f); code != 200 || f.Type != "Feature" || f.ID != id || len(f.Links) != 2 {
		t.Errorf("feature %v: %d %+v", id, code, f)
	}
	var st struct{ ID any }
	if code := qgisGet(t, srv.URL+"/ogc/collections/stations/items/T-1", "application/geo+json", &st); code != 200 || st.ID != "T-1" {
		t.Errorf("station T-1: %d %v", code, st.ID)
	}
}

func TestOGCErrors(t *testing.T) {
	s := permitCity(t)
	srv := serve(t, s, web.Config{})
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/ogc/collections/valves", 404},
		{"/ogc/collections/valves/items", 404},
		{"/ogc/collections/segments/items/999999999", 404},
		{"/ogc/collections/segments/items/abc", 404},
		{"/ogc/collections/stations/items/nope", 404},
		{"/ogc/collections/segments/items?limit=0", 400},
		{"/ogc/collections/segments/items?limit=ten", 400},
		{"/ogc/collections/segments/items?offset=-1", 400},
		{"/ogc/collections/segments/items?bbox=1,2,3", 400},
		{"/ogc/collections/segments/items?bbox=1,5,3,4", 400},
		{"/ogc/collections/segments/items?datetime=yesterday", 400},
		{"/ogc/collections/segments/items?colour=red", 400},
		{"/ogc/collections/segments/items?f=html", 400},
		{"/ogc/collections?foo=1", 400},
		{"/ogc/collections/segments/items?limit=100000&f=json", 200},
		{"/ogc/collections/segments/items?datetime=2026-01-01T00:00:00Z/..", 200},
		{"/ogc/?f=json", 200},
	} {
		t.Run(tc.path, func(t *testing.T) {
			code, h, body := request(t, "GET", srv.URL+tc.path, "", nil)
			if code != tc.status {
				t.Fatalf("status %d, want %d: %s", code, tc.status, body)
			}
			if code != 200 && (!strings.HasPrefix(h.Get("Content-Type"), "application/json") || !strings.Contains(string(body), `"error"`)) {
				t.Errorf("error body %q (%s)", body, h.Get("Content-Type"))
			}
		})
	}
}
