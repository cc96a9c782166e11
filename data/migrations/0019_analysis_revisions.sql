-- Incremental re-analysis (issue 22, docs/design.md "Incremental
-- re-analysis"): a few changed pipes, buildings or sewers, or a ledger
-- change, re-grade only the pipes in their reach and revise the current
-- run in place: one transaction replaces the segments of those pipes in
-- the run's partition and brings their hazards up to date. The run counts
-- its revisions (the tile layers' version names it: their caches keyed by
-- run drop the revised run's old tiles), and each revision is recorded
-- with what it was asked to re-analyse and what it re-graded.
ALTER TABLE analysis_runs ADD COLUMN revision int NOT NULL DEFAULT 0;

CREATE TABLE analysis_revisions (
    run_id       bigint NOT NULL REFERENCES analysis_runs (id) ON DELETE CASCADE,
    revision     int NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz NOT NULL DEFAULT now(),
    -- what was asked: the changed features, by layer and id
    changed      jsonb NOT NULL,
    -- what it re-graded: the pipes in scope and the segments replaced
    pipes        int NOT NULL,
    removed      int NOT NULL,
    added        int NOT NULL,
    duration_ms  bigint NOT NULL,
    phases       jsonb NOT NULL,
    PRIMARY KEY (run_id, revision)
);
GRANT SELECT, INSERT ON analysis_revisions TO gasrisk_app;
