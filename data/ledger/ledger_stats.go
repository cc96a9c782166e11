package ledger

import (
	"context"
	"errors"
	"gasrisk/data"
	"gasrisk/data/analysis"
	"gasrisk/hazard"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
)

// Stats are the statistics of the network's risk and of the hazard
// ledger: km and segments by grade of the current run, hazards by kind,
// state and grade, overdue and listed hazards, in total and per district.
type Stats struct {
	RunID     int64                          `json:"run_id"` // 0 before the first analysis
	AsOf      string                         `json:"as_of"`
	Today     string                         `json:"today"` // the date overdue is judged at
	Grades    map[string]analysis.GradeTotal `json:"grades"`
	Hazards   Counts                         `json:"hazards"`
	Districts []District                     `json:"districts"`
}

// District is the statistics of one district ("" for segments and
// hazards with no district).
type District struct {
	ID      string                         `json:"id"`
	Name    string                         `json:"name"`
	Grades  map[string]analysis.GradeTotal `json:"grades"`
	Hazards Counts                         `json:"hazards"`
}

// Counts counts hazards. Listed counts the hazards under listed
// supervision that are not closed.
type Counts struct {
	Total       int                       `json:"total"`
	ByKind      map[string]int            `json:"by_kind"`
	ByState     map[string]int            `json:"by_state"`
	ByGrade     map[string]int            `json:"by_grade"`
	ByKindState map[string]map[string]int `json:"by_kind_state"`
	Overdue     int                       `json:"overdue"`
	Listed      int                       `json:"listed"`
	RecheckDue  int                       `json:"recheck_due"`
}

func newCounts() Counts {
	return Counts{ByKind: map[string]int{}, ByState: map[string]int{}, ByGrade: map[string]int{},
		ByKindState: map[string]map[string]int{}}
}

// add counts n hazards of one kind, state and grade.
func (c *Counts) add(kind, state, grade string, n, overdue, listed, recheck int) {
	c.Total += n
	c.ByKind[kind] += n
	c.ByState[state] += n
	c.ByGrade[grade] += n
	if c.ByKindState[kind] == nil {
		c.ByKindState[kind] = map[string]int{}
	}
	c.ByKindState[kind][state] += n
	c.Overdue += overdue
	c.Listed += listed
	c.RecheckDue += recheck
}

// Stats computes the statistics; today decides what is overdue
// (zero: today).
func (s *Service) LedgerStats(ctx context.Context, today time.Time) (_ Stats, err error) {
	defer data.Annotate(&err, "ledger.LedgerStats")
	st := Stats{Today: hazard.DateOf(today), Grades: map[string]analysis.GradeTotal{}, Hazards: newCounts()}
	err = s.db.Pool.QueryRow(ctx, `SELECT r.id, r.as_of::text FROM current_run c JOIN analysis_runs r ON r.id = c.run_id`).
		Scan(&st.RunID, &st.AsOf)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return st, err
	}
	ds := map[string]*District{}
	district := func(id string) *District {
		if ds[id] == nil {
			ds[id] = &District{ID: id, Name: id, Grades: map[string]analysis.GradeTotal{}, Hazards: newCounts()}
		}
		return ds[id]
	}
	if err := s.gradeStats(ctx, st.RunID, st.Grades, district); err != nil {
		return st, err
	}
	if err := s.hazardStats(ctx, st.Today, &st.Hazards, district); err != nil {
		return st, err
	}
	if err := s.districtNames(ctx, ds); err != nil {
		return st, err
	}
	for _, d := range ds {
		st.Districts = append(st.Districts, *d)
	}
	sort.Slice(st.Districts, func(i, j int) bool { return st.Districts[i].ID < st.Districts[j].ID })
	return st, nil
}

// gradeStats adds the run's segments and km by district and grade.
func (s *Service) gradeStats(ctx context.Context, run int64, total map[string]analysis.GradeTotal, district func(string) *District) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT coalesce(district, ''), grade, count(*)::int, sum(length_m) / 1000
		FROM segments WHERE run_id = $1 GROUP BY 1, 2`, run)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d, g string
		var t analysis.GradeTotal
		if err := rows.Scan(&d, &g, &t.Segments, &t.Km); err != nil {
			return err
		}
		district(d).Grades[g] = t
		sum := total[g]
		sum.Segments += t.Segments
		sum.Km += t.Km
		total[g] = sum
	}
	return rows.Err()
}

// hazardStats adds the hazards by district, kind, state and grade.
func (s *Service) hazardStats(ctx context.Context, today string, total *Counts, district func(string) *District) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT coalesce(h.district, ''), h.kind, h.state, h.grade, count(*)::int,
		count(*) FILTER (WHERE `+OverdueSQL+`)::int, count(*) FILTER (WHERE h.listed AND h.state <> 'closed')::int,
		count(*) FILTER (WHERE h.recheck_due)::int
		FROM hazards h GROUP BY 1, 2, 3, 4`, today)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d, kind, state, grade string
		var n, overdue, listed, recheck int
		if err := rows.Scan(&d, &kind, &state, &grade, &n, &overdue, &listed, &recheck); err != nil {
			return err
		}
		district(d).Hazards.add(kind, state, grade, n, overdue, listed, recheck)
		total.add(kind, state, grade, n, overdue, listed, recheck)
	}
	return rows.Err()
}

// districtNames fills in the names of the districts layer.
func (s *Service) districtNames(ctx context.Context, ds map[string]*District) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT id, coalesce(name, id) FROM districts`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		if d := ds[id]; d != nil {
			d.Name = name
		}
	}
	return rows.Err()
}
