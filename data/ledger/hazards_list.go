package ledger

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// Filter selects hazards. Empty lists and nil flags select all.
type Filter struct {
	States     []string
	Kinds      []string
	Grades     []string
	Districts  []string
	Overdue    *bool
	Listed     *bool
	RecheckDue *bool
	// Today decides what is overdue (zero: today).
	Today time.Time
	// Limit and Offset page the list; Limit 0 means DefaultLimit.
	Limit, Offset int
	// Sort orders the list: "id" (default, the ledger's order) or "grade"
	// (red first, then by id).
	Sort string
}

// Paging bounds of hazard lists.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// OverdueSQL is true for a hazard of "hazards h" past its deadline ($1).
const OverdueSQL = `h.state = 'planned' AND h.deadline < $1::date`

// Page is one page of a hazard list, the total it is part of and
// how many of those are overdue.
type Page struct {
	Total   int            `json:"total"`
	Overdue int            `json:"overdue"`
	Limit   int            `json:"limit"`
	Offset  int            `json:"offset"`
	Items   []hazard.Entry `json:"items"`
}

// Validate checks every value of the filter against its vocabulary.
func (f Filter) Validate() error {
	for _, s := range f.States {
		if !hazard.State(s).Valid() {
			return gasrisk.Errorf(gasrisk.EINVALID, "unknown state %q (want %s)", s, strings.Join(hazard.Strings(hazard.States()), ", "))
		}
	}
	for _, k := range f.Kinds {
		if hazard.KindName(k, hazard.LangEN) == k {
			return gasrisk.Errorf(gasrisk.EINVALID, "unknown hazard kind %q (want %s)", k, strings.Join(hazard.Kinds(), ", "))
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
	if f.Limit < 0 || f.Limit > MaxLimit || f.Offset < 0 {
		return gasrisk.Errorf(gasrisk.EINVALID, "limit must be 1–%d and offset ≥ 0, got %d and %d", MaxLimit, f.Limit, f.Offset)
	}
	return nil
}

// where builds the WHERE clause over "hazards h"; $1 is today.
func (f Filter) where() (string, []any) {
	args := []any{hazard.DateOf(f.Today)}
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
	flag(OverdueSQL, f.Overdue)
	flag("h.listed", f.Listed)
	flag("h.recheck_due", f.RecheckDue)
	return strings.Join(conds, " AND "), args
}

// Hazards lists one page of the hazards that pass the filter, by id.
func (s *Service) Hazards(ctx context.Context, f Filter) (_ Page, err error) {
	defer data.Annotate(&err, "ledger.Hazards")
	if err := f.Validate(); err != nil {
		return Page{}, err
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	page := Page{Limit: f.Limit, Offset: f.Offset, Items: []hazard.Entry{}}
	where, args := f.where()
	err = s.db.Pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE `+OverdueSQL+`) FROM hazards h WHERE `+where,
		args...).Scan(&page.Total, &page.Overdue)
	if err != nil {
		return page, err
	}
	q := fmt.Sprintf(`SELECT %s FROM hazards h WHERE %s ORDER BY %s LIMIT %d OFFSET %d`, hazardColumns, where, f.order(), f.Limit, f.Offset)
	err = s.eachHazard(ctx, q, args, func(h hazard.Entry) error {
		page.Items = append(page.Items, h)
		return nil
	})
	return page, err
}

// order is the ORDER BY of the sort.
func (f Filter) order() string {
	if f.Sort == "grade" {
		return `array_position(ARRAY['red', 'orange', 'yellow', 'blue'], h.grade), h.id`
	}
	return `h.id`
}

// eachHazard runs a query of hazardColumns and calls fn per row.
func (s *Service) eachHazard(ctx context.Context, q string, args []any, fn func(hazard.Entry) error) error {
	rows, err := s.db.Pool.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h hazard.Entry
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
func (s *Service) allHazards(ctx context.Context, f Filter, fn func(hazard.Entry) error) error {
	f.Limit = 0
	if err := f.Validate(); err != nil {
		return err
	}
	where, args := f.where()
	return s.eachHazard(ctx, `SELECT `+hazardColumns+` FROM hazards h WHERE `+where+` ORDER BY `+f.order(), args, fn)
}
