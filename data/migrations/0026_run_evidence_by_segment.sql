-- Which segment, of which pipe, weighed each record of a run's evidence
-- (issue 22, item 3: a revision must leave what a full run of the same
-- data would). A revision of the run deletes the rows of the pipes it
-- re-grades and adds its own, so that `GET /api/v1/leaks?run=current`
-- and analysis_runs.counts.evidence stay exact after it. A record is now
-- one row per segment that weighed it (works: per pipe, segment_id
-- NULL); rows written before this migration have neither column and
-- are left as their run wrote them.
ALTER TABLE run_evidence ADD COLUMN pipe_id text, ADD COLUMN segment_id bigint;
ALTER TABLE run_evidence DROP CONSTRAINT run_evidence_pkey;
CREATE INDEX run_evidence_record ON run_evidence (run_id, layer, record_id);
CREATE INDEX run_evidence_pipe ON run_evidence (run_id, pipe_id);
