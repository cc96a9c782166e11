package analysis

import (
	"slices"

	"gasrisk/hazard"
	"gasrisk/riskmodel"
)

// partitionColumns are the columns of segments, in the order of
// segmentRow.row.
func partitionColumns() []string {
	return []string{"run_id", "segment_id", "pipe_gid", "pipe_id", "part", "f0", "f1", "length_m",
		"material", "pressure_class", "diameter_mm", "install_year", "district", "grade", "score", "lof", "cof",
		"occupied", "clearance_violation", "sewer_crossing", "aged", "third_party", "renewal_category", "findings", "factors",
		"geom", "geom_3857", "grade_rule"}
}

// segmentRow is what a segment's row in the run's partition takes from
// {w}.segs; geometries are EWKB, passed through unchanged.
type segmentRow struct {
	segmentID, partID, pipeGID int64
	pipeID                     string
	part                       int32
	f0, f1, lengthM            float64
	material, pressureClass    string
	diameter                   *float64
	installYear                *int32
	district                   *string
	kinds                      []string // sorted finding kinds of the piece
	verticalGap, noDetector    bool
	throughSewer               bool
	geom, geom3857             []byte
}

// write adds the segment's row of the partition of run id, with
// assessment a and its findings (s.findings), to c in the order of
// partitionColumns; the factors are written as JSON straight into the
// row, the code of the rule that set the grade (a.Rule) beside them.
func (s segmentRow) write(c *binaryCopy, run int64, a riskmodel.Assessment, findings []string) error {
	has := func(k string) bool { return slices.Contains(s.kinds, k) }
	occupied := has(findOccupied)
	clearance := has(findClearanceSewer) || has(findClearanceWater) || s.verticalGap || s.throughSewer ||
		(has(findClearanceBuilding) && !occupied)
	c.row(28)
	c.int8(run)
	c.int8(s.segmentID)
	c.int8(s.pipeGID)
	c.text(s.pipeID)
	c.int4(s.part)
	c.float8(s.f0)
	c.float8(s.f1)
	c.float8(s.lengthM)
	c.text(s.material)
	c.text(s.pressureClass)
	if s.diameter != nil {
		c.float8(*s.diameter)
	} else {
		c.null()
	}
	if s.installYear != nil {
		c.int4(*s.installYear)
	} else {
		c.null()
	}
	if s.district != nil {
		c.text(*s.district)
	} else {
		c.null()
	}
	c.text(string(a.Grade))
	c.float8(a.Score)
	c.float8(a.LoF)
	c.float8(a.CoF)
	for _, b := range []bool{occupied, clearance, has(findSewerCrossing), a.Aged, has(hazard.ThirdParty)} {
		c.bool(b)
	}
	if a.RenewalCategory != "" {
		c.text(a.RenewalCategory)
	} else {
		c.null()
	}
	c.textArray(findings)
	if err := c.appendField(func(b []byte) ([]byte, error) { return riskmodel.AppendFactorsJSON(b, a.Factors) }); err != nil {
		return err
	}
	c.bytes(s.geom)
	c.bytes(s.geom3857)
	c.text(a.Rule.Code)
	return nil
}

// findings are the segment's findings: its finding kinds (occupied
// outranks a building clearance), then aged, through_sewer, vertical_gap
// and crossing_without_detector in that order.
func (s segmentRow) findings(a riskmodel.Assessment) []string {
	occupied := slices.Contains(s.kinds, findOccupied)
	out := make([]string, 0, len(s.kinds)+3)
	for _, k := range s.kinds {
		if !(occupied && k == findClearanceBuilding) {
			out = append(out, k)
		}
	}
	if a.Aged {
		out = append(out, "aged")
	}
	if s.throughSewer {
		out = append(out, hazard.ThroughSewer)
	}
	if s.verticalGap {
		out = append(out, "vertical_gap")
	}
	if s.noDetector {
		out = append(out, "crossing_without_detector")
	}
	return out
}
