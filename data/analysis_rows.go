package data

import (
	"slices"

	"gasrisk/riskmodel"
)

// partitionColumns are the columns of segments, in the order of
// segmentRow.row.
func partitionColumns() []string {
	return []string{"run_id", "segment_id", "pipe_gid", "pipe_id", "part", "f0", "f1", "length_m",
		"material", "pressure_class", "diameter_mm", "install_year", "district", "grade", "score", "lof", "cof",
		"occupied", "clearance_violation", "sewer_crossing", "aged", "third_party", "findings", "factors",
		"geom", "geom_3857"}
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
	geom, geom3857             []byte
}

// row is the segment's row of the partition of run id with assessment a
// and its findings (s.findings).
func (s segmentRow) row(run int64, a riskmodel.Assessment, findings []string, factors []byte) []any {
	has := func(k string) bool { return slices.Contains(s.kinds, k) }
	occupied := has(findOccupied)
	clearance := has(findClearanceSewer) || has(findClearanceWater) || s.verticalGap ||
		(has(findClearanceBuilding) && !occupied)
	return []any{run, s.segmentID, s.pipeGID, s.pipeID, s.part, s.f0, s.f1, s.lengthM,
		s.material, s.pressureClass, s.diameter, s.installYear, s.district, string(a.Grade), a.Score, a.LoF, a.CoF,
		occupied, clearance, has(findSewerCrossing), a.Aged, has(findThirdParty), findings, factors,
		s.geom, s.geom3857}
}

// findings are the segment's findings: its finding kinds (occupied
// outranks a building clearance), then aged, vertical_gap and
// crossing_without_detector in that order.
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
	if s.verticalGap {
		out = append(out, "vertical_gap")
	}
	if s.noDetector {
		out = append(out, "crossing_without_detector")
	}
	return out
}
