package export

import (
	"context"
	"gasrisk/geo"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/riskmodel"
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
	Name    string   `json:"name"`
	Type    string   `json:"type"`             // JSON Schema type: string, integer, number, boolean, array, object
	Format  string   `json:"format,omitempty"` // JSON Schema format of strings: date, date-time
	Enum    []string `json:"enum,omitempty"`   // the values it takes, where they are few
	Title   string   `json:"title"`
	TitleZH string   `json:"title_zh"`
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
		info.Properties = append(info.Properties, c.property())
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

// property describes a column.
func (c column) property() Property {
	p := Property{Name: c.key, Type: jsonType(c.kind), Title: c.en, TitleZH: c.zh}
	switch c.kind {
	case kDate:
		p.Format = "date"
	case kTime:
		p.Format = "date-time"
	case kGrade:
		for _, g := range riskmodel.Grades() {
			p.Enum = append(p.Enum, string(g))
		}
	}
	return p
}

// Queryables lists the properties of a collection a filter may name
// (OGC API – Features – Part 3), in the order of its properties.
func (o *OGC) Queryables(ctx context.Context, id string) (_ []Property, err error) {
	defer data.Annotate(&err, "export.Queryables")
	t, _, err := o.target(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []Property
	for _, c := range t.queryables() {
		out = append(out, c.property())
	}
	return out, nil
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
