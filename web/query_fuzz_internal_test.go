package web

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"gasrisk"
)

// FuzzQueryFilters: the query-string readers of the hazard list, the
// exports, the OGC items and the printed map never panic on any query
// the text check (checkText) lets through, refuse only with 4xx codes,
// and what they accept holds its invariants (limits and offsets not
// negative, a bbox with west ≤ east and south ≤ north, an accepted hazard
// filter that validates).
func FuzzQueryFilters(f *testing.F) {
	for _, s := range []string{"", "state=reported,verified&kind=third_party&grade=red&district=A&overdue=true&limit=10&offset=5&sort=grade",
		"grade=red&bbox=114.2,30.5,114.4,30.6&district=东湖&finding=occupation&lang=en", "limit=0&offset=-1",
		"bbox=1,2,3,4,5,6&datetime=2026-01-01/..", "bbox=nan,1,2,3", "size=A3&dpi=300&orientation=portrait&district=x",
		"limit=99999999999999999999", "overdue=maybe", "dpi=1e3", "bbox=-180,-90,180,90", "%zz", "a=1;b=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = raw
		if checkText(r) != nil {
			return
		}
		q, _ := url.ParseQuery(raw)
		fourxx := func(what string, err error) bool {
			if err == nil {
				return false
			}
			if s := statusOf(gasrisk.ErrorCode(err)); s < 400 || s >= 500 {
				t.Fatalf("%s refused %q with %v (status %d)", what, raw, err, s)
			}
			return true
		}
		if hf, err := hazardFilter(r, true); !fourxx("hazardFilter", err) {
			if hf.Limit < 0 || hf.Offset < 0 {
				t.Fatalf("hazard filter of %q: limit %d offset %d", raw, hf.Limit, hf.Offset)
			}
			fourxx("hazard filter Validate", hf.Validate())
		}
		if o, err := exportOptions("segments.geojson", q, []string{"segments", "stations", "hazards"}); !fourxx("exportOptions", err) && o.Filter.BBox != nil {
			if b := o.Filter.BBox; !(b.W <= b.E && b.S <= b.N) {
				t.Fatalf("export bbox of %q: %+v", raw, b)
			}
		}
		if iq, err := itemsQuery(q); !fourxx("itemsQuery", err) && (iq.Limit < 1 || iq.Limit > ogcMaxLimit || iq.Offset < 0) {
			t.Fatalf("items query of %q: %+v", raw, iq)
		}
		if _, page, err := printMapParams(q.Get("district"), q.Get("bbox"), q.Get("size"), q.Get("orientation"), q.Get("dpi")); !fourxx("printMapParams", err) {
			if w, h := page.Pixels(); w <= 0 || h <= 0 || w*h > 4961*3508 {
				t.Fatalf("print page of %q: %d × %d", raw, w, h)
			}
		}
	})
}
