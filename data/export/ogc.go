package export

import (
	"context"
	"fmt"
	"gasrisk/geo"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gasrisk"
	"gasrisk/data"
)

// OGCCollections lists the collections of the OGC API – Features, in the
// order they are listed.
func OGCCollections() []string {
	return []string{"segments", "stations", "hazards", "buildings", "sewers"}
}

// Collections lists the collections of the OGC API – Features.
func (o *OGC) Collections() []string { return OGCCollections() }

func errUnknownCollection(name string) error {
	return gasrisk.Errorf(gasrisk.ENOTFOUND, "no collection %q (known: %s)", name, strings.Join(OGCCollections(), ", "))
}

// OGC serves the feature collections of the OGC API – Features. It keeps
// the counts and extents it computed for the data as it stands (the
// current run and the latest import), so that paging through a large
// collection does not count it again for every page.
type OGC struct {
	store *Service
	mu    sync.Mutex
	memo  map[string]any // key: collection, filter, run, import → count or extent
}

// NewOGC returns the OGC API service over a store.
func NewOGC(s *Service) *OGC { return &OGC{store: s, memo: map[string]any{}} }

// ogcMemoMax bounds the memo; it is dropped whole when full.
const ogcMemoMax = 1024

// Property is one property of a collection's features.
type Property struct {
	Name  string `json:"name"`
	Type  string `json:"type"` // JSON Schema type: string, integer, number, boolean, array, object
	Title string `json:"title"`
}

// CollectionInfo describes a collection: its title, extent and properties.
type CollectionInfo struct {
	ID         string
	Title      string
	Extent     *geo.BBox // in CRS84; nil when empty
	Properties []Property
	IDIsText   bool // feature ids are strings (else integers)
}

// Collection describes a collection.
func (o *OGC) Collection(ctx context.Context, id string) (_ CollectionInfo, err error) {
	defer data.Annotate(&err, "export.Collection")
	t, version, err := o.target(ctx, id)
	if err != nil {
		return CollectionInfo{}, err
	}
	info := CollectionInfo{ID: t.name, Title: t.title, IDIsText: t.idText}
	for _, c := range t.cols {
		info.Properties = append(info.Properties, Property{Name: c.key, Type: jsonType(c.kind), Title: c.en})
	}
	key := "extent|" + id + "|" + version
	if v, ok := o.recall(key); ok {
		info.Extent = v.(*geo.BBox)
		return info, nil
	}
	var b [4]*float64
	err = o.store.db.Pool.QueryRow(ctx, `SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (
		SELECT ST_Transform(ST_SetSRID(ST_Extent(`+t.geom3857+`)::geometry, 3857), 4326) AS e FROM `+t.from+
		whereClause(t.where)+`) s`).Scan(&b[0], &b[1], &b[2], &b[3])
	if err != nil {
		return info, err
	}
	if b[0] != nil {
		info.Extent = &geo.BBox{W: *b[0], S: *b[1], E: *b[2], N: *b[3]}
	}
	o.remember(key, info.Extent)
	return info, nil
}

func whereClause(cond string) string {
	if cond == "" {
		return ""
	}
	return " WHERE " + cond
}

// jsonType is the JSON Schema type of a column kind.
func jsonType(k colKind) string {
	switch k {
	case kInt:
		return "integer"
	case kNum:
		return "number"
	case kBool:
		return "boolean"
	case kJSON, kTextArray:
		return "array"
	}
	return "string"
}

// target resolves a collection and the version of the data it shows.
func (o *OGC) target(ctx context.Context, id string) (*target, string, error) {
	if !slices.Contains(OGCCollections(), id) {
		return nil, "", errUnknownCollection(id)
	}
	t, err := o.store.resolveTarget(ctx, id)
	if err != nil {
		return nil, "", err
	}
	var imp int64
	if err := o.store.db.Pool.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM imports`).Scan(&imp); err != nil {
		return nil, "", err
	}
	return t, strconv.FormatInt(t.run, 10) + "|" + strconv.FormatInt(imp, 10), nil
}

func (o *OGC) recall(key string) (any, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	v, ok := o.memo[key]
	return v, ok
}

func (o *OGC) remember(key string, v any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.memo) >= ogcMemoMax {
		clear(o.memo)
	}
	o.memo[key] = v
}

// ItemsQuery selects one page of a collection.
type ItemsQuery struct {
	Filter        SegmentFilter
	Limit, Offset int // Limit ≤ 0: 100
}

// Items writes one page of a collection's features, in id order, as
// comma-separated GeoJSON Feature objects, and returns how many features
// match the filter in all and how many it wrote.
func (o *OGC) Items(ctx context.Context, w io.Writer, id string, q ItemsQuery) (matched, returned int, err error) {
	defer data.Annotate(&err, "export.Items")
	t, version, err := o.target(ctx, id)
	if err != nil {
		return 0, 0, err
	}
	f, err := o.store.resolveFilter(ctx, t, q.Filter)
	if err != nil {
		return 0, 0, err
	}
	if matched, err = o.count(ctx, t, f, version); err != nil {
		return 0, 0, err
	}
	if q.Limit <= 0 {
		q.Limit = 100
	}
	var a argList
	sql := t.query(f, geomGeoJSON, &a) + fmt.Sprintf(" LIMIT %d OFFSET %d", q.Limit, max(q.Offset, 0))
	rows, err := o.store.db.Pool.Query(ctx, sql, append([]any{textResults}, a.vals...)...)
	if err != nil {
		return matched, 0, err
	}
	defer rows.Close()
	enc := newGeoJSONEncoder(t, langEN)
	buf := make([]byte, 0, 1<<14)
	for rows.Next() {
		buf = enc.encode(buf[:0], rows.RawValues())
		if returned == 0 {
			buf = buf[enc.sep():]
		}
		if _, err := w.Write(buf); err != nil {
			return matched, returned, err
		}
		returned++
	}
	return matched, returned, rows.Err()
}

// count counts the features passing f, remembered per data version.
func (o *OGC) count(ctx context.Context, t *target, f SegmentFilter, version string) (int, error) {
	key := fmt.Sprintf("count|%s|%q|%q|%q|%s", t.name, f.Grades, f.Districts, f.Findings, version)
	if f.BBox != nil {
		key += fmt.Sprint(*f.BBox)
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

// Feature returns one feature of a collection as a GeoJSON Feature with
// the given links member (a JSON array).
func (o *OGC) Feature(ctx context.Context, id, fid string, links []byte) (_ []byte, err error) {
	defer data.Annotate(&err, "export.Feature")
	t, _, err := o.target(ctx, id)
	if err != nil {
		return nil, err
	}
	var a argList
	var cond string
	if t.idText {
		cond = t.id + " = " + a.add(fid)
	} else {
		n, err := strconv.ParseInt(fid, 10, 64)
		if err != nil {
			return nil, gasrisk.Errorf(gasrisk.ENOTFOUND, "no feature %q in %s (ids are integers)", fid, id)
		}
		cond = t.id + " = " + a.add(n)
	}
	rows, err := o.store.db.Pool.Query(ctx, t.query(SegmentFilter{}, geomGeoJSON, &a, cond), append([]any{textResults}, a.vals...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, gasrisk.Errorf(gasrisk.ENOTFOUND, "no feature %q in %s", fid, id)
	}
	b := newGeoJSONEncoder(t, langEN).feature(nil, rows.RawValues())
	b = append(append(append(b[:len(b)-1], `,"links":`...), links...), '}')
	rows.Close()
	return b, rows.Err()
}
