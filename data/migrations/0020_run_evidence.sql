-- Which field records each analysis run weighed (issue 19, "the run
-- records which evidence it used"; docs/risk-model.md §4): the leaks,
-- patrol observations and CP readings that touched at least one segment,
-- and the active works (permits) on its parts, by layer and record id.
-- Written in the run's publish transaction; removed with the run's
-- segments when the run is two runs old. The counts stay in
-- analysis_runs.counts.
CREATE TABLE run_evidence (
    run_id     bigint NOT NULL REFERENCES analysis_runs (id) ON DELETE CASCADE,
    layer      text NOT NULL CHECK (layer IN ('leaks', 'patrols', 'cp_readings', 'works')),
    record_id  text NOT NULL,
    PRIMARY KEY (run_id, layer, record_id)
);
GRANT SELECT, INSERT, DELETE ON run_evidence TO gasrisk_app;
