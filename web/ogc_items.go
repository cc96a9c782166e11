package web

import (
	"bufio"
	"encoding/json"
	"fmt"
	"gasrisk/data/export"
	"gasrisk/geo"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"gasrisk"
)

// Paging of items: the limit's default and maximum (also in the API
// definition, where QGIS reads them).
const (
	ogcDefaultLimit = 100
	ogcMaxLimit     = 10000
)

// itemsParams are the query parameters of an items request.
func itemsParams() []string {
	return []string{"bbox", "limit", "offset", "cursor", "datetime", "filter", "filter-lang", "filter-crs",
		"grade", "district", "finding"}
}

// itemsQuery reads limit (1.., larger values are served as the maximum),
// offset or cursor, bbox (CRS84, 4 or 6 numbers), datetime (checked; the
// collections have no temporal extent, so it selects every feature), the
// property filters grade, district and finding, and a CQL2 filter.
func itemsQuery(q url.Values) (export.ItemsQuery, error) {
	iq := export.ItemsQuery{Limit: ogcDefaultLimit}
	iq.Filter = export.SegmentFilter{Grades: listParam(q, "grade"), Districts: listParam(q, "district"),
		Findings: listParam(q, "finding")}
	where, err := filterParam(q)
	if err != nil {
		return iq, err
	}
	iq.Filter.Where = where
	if v := q.Get("cursor"); q.Has("cursor") {
		if q.Has("offset") {
			return iq, gasrisk.Errorf(gasrisk.EINVALID, "cursor and offset: give one (the next links carry a cursor)")
		}
		var err error
		if iq.After, iq.Before, err = decodeCursor(v); err != nil {
			return iq, err
		}
	}
	if v := q.Get("limit"); q.Has("limit") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return iq, gasrisk.Errorf(gasrisk.EINVALID, "limit %q: want a whole number from 1 to %d", v, ogcMaxLimit)
		}
		iq.Limit = min(n, ogcMaxLimit)
	}
	if v := q.Get("offset"); q.Has("offset") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return iq, gasrisk.Errorf(gasrisk.EINVALID, "offset %q: want a whole number ≥ 0", v)
		}
		iq.Offset = n
	}
	if v := q.Get("bbox"); q.Has("bbox") {
		b, err := geo.ParseBBox(v, true)
		if err != nil {
			return iq, err
		}
		iq.Filter.BBox = &b
	}
	if v := q.Get("datetime"); q.Has("datetime") && !validDatetime(v) {
		return iq, gasrisk.Errorf(gasrisk.EINVALID, "datetime %q: want an RFC 3339 date-time or an interval a/b (.. for open)", v)
	}
	return iq, nil
}

// validDatetime checks an OGC datetime: an instant or an interval.
func validDatetime(v string) bool {
	instant := func(s string) bool {
		if _, err := time.Parse(time.RFC3339, s); err == nil {
			return true
		}
		_, err := time.Parse(time.DateOnly, s)
		return err == nil
	}
	a, b, interval := strings.Cut(v, "/")
	if !interval {
		return instant(v)
	}
	open := func(s string) bool { return s == ".." || s == "" }
	return !(open(a) && open(b)) && (open(a) || instant(a)) && (open(b) || instant(b))
}

// ogcItems answers one page of a collection's features: a GeoJSON
// FeatureCollection with numberMatched, numberReturned, timeStamp and
// self, collection, next and prev links, streamed. next links carry a
// keyset cursor, so that every page costs what the first one does.
func (s *Server) ogcItems(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["collectionId"]
	base, q, err := ogcRequest(r, itemsParams()...)
	var iq export.ItemsQuery
	if err == nil {
		iq, err = itemsQuery(q)
	}
	if err != nil {
		Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", mediaGeoJSON)
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<16)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	page, err := s.deps.OGC.Items(r.Context(), bw, id, iq)
	if err != nil {
		if cw.n == 0 {
			Error(w, r, timedOut(w, r, err))
			return
		}
		slog.Error("OGC items failed mid-stream", "path", r.URL.Path, "err", err)
		panic(http.ErrAbortHandler)
	}
	links, _ := json.Marshal(pageLinks(base+"/collections/"+id, q, iq, page))
	fmt.Fprintf(bw, `],"numberMatched":%d,"numberReturned":%d,"timeStamp":%q,"links":%s}`,
		page.Matched, page.Returned, time.Now().UTC().Format(time.RFC3339), links)
	bw.Flush()
}

// pageLinks are the links of an items page: self, collection, next (a
// cursor after the last feature) where more follow, and prev (a cursor
// before the first feature, or the previous offset for offset paging)
// where features may precede.
func pageLinks(coll string, q url.Values, iq export.ItemsQuery, p export.Page) []link {
	page := func(set func(url.Values)) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "offset" && k != "cursor" {
				v[k] = vs
			}
		}
		v.Set("limit", strconv.Itoa(iq.Limit))
		set(v)
		return coll + "/items?" + v.Encode()
	}
	self := coll + "/items"
	if len(q) > 0 {
		self += "?" + q.Encode()
	}
	links := []link{
		{Href: self, Rel: "self", Type: mediaGeoJSON, Title: "this page"},
		{Href: coll, Rel: "collection", Type: mediaJSON, Title: "the collection"},
	}
	if p.More && p.Last != "" {
		links = append(links, link{Href: page(func(v url.Values) { v.Set("cursor", encodeCursor(cursorAfter, p.Last)) }),
			Rel: "next", Type: mediaGeoJSON, Title: "next page"})
	}
	switch {
	case !p.Earlier:
	case iq.After == "" && iq.Before == "":
		links = append(links, link{Href: page(func(v url.Values) { v.Set("offset", strconv.Itoa(max(0, iq.Offset-iq.Limit))) }),
			Rel: "prev", Type: mediaGeoJSON, Title: "previous page"})
	case p.First != "":
		links = append(links, link{Href: page(func(v url.Values) { v.Set("cursor", encodeCursor(cursorBefore, p.First)) }),
			Rel: "prev", Type: mediaGeoJSON, Title: "previous page"})
	}
	return links
}

// ogcFeature answers one feature with its self and collection links.
func (s *Server) ogcFeature(w http.ResponseWriter, r *http.Request) {
	v := mux.Vars(r)
	base, _, err := ogcRequest(r)
	if err != nil {
		Error(w, r, err)
		return
	}
	coll := base + "/collections/" + v["collectionId"]
	links, _ := json.Marshal([]link{
		{Href: coll + "/items/" + url.PathEscape(v["featureId"]), Rel: "self", Type: mediaGeoJSON, Title: "this feature"},
		{Href: coll, Rel: "collection", Type: mediaJSON, Title: "the collection"},
	})
	b, err := s.deps.OGC.Feature(r.Context(), v["collectionId"], v["featureId"], links)
	if err != nil {
		Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", mediaGeoJSON)
	w.Write(b)
}
