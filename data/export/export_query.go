package export

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gasrisk"
	"gasrisk/geo"
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
		if err := f.BBox.CheckLonLat(true); err != nil {
			return f, err
		}
	}
	if f.Where != nil {
		if _, err := t.whereSQL(f.Where, &argList{}); err != nil {
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
	if f.Where != nil {
		w, _ := t.whereSQL(f.Where, a) // checked by resolveFilter
		where = append(where, w)
	}
	return where
}

// mercatorLat is the latitude limit of EPSG:3857.
const mercatorLat = 85.0511

// bboxCond selects what intersects a W,S,E,N box (split in two where it
// crosses the antimeridian), tested on the EPSG:3857 copy so that its GiST
// index answers; the box's edges are meridians and parallels, straight in
// both CRSs.
func (t *target) bboxCond(b geo.BBox, a *argList) string {
	s, n := max(b.S, -mercatorLat), min(b.N, mercatorLat)
	env := func(w, e float64) string {
		return fmt.Sprintf("ST_Intersects(%s, ST_Transform(ST_MakeEnvelope(%s, %s, %s, %s, 4326), 3857))",
			t.geom3857, a.add(w), a.add(s), a.add(e), a.add(n))
	}
	if b.W > b.E {
		return "(" + env(b.W, 180) + " OR " + env(-180, b.E) + ")"
	}
	return env(b.W, b.E)
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
