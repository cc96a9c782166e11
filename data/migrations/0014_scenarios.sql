-- What-if runs (docs/risk-model.md §11): an analysis run made as if some
-- pipes were renewed. It is published beside the current run, never as
-- it: scenario names it (NULL for an ordinary run), scenario_plan the plan
-- whose pipes it renews (NULL: the pipes listed in scenario_pipes), and
-- base_run the current run it was made against. The newest done run of a
-- name is that scenario; older ones are dropped.
ALTER TABLE analysis_runs
    ADD COLUMN scenario text,
    ADD COLUMN scenario_plan text,
    ADD COLUMN scenario_pipes text[],
    ADD COLUMN base_run bigint;
CREATE INDEX analysis_runs_scenario ON analysis_runs (scenario) WHERE scenario IS NOT NULL;
