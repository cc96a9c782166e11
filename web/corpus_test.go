package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"gasrisk/data/datatest"
	"gasrisk/printmap"
	"gasrisk/tiles"
	"gasrisk/web"
)

// corpusCity is the city the bad-input corpus runs against (its own: the
// corpus checks that nothing in it changes).
var corpusCity city

// corpusCase is one bad request.
type corpusCase struct {
	method, path, contentType string
	body                      []byte
}

// badPathValues replace one path variable at a time.
var badPathValues = []string{"%00", "%ff%fe", "..%2F..%2Fetc%2Fpasswd", "..", "'%20OR%201=1--", "-1",
	"99999999999999999999", strings.Repeat("a", 5000), "%3Cscript%3E", "NaN"}

// badQueries are appended to every route.
var badQueries = []string{"district=%00", "district=%ff%fe", "lang=%c3%28", "bbox=1,2,3", "bbox=nan,nan,nan,nan",
	"bbox=-999,-999,999,999", "bbox=1e308,1e308,-1e308,-1e308", "limit=-1", "limit=99999999999999999999", "offset=abc",
	"grade=red%27%20OR%201=1--", "state=%3BDROP%20TABLE%20hazards%3B--", "lang=xx", "dpi=100000", "size=A0",
	"orientation=sideways", "datetime=..%2F..", "district=" + strings.Repeat("%E5%8C%BA", 3000), "%zz=1", "a=1;b=2",
	"sort=../../etc/passwd", "kind=%00%00", "finding=%7B%7D", "overdue=maybe", "format=xml", "f=%ff"}

// badBodies are sent to every POST route.
var badBodies = []string{``, `{`, `}`, `[]`, `null`, `"x"`, `1e999`, `{"a":1}{"b":2}`, `{"to":1}`, `{"to":"%00"}`,
	"{\"to\":\"\x00\"}", "{\"to\":\"\xff\xfe\"}", `{"to":"closed","note":"' OR 1=1--"}`, `{"geometry":"x"}`,
	`{"geometry":{"type":"Point","coordinates":["a","b"]},"work_kind":1,"depth_m":"deep","start":2,"end":[],"applicant":{}}`,
	`{"geometry":{"type":"Point","coordinates":[181,91]},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
	`{"geometry":{"type":"LineString","coordinates":[[0,90],[180,90]]},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
	`{"geometry":{"type":"LineString","coordinates":[[114.3,30.5],[114.3,30.5]]},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
	`{"geometry":{"type":"Polygon","coordinates":[[[114.3,30.5],[114.31,30.51],[114.31,30.5],[114.3,30.51],[114.3,30.5]]]},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
	`{"geometry":{"type":"Polygon","coordinates":[[[114.3,30.5],[114.31,30.5],[114.31,30.51]]]},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
	`{"geometry":{"type":"GeometryCollection","geometries":[]},"work_kind":"excavation","depth_m":1,"start":"2026-07-01","end":"2026-07-02","applicant":"x"}`,
	`{"geometry":{"type":"Point","coordinates":[114.3,30.5]},"work_kind":"excavation","depth_m":-5,"start":"2026-07-02","end":"2026-07-01","applicant":"x"}`,
	`{"geometry":{"type":"Point","coordinates":[114.3,30.5]},"work_kind":"excavation","depth_m":1,"start":"2026-13-45","end":"../..","applicant":"x"}`,
	strings.Repeat("[", 100000), `{"x":"` + strings.Repeat("y", 2<<20) + `"}`,
}

// expand turns a route template into a request path with sample values.
func expand(tmpl string, override map[string]string) string {
	return regexp.MustCompile(`\{([^}:]+)(?::([^}]*))?\}`).ReplaceAllStringFunc(tmpl, func(v string) string {
		m := regexp.MustCompile(`\{([^}:]+)(?::([^}]*))?\}`).FindStringSubmatch(v)
		if o, ok := override[m[1]]; ok {
			return o
		}
		if m[2] != "" {
			return strings.Split(m[2], "|")[0]
		}
		switch m[1] {
		case "id", "featureId":
			return "1"
		case "ticket_id":
			return "PT-AAAAAAAAAAAAAAAA"
		case "collectionId", "layer":
			return "segments"
		case "z":
			return "14"
		case "x":
			return "13000"
		case "file":
			if strings.HasPrefix(tmpl, "/tiles/") {
				return "6000.pbf"
			}
			return "segments.geojson"
		}
		return m[1]
	})
}

func pathVars(tmpl string) []string {
	var vs []string
	for _, m := range regexp.MustCompile(`\{([^}:]+)(:[^}]*)?\}`).FindAllStringSubmatch(tmpl, -1) {
		vs = append(vs, m[1])
	}
	return vs
}

// corpus builds the bad requests for every route the server lists.
func corpus(routes []web.Route) []corpusCase {
	var cs []corpusCase
	for _, r := range routes {
		path := expand(r.Path, nil)
		if strings.HasSuffix(path, "/") && path != "/" {
			path += "index.html"
		}
		post := len(r.Methods) > 0 && r.Methods[0] == http.MethodPost
		method := http.MethodGet
		if post {
			method = http.MethodPost
		}
		for _, q := range badQueries {
			cs = append(cs, corpusCase{method: method, path: path + "?" + q, contentType: "application/json", body: []byte(`{}`)})
		}
		for _, v := range pathVars(r.Path) {
			for _, bad := range badPathValues {
				cs = append(cs, corpusCase{method: method, path: expand(r.Path, map[string]string{v: bad}), contentType: "application/json"})
			}
		}
		cs = append(cs, corpusCase{method: http.MethodDelete, path: path}, corpusCase{method: http.MethodPut, path: path, body: []byte(`{}`)})
		if post {
			for _, b := range badBodies {
				cs = append(cs, corpusCase{method: method, path: path, contentType: "application/json", body: []byte(b)})
			}
			for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "%00"} {
				cs = append(cs, corpusCase{method: method, path: path, contentType: ct, body: []byte(`{}`)})
			}
		}
	}
	return cs
}

// fingerprint is a digest of every table's rows, but the API keys (their
// last use), permit tickets and the audit log, which a refused request
// may write by design (refusals are audited).
func fingerprint(t *testing.T, s datatest.Services) string {
	t.Helper()
	ctx := context.Background()
	rows, err := s.DB.Pool.Query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
		AND table_name NOT IN ('api_keys', 'permit_tickets', 'audit_log', 'spatial_ref_sys') ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tbl := range tables {
		var n int64
		var digest *string
		err := s.DB.Pool.QueryRow(ctx, fmt.Sprintf(`SELECT count(*), md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) FROM %q t`, tbl)).Scan(&n, &digest)
		if err != nil {
			t.Fatal(err)
		}
		d := ""
		if digest != nil {
			d = *digest
		}
		fmt.Fprintf(&b, "%s %d %s\n", tbl, n, d)
	}
	return b.String()
}

// TestBadInputCorpus sends every route the bad-input corpus (malformed
// JSON, wrong types, NUL and invalid UTF-8, injection strings, traversal,
// oversized bodies, geometry edge cases) with an admin key: no answer is
// a 5xx, and the data is unchanged.
func TestBadInputCorpus(t *testing.T) {
	s := corpusCity.get(t)
	rend, err := printmap.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	deps := fullDeps(s)
	deps.Printer = rend
	deps.Tiles = tiles.New(s.Tiles, tiles.DefaultConfig())
	h := web.New(web.Config{Permits: web.PermitConfig{Rate: -1}}, deps)
	srv := httptest.NewServer(h)
	defer srv.Close()
	key := newKey(t, s, "corpus", "admin")
	cases := corpus(h.Routes())
	if len(cases) < 300 {
		t.Fatalf("the corpus has %d cases, want ≥ 300", len(cases))
	}
	before := fingerprint(t, s)
	statuses := map[int]int{}
	for _, c := range cases {
		req, err := http.NewRequest(c.method, srv.URL+c.path, bytes.NewReader(c.body))
		if err != nil { // a path the client itself refuses to send
			t.Fatalf("%s %.100s: %v", c.method, c.path, err)
		}
		req.Header.Set("Authorization", "Bearer "+key)
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("%s %.100s: %v", c.method, c.path, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		if len(body) > 300 {
			body = body[:300]
		}
		resp.Body.Close()
		statuses[resp.StatusCode]++
		if resp.StatusCode >= 500 {
			t.Errorf("%s %.100s (body %.60q): %d %s", c.method, c.path, c.body, resp.StatusCode, body)
		}
	}
	t.Logf("%d cases over %d routes; statuses %v", len(cases), len(h.Routes()), statuses)
	if after := fingerprint(t, s); after != before {
		t.Errorf("the data changed:\nbefore\n%s\nafter\n%s", before, after)
	}
}
