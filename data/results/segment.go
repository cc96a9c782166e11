package results

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/riskmodel"
)

// SegmentDetail is one segment of the current run with its assessment.
type SegmentDetail struct {
	SegmentID          int64   `json:"segment_id"`
	RunID              int64   `json:"run_id"`
	PipeID             string  `json:"pipe_id"`
	Grade              string  `json:"grade"`
	Score              float64 `json:"score"`
	LoF                float64 `json:"lof_per_km_yr"`
	CoF                float64 `json:"cof"`
	Occupied           bool    `json:"occupied"`
	ClearanceViolation bool    `json:"clearance_violation"`
	SewerCrossing      bool    `json:"sewer_crossing"`
	Aged               bool    `json:"aged"`
	ThirdParty         bool    `json:"third_party"`
	// RenewalCategory is the renewal category of 国办发〔2022〕22号
	// (riskmodel.RenewalCategories), null for none.
	RenewalCategory *string         `json:"renewal_category"`
	Findings        []string        `json:"findings"`
	Material        string          `json:"material"`
	PressureClass   string          `json:"pressure_class"`
	DiameterMM      *float64        `json:"diameter_mm"`
	InstallYear     *int32          `json:"install_year"`
	District        *string         `json:"district"`
	LengthM         float64         `json:"length_m"`
	Factors         json.RawMessage `json:"factors"`
	Geometry        json.RawMessage `json:"geometry"`

	// GradeRule says which rule set Grade: the score band or the policy
	// floor, with its basis (docs/risk-model.md §5). It is worked out
	// from the stored grade, score and factors under the run's config.
	GradeRule riskmodel.GradeRule `json:"grade_rule"`

	// Scenario names the what-if run the segment is of, and Current is
	// the same stretch in the current run (ScenarioSegment); both are
	// absent for a segment of the current run.
	Scenario string        `json:"scenario,omitempty"`
	Current  *CurrentGrade `json:"current,omitempty"`
}

// Segment returns one segment of the current run.
func (s *Service) Segment(ctx context.Context, id int64) (_ SegmentDetail, err error) {
	defer data.Annotate(&err, "results.Segment")
	d, err := s.segmentOf(ctx, id, 0)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, gasrisk.Errorf(gasrisk.ENOTFOUND, "segment %d is not in the current analysis run", id)
	}
	return d, err
}

// segmentOf reads segment id of run (0: the current run) with its grade
// rule.
func (s *Service) segmentOf(ctx context.Context, id, run int64) (SegmentDetail, error) {
	var d SegmentDetail
	var config []byte
	err := s.db.Pool.QueryRow(ctx, `SELECT segment_id, run_id, pipe_id, grade, score, lof, cof, occupied, clearance_violation,
		sewer_crossing, aged, third_party, renewal_category, findings, material, pressure_class, diameter_mm, install_year, district,
		length_m, factors, ST_AsGeoJSON(ST_Transform(geom, 4326), 7)::json,
		(SELECT r.config FROM analysis_runs r WHERE r.id = x.run_id)
		FROM segments x WHERE run_id = coalesce(nullif($2::bigint, 0), (SELECT run_id FROM current_run)) AND segment_id = $1`, id, run).Scan(
		&d.SegmentID, &d.RunID, &d.PipeID, &d.Grade, &d.Score, &d.LoF, &d.CoF, &d.Occupied, &d.ClearanceViolation,
		&d.SewerCrossing, &d.Aged, &d.ThirdParty, &d.RenewalCategory, &d.Findings, &d.Material, &d.PressureClass, &d.DiameterMM,
		&d.InstallYear, &d.District, &d.LengthM, &d.Factors, &d.Geometry, &config)
	if err != nil {
		return d, err
	}
	c, err := data.DecodeRunConfig(config)
	if err != nil {
		return d, err
	}
	var fs []riskmodel.Factor
	if err := json.Unmarshal(d.Factors, &fs); err != nil {
		return d, gasrisk.Wrap("results.Segment", err)
	}
	d.GradeRule = c.RuleOf(riskmodel.Grade(d.Grade), d.Score, fs)
	return d, nil
}
