package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gasrisk/web"
)

func TestOGCQueryables(t *testing.T) {
	s := shared.get(t)
	srv := serve(t, s, web.Config{})
	for _, accept := range []string{"application/schema+json", "application/json"} {
		var q struct {
			Schema     string `json:"$schema"`
			Type       string
			Properties map[string]struct {
				Type, Title string
				Enum        []string
			}
			Queryables []struct{ ID string }
		}
		req, _ := http.NewRequest("GET", srv.URL+"/ogc/collections/segments/queryables", nil)
		req.Header.Set("Accept", accept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&q)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, accept) {
			t.Fatalf("Accept %s: %d %s", accept, resp.StatusCode, ct)
		}
		g := q.Properties["grade"]
		if q.Type != "object" || g.Type != "string" || len(g.Enum) != 4 || !strings.Contains(g.Title, "风险等级") ||
			q.Properties["install_year"].Type != "integer" || len(q.Queryables) != len(q.Properties) {
			t.Errorf("queryables %+v", q)
		}
		if _, ok := q.Properties["factors"]; ok {
			t.Error("factors (JSON) declared queryable")
		}
	}
	if code, _, _ := request(t, "GET", srv.URL+"/ogc/collections/valves/queryables", "", nil); code != 404 {
		t.Errorf("queryables of an unknown collection: %d", code)
	}
}

// TestOGCFilter: CQL2-text filters and the grade, district and finding
// parameters select what the same condition selects in SQL; malformed
// filters, unknown properties, wrong types and injection attempts are 400
// and change nothing.
func TestOGCFilter(t *testing.T) {
	s := shared.get(t)
	srv := serve(t, s, web.Config{})
	ctx := context.Background()
	count := func(cond string) int {
		var n int
		if err := s.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM segments WHERE run_id = (SELECT run_id FROM current_run) AND `+cond).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var district string
	s.DB.Pool.QueryRow(ctx, `SELECT district FROM segments WHERE district IS NOT NULL ORDER BY segment_id LIMIT 1`).Scan(&district)
	for _, tc := range []struct {
		filter string // "" = no filter parameter
		params string // other parameters, encoded
		want   int    // features matched; -1: 400
	}{
		{"grade = 'red'", "", count("grade = 'red'")},
		{"grade='red'", "filter-lang=cql-text", count("grade = 'red'")},
		{"grade = 'red'", "filter-lang=cql2-text", count("grade = 'red'")},
		{"", "grade=red", count("grade = 'red'")},
		{"", "grade=red,orange&district=" + url.QueryEscape(district), count("grade IN ('red','orange') AND district = '" + district + "'")},
		{"(grade IN ('red', 'orange')) AND (install_year < 1990)", "", count("grade IN ('red','orange') AND install_year < 1990")},
		{"NOT (grade = 'blue') OR diameter_mm >= 300", "", count("NOT (grade = 'blue') OR diameter_mm >= 300")},
		{"install_year BETWEEN 1980 AND 1995 AND material LIKE 's%'", "", count("install_year BETWEEN 1980 AND 1995 AND material LIKE 's%'")},
		{"material ILIKE 'STEEL'", "", count("material ILIKE 'steel'")},
		{"occupied = TRUE", "", count("occupied")},
		{"renewal_category IS NULL", "", count("renewal_category IS NULL")},
		{"grade = 'x'' OR ''1''=''1'", "", 0},
		{"grade = 'red'; DROP TABLE segments", "", -1},
		{"grade = 'red' OR 1=1", "", -1},
		{"grade = 'red' -- ", "", -1},
		{`"grade = 'red' OR TRUE" = 'x'`, "", -1},
		{`"grade; DROP TABLE segments" = 'x'`, "", -1},
		{"install_year = 'abc'", "", -1},
		{"grade = 3", "", -1},
		{"occupied > TRUE", "", -1},
		{"install_year LIKE '19%'", "", -1},
		{"factors = 'x'", "", -1},
		{"findings = 'aged'", "", -1},
		{"", "", -1},
		{"grade = 'red'", "filter-lang=cql2-json", -1},
		{"grade = 'red'", "filter-crs=EPSG:4326", -1},
		{"", "grade=pink", -1},
	} {
		t.Run(tc.filter+" "+tc.params, func(t *testing.T) {
			u := srv.URL + "/ogc/collections/segments/items?limit=10000&" + tc.params
			if tc.filter != "" || tc.want < 0 && tc.params == "" {
				u += "&filter=" + url.QueryEscape(tc.filter)
			}
			var p ogcPage
			code := qgisGet(t, u, "application/geo+json", &p)
			if tc.want < 0 {
				if code != 400 {
					t.Fatalf("status %d, want 400", code)
				}
				return
			}
			if code != 200 || p.NumberMatched == nil || *p.NumberMatched != tc.want || len(p.Features) != tc.want {
				t.Fatalf("status %d, matched %v, %d features; want %d", code, p.NumberMatched, len(p.Features), tc.want)
			}
		})
	}
	if n := count("true"); n == 0 {
		t.Error("segments gone")
	}
	code, _, body := request(t, "GET", srv.URL+"/ogc/collections/segments/items?filter="+url.QueryEscape("nope = 1"), "", nil)
	if code != 400 || !strings.Contains(string(body), "queryables: segment_id") {
		t.Errorf("unknown property: %d %s", code, body)
	}
}

// TestOGCCursorPaging: next links carry a cursor, prev links lead back
// to the same pages, and a cursor cannot be mixed with an offset.
func TestOGCCursorPaging(t *testing.T) {
	s := shared.get(t)
	srv := serve(t, s, web.Config{})
	get := func(u string) ogcPage {
		var p ogcPage
		if code := qgisGet(t, u, "application/geo+json", &p); code != 200 {
			t.Fatalf("%s: %d", u, code)
		}
		return p
	}
	ids := func(p ogcPage) (out []any) {
		for _, f := range p.Features {
			out = append(out, f.ID)
		}
		return out
	}
	base := srv.URL + "/ogc/collections/segments/items?limit=5&filter=" + url.QueryEscape("grade <> 'blue'")
	p1 := get(base)
	p2 := get(p1.link("next"))
	p3 := get(p2.link("next"))
	if !strings.Contains(p2.link("next"), "cursor=") || strings.Contains(p2.link("next"), "offset=") ||
		!strings.Contains(p2.link("next"), "filter=") {
		t.Errorf("next link %s", p2.link("next"))
	}
	back := get(p3.link("prev"))
	if len(ids(back)) != 5 || fmt.Sprint(ids(back)) != fmt.Sprint(ids(p2)) {
		t.Errorf("prev of page 3 is %v, page 2 was %v", ids(back), ids(p2))
	}
	first := get(back.link("prev"))
	if fmt.Sprint(ids(first)) != fmt.Sprint(ids(p1)) {
		t.Errorf("prev of page 2 is %v, page 1 was %v", ids(first), ids(p1))
	}
	byOffset := get(base + "&offset=10")
	if fmt.Sprint(ids(byOffset)) != fmt.Sprint(ids(p3)) || byOffset.link("prev") == "" {
		t.Errorf("offset 10 gives %v, the cursor's page 3 %v", ids(byOffset), ids(p3))
	}
	for _, bad := range []string{"cursor=nonsense", "cursor=YTpub3Q", "cursor=YToxMA&offset=5"} {
		if code, _, _ := request(t, "GET", srv.URL+"/ogc/collections/segments/items?"+bad, "", nil); code != 400 {
			t.Errorf("%s: %d, want 400", bad, code)
		}
	}
}
