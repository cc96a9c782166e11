package results

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
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
}

// Segment returns one segment of the current run.
func (s *Service) Segment(ctx context.Context, id int64) (_ SegmentDetail, err error) {
	defer data.Annotate(&err, "results.Segment")
	var d SegmentDetail
	err = s.db.Pool.QueryRow(ctx, `SELECT segment_id, run_id, pipe_id, grade, score, lof, cof, occupied, clearance_violation,
		sewer_crossing, aged, third_party, renewal_category, findings, material, pressure_class, diameter_mm, install_year, district,
		length_m, factors, ST_AsGeoJSON(ST_Transform(geom, 4326), 7)::json
		FROM segments WHERE run_id = (SELECT run_id FROM current_run) AND segment_id = $1`, id).Scan(
		&d.SegmentID, &d.RunID, &d.PipeID, &d.Grade, &d.Score, &d.LoF, &d.CoF, &d.Occupied, &d.ClearanceViolation,
		&d.SewerCrossing, &d.Aged, &d.ThirdParty, &d.RenewalCategory, &d.Findings, &d.Material, &d.PressureClass, &d.DiameterMM,
		&d.InstallYear, &d.District, &d.LengthM, &d.Factors, &d.Geometry)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, gasrisk.Errorf(gasrisk.ENOTFOUND, "segment %d is not in the current analysis run", id)
	}
	return d, err
}
