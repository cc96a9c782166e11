package sensors

import (
	"context"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
)

// Candidate is a place to put the next live detector: a crossing of a
// gas pipe with a sewer or culvert that the current analysis found
// without a detector (crossing_without_detector, or through_sewer), with
// no detector near it now.
type Candidate struct {
	Rank    int     `json:"rank"`
	Lon     float64 `json:"lon"`
	Lat     float64 `json:"lat"`
	PipeID  string  `json:"pipe_id"`
	SewerID string  `json:"sewer_id"`
	// SewerKind is the crossed sewer's kind (sanitary, storm, combined,
	// culvert).
	SewerKind string `json:"sewer_kind"`
	// Score is the risk the detector would watch: the sum of the scores
	// of the uncovered crossing segments at the point — their consequence
	// weighs the buildings along the crossed sewer (the sewer_reach
	// factor, SewerReach).
	Score float64 `json:"score"`
	Grade string  `json:"grade"` // the worst grade among them
	// SewerReach is the sewer_reach factor of the worst segment: the
	// buildings along the crossed sewer, weighted.
	SewerReach float64  `json:"sewer_reach"`
	Findings   []string `json:"findings"`
}

// sqlSuggest finds the crossings of the current run's segments that carry
// a no-detector or through-sewer finding with the sewers they cross, one
// candidate per crossing point (metres, snapped to 1 m), without any
// detector within $1 m, ranked by the risk they would cover; $2 limits.
const sqlSuggest = `
WITH segs AS (
    SELECT s.segment_id, s.pipe_id, s.score, s.grade, s.findings, s.factors, s.geom
    FROM segments s
    WHERE s.run_id = (SELECT run_id FROM current_run)
      AND s.findings && ARRAY['crossing_without_detector', 'through_sewer']),
x AS (
    SELECT sg.*, w.id AS sewer_id, w.kind AS sewer_kind,
           ST_PointOnSurface(ST_Intersection(sg.geom, w.geom)) AS pt
    FROM segs sg JOIN sewers w ON ST_Intersects(sg.geom, w.geom) AND w.kind <> 'water'),
grid AS (
    SELECT round(ST_X(pt)) AS gx, round(ST_Y(pt)) AS gy, x.*
    FROM x WHERE NOT EXISTS (SELECT 1 FROM detectors d WHERE ST_DWithin(d.geom, x.pt, $1)))
SELECT ST_X(ST_Transform(p, 4326)), ST_Y(ST_Transform(p, 4326)), pipe_id, sewer_id, sewer_kind, score, grade, reach, findings
FROM (
    SELECT (array_agg(pt ORDER BY score DESC, segment_id))[1] AS p,
           (array_agg(pipe_id ORDER BY score DESC, segment_id))[1] AS pipe_id,
           (array_agg(sewer_id ORDER BY score DESC, segment_id))[1] AS sewer_id,
           (array_agg(sewer_kind ORDER BY score DESC, segment_id))[1] AS sewer_kind,
           sum(score) AS score,
           (array_agg(grade ORDER BY array_position(ARRAY['red', 'orange', 'yellow', 'blue'], grade)))[1] AS grade,
           (array_agg(coalesce((SELECT (f->>'value')::float8 FROM json_array_elements(factors) f WHERE f->>'code' = 'sewer_reach'), 0)
                      ORDER BY score DESC, segment_id))[1] AS reach,
           (SELECT array_agg(DISTINCT u ORDER BY u) FROM unnest(array_agg(array_to_string(findings, ','))) v,
                   unnest(string_to_array(v, ',')) u
             WHERE u IN ('crossing_without_detector', 'through_sewer')) AS findings
    FROM grid GROUP BY gx, gy) c
ORDER BY score DESC, pipe_id, sewer_id
LIMIT $2`

// Suggest ranks the places for the next count live detectors (1–1000):
// crossings without a detector, by the risk a detector there would watch.
// radiusM is how near a detector covers a crossing (the model's
// detection.detector_search_radius_m).
func (s *Service) Suggest(ctx context.Context, count int, radiusM float64) (_ []Candidate, err error) {
	defer data.Annotate(&err, "sensors.Suggest")
	if count < 1 || count > 1000 {
		return nil, gasrisk.Errorf(gasrisk.EINVALID, "count %d: want 1–1000", count)
	}
	rows, err := s.db.Pool.Query(ctx, sqlSuggest, radiusM, count)
	if err != nil {
		return nil, err
	}
	n := 0
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Candidate, error) {
		var c Candidate
		n++
		c.Rank = n
		err := row.Scan(&c.Lon, &c.Lat, &c.PipeID, &c.SewerID, &c.SewerKind, &c.Score, &c.Grade, &c.SewerReach, &c.Findings)
		return c, err
	})
}
