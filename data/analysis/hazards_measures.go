package analysis

import (
	"context"
	"time"
)

// temporaryMeasures fills {w}.temp_measures: per segment of the run, the
// temporary measures (e.g. guard, leak_detector) of the ledger's hazards
// on its stretch that credit them (planned, rectified or re-checked, and
// found by the previous run). The grading feeds them to the risk model as
// Facts.TemporaryMeasures, which lowers the likelihood as the model
// config's likelihood.temporary_measures say.
func (r *run) temporaryMeasures(ctx context.Context) error {
	t := time.Now()
	err := r.exec(ctx, sqlTemporaryMeasures)
	r.phases = append(r.phases, Phase{"grade temporary measures", time.Since(t)})
	return err
}

// creditedStates is hazard.State.CreditsMeasures as a SQL list.
const creditedStates = `('planned', 'rectified', 'rechecked')`

// sqlTemporaryMeasures matches hazards to the new segments by pipe, part
// and overlapping fractions (aged hazards cover the whole pipe); segments
// are cut where findings change, so a hazard's stretch is whole segments.
const sqlTemporaryMeasures = `
CREATE UNLOGGED TABLE {w}.temp_measures AS
SELECT s.segment_id, array_agg(DISTINCT m ORDER BY m) AS measures
FROM hazards h
JOIN {w}.segs s ON s.pipe_id = h.pipe_id
     AND (h.part IS NULL OR (s.part = h.part AND s.f0 < h.f1 - 1e-9 AND s.f1 > h.f0 + 1e-9))
CROSS JOIN LATERAL unnest(h.temporary_measures) m
WHERE h.source = 'segment' AND h.state IN ` + creditedStates + ` AND NOT h.recheck_due
  AND cardinality(h.temporary_measures) > 0
GROUP BY s.segment_id;
CREATE UNIQUE INDEX ON {w}.temp_measures (segment_id);
ANALYZE {w}.temp_measures`
