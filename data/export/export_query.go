package export

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gasrisk"
	"gasrisk/riskmodel"
)

// argList numbers the $n parameters of a query as they are added.
type argList struct{ vals []any }

// add appends v and returns its placeholder.
func (a *argList) add(v any) string {
	a.vals = append(a.vals, v)
	return "$" + strconv.Itoa(len(a.vals))
}

// resolveFilter checks f against what t can be filtered by and resolves
// district names to ids; unknown values are refused with the known ones.
func (s *Service) resolveFilter(ctx context.Context, t *target, f SegmentFilter) (SegmentFilter, error) {
	if len(f.Grades) > 0 && t.grade == "" {
		return f, gasrisk.Errorf(gasrisk.EINVALID, "%s have no grade: drop the grade filter", t.name)
	}
	for _, g := range f.Grades {
		if _, err := riskmodel.ParseGrade(g); err != nil {
			return f, gasrisk.Errorf(gasrisk.EINVALID, "grade: %v", err)
		}
	}
	for _, v := range f.Findings {
		if !slices.Contains(t.findings, v) {
			if len(t.findings) == 0 {
				return f, gasrisk.Errorf(gasrisk.EINVALID, "%s have no findings: drop the finding filter", t.name)
			}
			return f, gasrisk.Errorf(gasrisk.EINVALID, "unknown finding %q for %s (known: %s)", v, t.name,
				strings.Join(t.findings, ", "))
		}
	}
	if f.BBox != nil {
		if err := checkBBox(*f.BBox, true); err != nil {
			return f, err
		}
	}
	if len(f.Districts) == 0 {
		return f, nil
	}
	ids, err := s.districtIDs(ctx, f.Districts)
	f.Districts = ids
	return f, err
}

// districtIDs maps district ids or names to the ids segments carry: a
// districts row's id, or a district value the pipes carry themselves.
func (s *Service) districtIDs(ctx context.Context, names []string) ([]string, error) {
	var ids []string
	for _, n := range names {
		var id string
		err := s.db.Pool.QueryRow(ctx, `SELECT coalesce(
			(SELECT id FROM districts WHERE id = $1 OR name = $1 ORDER BY id = $1 DESC LIMIT 1),
			(SELECT district FROM pipes WHERE district = $1 LIMIT 1), '')`, n).Scan(&id)
		if err != nil {
			return nil, err
		}
		if id == "" {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "unknown district %q", n)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// conditions are the WHERE conditions of f over t, its parameters added
// to a.
func (t *target) conditions(f SegmentFilter, a *argList) []string {
	var where []string
	if t.where != "" {
		where = append(where, t.where)
	}
	if f.BBox != nil {
		where = append(where, t.bboxCond(*f.BBox, a))
	}
	if len(f.Grades) > 0 {
		where = append(where, t.grade+" = ANY ("+a.add(f.Grades)+"::text[])")
	}
	if len(f.Districts) > 0 {
		n := a.add(f.Districts)
		if t.district != "" {
			where = append(where, t.district+" = ANY ("+n+"::text[])")
		} else {
			where = append(where, "EXISTS (SELECT 1 FROM districts d WHERE d.id = ANY ("+n+"::text[]) AND ST_Intersects(d.geom, "+t.geom+"))")
		}
	}
	if len(f.Findings) > 0 {
		where = append(where, t.finding(a.add(f.Findings), f.Findings))
	}
	return where
}

// mercatorLat is the latitude limit of EPSG:3857.
const mercatorLat = 85.0511

// bboxCond selects what intersects a W,S,E,N box (split in two where it
// crosses the antimeridian), tested on the EPSG:3857 copy so that its GiST
// index answers; the box's edges are meridians and parallels, straight in
// both CRSs.
func (t *target) bboxCond(b [4]float64, a *argList) string {
	s, n := max(b[1], -mercatorLat), min(b[3], mercatorLat)
	env := func(w, e float64) string {
		return fmt.Sprintf("ST_Intersects(%s, ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s, 4326), 3857))",
			t.geom3857, a.add(w), a.add(s), a.add(e), a.add(n))
	}
	if b[0] > b[2] {
		return "(" + env(b[0], 180) + " OR " + env(-180, b[2]) + ")"
	}
	return env(b[0], b[2])
}

// query selects t's features passing f in id order; extra conditions
// (already numbered in a) narrow it further.
func (t *target) query(f SegmentFilter, mode int, a *argList, extra ...string) string {
	where := append(t.conditions(f, a), extra...)
	q := "SELECT " + t.selectList(mode) + " FROM " + t.from
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	return q + " ORDER BY " + t.id
}

// ParseBBox reads "W,S,E,N" in degrees (EPSG:4326 / CRS84). With ogc
// set, it also takes six numbers (W,S,zmin,E,N,zmax) and W > E for a box
// that crosses the antimeridian, as OGC API – Features does; otherwise
// W > E is refused.
func ParseBBox(s string, ogc bool) (*[4]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 && !(ogc && len(parts) == 6) {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "bbox %q: want 4 numbers W,S,E,N, got %d", s, len(parts))
	}
	var v []float64
	for _, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, gasrisk.Errorf(gasrisk.EINVALID, "bbox %q: %q is not a number", s, p)
		}
		v = append(v, x)
	}
	b := [4]float64{v[0], v[1], v[2], v[3]}
	if len(v) == 6 {
		b = [4]float64{v[0], v[1], v[3], v[4]}
	}
	return &b, checkBBox(b, ogc)
}

// checkBBox refuses boxes outside WGS84 ranges, S > N and (unless
// antimeridian boxes are allowed) W > E.
func checkBBox(b [4]float64, antimeridian bool) error {
	for i, x := range b {
		lim := 180.0
		if i%2 == 1 {
			lim = 90
		}
		if !(x >= -lim && x <= lim) {
			return gasrisk.Errorf(gasrisk.EINVALID, "bbox %v: coordinates must be within -180..180 (lon) and -90..90 (lat)", b)
		}
	}
	if b[1] > b[3] {
		return gasrisk.Errorf(gasrisk.EINVALID, "bbox %v: south %v is north of north %v", b, b[1], b[3])
	}
	if b[0] > b[2] && !antimeridian {
		return gasrisk.Errorf(gasrisk.EINVALID, "bbox %v: west %v is east of east %v", b, b[0], b[2])
	}
	return nil
}
