package results

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/renewal"
)

// CurrentGrade is a scenario segment's stretch in the current run: the
// segment of the same pipe and part over the scenario segment's middle,
// with the grade before the renewals the scenario assumes.
type CurrentGrade struct {
	SegmentID int64   `json:"segment_id"`
	RunID     int64   `json:"run_id"`
	Grade     string  `json:"grade"`
	Score     float64 `json:"score"`
}

// ScenarioSegment returns segment id of the named scenario (the newest
// done what-if run of gasrisk analyze --scenario NAME) with its grade,
// factors and rule under that run, and Current: the same stretch in the
// current run (nil when the current run has no such stretch). A bad name
// is EINVALID, a name no scenario has or a segment not in the scenario
// ENOTFOUND, each naming the scenario as the tiles do.
func (s *Service) ScenarioSegment(ctx context.Context, id int64, name string) (_ SegmentDetail, err error) {
	defer data.Annotate(&err, "results.ScenarioSegment")
	if err := renewal.ValidName(name); err != nil {
		return SegmentDetail{}, gasrisk.Errorf(gasrisk.EINVALID, "scenario: %s", strings.TrimPrefix(gasrisk.ErrorMessage(err), "name: "))
	}
	var run int64
	err = s.db.Pool.QueryRow(ctx, `SELECT id FROM analysis_runs WHERE scenario = $1 AND status = 'done' ORDER BY id DESC LIMIT 1`, name).Scan(&run)
	if errors.Is(err, pgx.ErrNoRows) {
		return SegmentDetail{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "scenario %q: no such what-if run (gasrisk analyze --scenario makes one)", name)
	}
	if err != nil {
		return SegmentDetail{}, err
	}
	d, err := s.segmentOf(ctx, id, run)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, gasrisk.Errorf(gasrisk.ENOTFOUND, "segment %d is not in scenario %q (run %d)", id, name, run)
	}
	if err != nil {
		return d, err
	}
	d.Scenario = name
	var c CurrentGrade
	// the current segment of the same pipe and part over the middle of
	// this one (the runs may cut a part apart differently), found by the
	// geometry's index first: nothing indexes segments by pipe
	err = s.db.Pool.QueryRow(ctx, `SELECT c.segment_id, c.run_id, c.grade, c.score FROM segments w
		JOIN segments c ON c.run_id = (SELECT run_id FROM current_run) AND c.geom && w.geom
		    AND (c.pipe_gid, c.part) = (w.pipe_gid, w.part) AND (w.f0 + w.f1) / 2 BETWEEN c.f0 AND c.f1
		WHERE w.run_id = $1 AND w.segment_id = $2
		ORDER BY least(c.f1, w.f1) - greatest(c.f0, w.f0) DESC, c.segment_id LIMIT 1`, run, id).Scan(&c.SegmentID, &c.RunID, &c.Grade, &c.Score)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return d, err
	default:
		d.Current = &c
	}
	return d, nil
}
