package data

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gasrisk"
	"gasrisk/riskmodel"
)

// HazardFilter selects hazards. Empty lists and nil flags select all.
type HazardFilter struct {
	States     []string
	Kinds      []string
	Grades     []string
	Districts  []string
	Overdue    *bool
	Listed     *bool
	RecheckDue *bool
	// Today decides what is overdue (zero: today).
	Today time.Time
	// Limit and Offset page the list; Limit 0 means DefaultHazardLimit.
	Limit, Offset int
	// Sort orders the list: "id" (default, the ledger's order) or "grade"
	// (red first, then by id).
	Sort string
}

// Paging bounds of hazard lists.
const (
	DefaultHazardLimit = 100
	MaxHazardLimit     = 1000
)

// overdueSQL is true for a hazard of "hazards h" past its deadline ($1).
const overdueSQL = `h.state = 'planned' AND h.deadline < $1::date`

// HazardPage is one page of a hazard list, the total it is part of and
// how many of those are overdue.
type HazardPage struct {
	Total   int      `json:"total"`
	Overdue int      `json:"overdue"`
	Limit   int      `json:"limit"`
	Offset  int      `json:"offset"`
	Items   []Hazard `json:"items"`
}

// Validate checks every value of the filter against its vocabulary.
func (f HazardFilter) Validate() error {
	for _, s := range f.States {
		if !HazardState(s).Valid() {
			return gasrisk.Errorf(gasrisk.EINVALID, "unknown state %q (want %s)", s, strings.Join(stateStrings(HazardStates()), ", "))
		}
	}
	for _, k := range f.Kinds {
		if KindName(k, LangEN) == k {
			return gasrisk.Errorf(gasrisk.EINVALID, "unknown hazard kind %q (want %s)", k, strings.Join(HazardKinds(), ", "))
		}
	}
	for _, g := range f.Grades {
		if _, err := riskmodel.ParseGrade(g); err != nil {
			return gasrisk.Errorf(gasrisk.EINVALID, "%v", err)
		}
	}
	if f.Sort != "" && f.Sort != "id" && f.Sort != "grade" {
		return gasrisk.Errorf(gasrisk.EINVALID, "sort %q: want id or grade", f.Sort)
	}
	if f.Limit < 0 || f.Limit > MaxHazardLimit || f.Offset < 0 {
		return gasrisk.Errorf(gasrisk.EINVALID, "limit must be 1–%d and offset ≥ 0, got %d and %d", MaxHazardLimit, f.Limit, f.Offset)
	}
	return nil
}

// where builds the WHERE clause over "hazards h"; $1 is today.
func (f HazardFilter) where() (string, []any) {
	args := []any{dateOf(f.Today)}
	conds := []string{"true"}
	in := func(col string, vals []string) {
		if len(vals) > 0 {
			args = append(args, vals)
			conds = append(conds, fmt.Sprintf("%s = ANY ($%d::text[])", col, len(args)))
		}
	}
	in("h.state", f.States)
	in("h.kind", f.Kinds)
	in("h.grade", f.Grades)
	in("h.district", f.Districts)
	flag := func(expr string, v *bool) {
		if v != nil {
			args = append(args, *v)
			conds = append(conds, fmt.Sprintf("(%s) = $%d", expr, len(args)))
		}
	}
	flag(overdueSQL, f.Overdue)
	flag("h.listed", f.Listed)
	flag("h.recheck_due", f.RecheckDue)
	return strings.Join(conds, " AND "), args
}

// Hazards lists one page of the hazards that pass the filter, by id.
func (s *Store) Hazards(ctx context.Context, f HazardFilter) (HazardPage, error) {
	if err := f.Validate(); err != nil {
		return HazardPage{}, err
	}
	if f.Limit == 0 {
		f.Limit = DefaultHazardLimit
	}
	page := HazardPage{Limit: f.Limit, Offset: f.Offset, Items: []Hazard{}}
	where, args := f.where()
	err := s.Pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE `+overdueSQL+`) FROM hazards h WHERE `+where,
		args...).Scan(&page.Total, &page.Overdue)
	if err != nil {
		return page, err
	}
	q := fmt.Sprintf(`SELECT %s FROM hazards h WHERE %s ORDER BY %s LIMIT %d OFFSET %d`, hazardColumns, where, f.order(), f.Limit, f.Offset)
	err = s.eachHazard(ctx, q, args, func(h Hazard) error {
		page.Items = append(page.Items, h)
		return nil
	})
	return page, err
}

// order is the ORDER BY of the sort.
func (f HazardFilter) order() string {
	if f.Sort == "grade" {
		return `array_position(ARRAY['red', 'orange', 'yellow', 'blue'], h.grade), h.id`
	}
	return `h.id`
}

// eachHazard runs a query of hazardColumns and calls fn per row.
func (s *Store) eachHazard(ctx context.Context, q string, args []any, fn func(Hazard) error) error {
	rows, err := s.Pool.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h Hazard
		if err := scanHazard(rows, &h); err != nil {
			return err
		}
		if err := fn(h); err != nil {
			return err
		}
	}
	return rows.Err()
}

// allHazards calls fn for every hazard that passes the filter (no paging).
func (s *Store) allHazards(ctx context.Context, f HazardFilter, fn func(Hazard) error) error {
	f.Limit = 0
	if err := f.Validate(); err != nil {
		return err
	}
	where, args := f.where()
	return s.eachHazard(ctx, `SELECT `+hazardColumns+` FROM hazards h WHERE `+where+` ORDER BY `+f.order(), args, fn)
}
