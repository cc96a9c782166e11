package results

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
	"gasrisk/riskmodel"
)

// FindingFlags are the segment findings the map filters by, as the
// boolean columns (and vector-tile properties) of the same names.
func FindingFlags() []string {
	return []string{"occupied", "clearance_violation", "sewer_crossing", "aged", "third_party"}
}

// Tally counts segments and their length.
type Tally struct {
	Segments int     `json:"segments"`
	Km       float64 `json:"km"`
}

func (t *Tally) add(n int, km float64) { t.Segments += n; t.Km += km }

// Totals are the segments of a run, or of one district, per grade and per
// finding flag. Every grade and every flag is present, zero or not.
type Totals struct {
	All      Tally            `json:"all"`
	Grades   map[string]Tally `json:"grades"`
	Findings map[string]Tally `json:"findings"`
	// FindingGrades splits each finding flag's tally by grade, for the
	// legend of a map filtered by finding.
	FindingGrades map[string]map[string]Tally `json:"finding_grades"`
}

// DistrictStats are one district's totals.
type DistrictStats struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Totals
}

// Stats summarise the current analysis run for the map's legend and
// filters. Before the first analysis RunID is 0 and the totals are zero.
type Stats struct {
	RunID int64  `json:"run_id"`
	AsOf  string `json:"as_of,omitempty"`
	Totals
	// Districts lists every district by id; segments outside every
	// district count only in the run's totals.
	Districts []DistrictStats `json:"districts"`
}

func newTotals() Totals {
	t := Totals{Grades: map[string]Tally{}, Findings: map[string]Tally{}, FindingGrades: map[string]map[string]Tally{}}
	for _, g := range riskmodel.Grades() {
		t.Grades[string(g)] = Tally{}
	}
	for _, f := range FindingFlags() {
		t.Findings[f] = Tally{}
		t.FindingGrades[f] = map[string]Tally{}
		for _, g := range riskmodel.Grades() {
			t.FindingGrades[f][string(g)] = Tally{}
		}
	}
	return t
}

// sqlStats counts a run's segments and km per district and grade, and
// within each group those carrying each finding flag (in FindingFlags
// order): one scan of the run's partition.
const sqlStats = `
SELECT coalesce(district, ''), grade, count(*)::int, sum(length_m) / 1000,
       count(*) FILTER (WHERE occupied)::int, coalesce(sum(length_m) FILTER (WHERE occupied), 0) / 1000,
       count(*) FILTER (WHERE clearance_violation)::int, coalesce(sum(length_m) FILTER (WHERE clearance_violation), 0) / 1000,
       count(*) FILTER (WHERE sewer_crossing)::int, coalesce(sum(length_m) FILTER (WHERE sewer_crossing), 0) / 1000,
       count(*) FILTER (WHERE aged)::int, coalesce(sum(length_m) FILTER (WHERE aged), 0) / 1000,
       count(*) FILTER (WHERE third_party)::int, coalesce(sum(length_m) FILTER (WHERE third_party), 0) / 1000
FROM segments WHERE run_id = $1
GROUP BY 1, 2`

// Stats counts the current run's segments and km per grade and finding
// flag, overall and per district.
func (s *Service) Stats(ctx context.Context) (_ Stats, err error) {
	defer data.Annotate(&err, "results.Stats")
	st := Stats{Totals: newTotals(), Districts: []DistrictStats{}}
	err = s.db.Pool.QueryRow(ctx, `SELECT r.id, r.as_of::text FROM current_run c
		JOIN analysis_runs r ON r.id = c.run_id`).Scan(&st.RunID, &st.AsOf)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return st, err
	}
	byID := map[string]*Totals{}
	rows, err := s.db.Pool.Query(ctx, `SELECT id, coalesce(name, id) FROM districts ORDER BY id`)
	if err != nil {
		return st, err
	}
	st.Districts, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (DistrictStats, error) {
		d := DistrictStats{Totals: newTotals()}
		return d, r.Scan(&d.ID, &d.Name)
	})
	if err != nil || st.RunID == 0 {
		return st, err
	}
	for i := range st.Districts {
		byID[st.Districts[i].ID] = &st.Districts[i].Totals
	}
	rows, err = s.db.Pool.Query(ctx, sqlStats, st.RunID)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	flags := FindingFlags()
	for rows.Next() {
		var district, grade string
		var all Tally
		fs := make([]Tally, len(flags))
		dst := []any{&district, &grade, &all.Segments, &all.Km}
		for i := range fs {
			dst = append(dst, &fs[i].Segments, &fs[i].Km)
		}
		if err := rows.Scan(dst...); err != nil {
			return st, err
		}
		st.Totals.add(grade, all, flags, fs)
		if d := byID[district]; d != nil {
			d.add(grade, all, flags, fs)
		}
	}
	return st, rows.Err()
}

// add counts one group of segments of a grade, fs of them per flag.
func (t *Totals) add(grade string, all Tally, flags []string, fs []Tally) {
	t.All.add(all.Segments, all.Km)
	g := t.Grades[grade]
	g.add(all.Segments, all.Km)
	t.Grades[grade] = g
	for i, f := range flags {
		ft := t.Findings[f]
		ft.add(fs[i].Segments, fs[i].Km)
		t.Findings[f] = ft
		fg := t.FindingGrades[f][grade]
		fg.add(fs[i].Segments, fs[i].Km)
		t.FindingGrades[f][grade] = fg
	}
}
