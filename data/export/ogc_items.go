package export

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gasrisk"
	"gasrisk/data"
)

// ItemsQuery selects one page of a collection. A page starts at Offset
// features into the collection (cost growing with the offset), or, keyset
// paging, right after the feature with id After or right before the one
// with id Before (cost independent of the position): at most one of
// Offset, After and Before is set.
type ItemsQuery struct {
	Filter        SegmentFilter
	Limit, Offset int    // Limit ≤ 0: 100
	After, Before string // feature ids (their text), "" = unset
}

// Page describes a page written by Items.
type Page struct {
	Matched  int    // features matching the filter in all
	Returned int    // features on this page
	First    string // id of the first feature written ("" if none)
	Last     string // id of the last feature written
	More     bool   // features follow the last one
	Earlier  bool   // features may precede the first one
}

// Items writes one page of a collection's features, in id order, as
// comma-separated GeoJSON Feature objects.
func (o *OGC) Items(ctx context.Context, w io.Writer, id string, q ItemsQuery) (_ Page, err error) {
	defer data.Annotate(&err, "export.Items")
	pq, err := o.pageQuery(ctx, id, q)
	if err != nil {
		return Page{}, err
	}
	page := Page{Matched: pq.matched}
	rows, err := o.store.db.Pool.Query(ctx, pq.sql, append([]any{textResults}, pq.args...)...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	enc := newGeoJSONEncoder(pq.t, langEN)
	buf := make([]byte, 0, 1<<14)
	for rows.Next() {
		v := rows.RawValues()
		if page.Returned == pq.limit { // the probe row: there is a next page
			page.More = true
			break
		}
		buf = enc.encode(buf[:0], v)
		if page.Returned == 0 {
			buf = buf[enc.sep():]
			page.First = string(v[0])
		}
		if _, err := w.Write(buf); err != nil {
			return page, err
		}
		page.Last = string(v[0])
		page.Returned++
	}
	rows.Close()
	switch {
	case q.Before != "":
		page.More, page.Earlier = true, page.Returned == pq.limit
	case q.After != "":
		page.Earlier = true
	default:
		page.Earlier = q.Offset > 0
	}
	return page, rows.Err()
}

// itemsQuery is the SQL of one page and what it needs besides.
type itemsQuery struct {
	t       *target
	sql     string
	args    []any
	limit   int
	matched int
}

// pageQuery builds the query of a page: in id order from a keyset cursor
// (the id index finds the start) or from an offset, reading one row past
// the page to tell whether another follows. Going back from a cursor
// reads the page backwards and puts it in order again.
func (o *OGC) pageQuery(ctx context.Context, id string, q ItemsQuery) (itemsQuery, error) {
	t, version, err := o.target(ctx, id)
	if err != nil {
		return itemsQuery{}, err
	}
	if (q.After != "") && (q.Before != "") || (q.After != "" || q.Before != "") && q.Offset > 0 {
		return itemsQuery{}, gasrisk.Errorf(gasrisk.EINVALID, "a page starts at a cursor or at an offset, not both")
	}
	f, err := o.store.resolveFilter(ctx, t, q.Filter)
	if err != nil {
		return itemsQuery{}, err
	}
	pq := itemsQuery{t: t, limit: q.Limit}
	if pq.limit <= 0 {
		pq.limit = 100
	}
	if pq.matched, err = o.count(ctx, t, f, version); err != nil {
		return pq, err
	}
	var a argList
	switch {
	case q.After != "" || q.Before != "":
		key, err := t.cursorValue(q.After + q.Before)
		if err != nil {
			return pq, err
		}
		if q.After != "" {
			pq.sql = t.query(f, geomGeoJSON, &a, t.id+" > "+a.add(key)) + fmt.Sprintf(" LIMIT %d", pq.limit+1)
			break
		}
		pq.sql = "SELECT * FROM (" + t.query(f, geomGeoJSON, &a, t.id+" < "+a.add(key)) +
			fmt.Sprintf(" DESC LIMIT %d) page ORDER BY 1", pq.limit)
	default:
		pq.sql = t.query(f, geomGeoJSON, &a) + fmt.Sprintf(" LIMIT %d OFFSET %d", pq.limit+1, max(q.Offset, 0))
	}
	pq.args = a.vals
	return pq, nil
}

// cursorValue is a feature id of t read from a cursor: an integer or text.
func (t *target) cursorValue(id string) (any, error) {
	if t.idText {
		return id, nil
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "cursor: not a cursor of %s (start again from the first page)", t.name)
	}
	return n, nil
}

// count counts the features passing f, remembered per data version.
func (o *OGC) count(ctx context.Context, t *target, f SegmentFilter, version string) (int, error) {
	key := fmt.Sprintf("count|%s|%q|%q|%q|%s", t.name, f.Grades, f.Districts, f.Findings, version)
	if f.BBox != nil {
		key += fmt.Sprint(*f.BBox)
	}
	if f.Where != nil {
		key += "|" + f.Where.String()
	}
	if v, ok := o.recall(key); ok {
		return v.(int), nil
	}
	var a argList
	q := "SELECT count(*) FROM " + t.from
	if where := t.conditions(f, &a); len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	var n int
	if err := o.store.db.Pool.QueryRow(ctx, q, a.vals...).Scan(&n); err != nil {
		return 0, err
	}
	o.remember(key, n)
	return n, nil
}
