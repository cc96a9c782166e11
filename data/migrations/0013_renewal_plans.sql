-- The renewal programme (docs/risk-model.md §11, docs/data-model.md):
-- the surface over a pipe (the cost model's surface multiplier; NULL:
-- unknown, the model's default surface), and named plans with their
-- inputs, their years and their jobs. A job keeps the pipes it renews,
-- its cost, category, risk reduction and the reason for its year; its
-- progress (planned → designed → under construction → done) is updated
-- in place.
ALTER TABLE pipes
    ADD COLUMN surface text CHECK (surface IN ('road', 'sidewalk', 'green', 'unpaved'));

CREATE TABLE renewal_plans (
    name        text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    run_id      bigint NOT NULL REFERENCES analysis_runs (id),
    inputs      jsonb NOT NULL,
    years       jsonb NOT NULL,
    unscheduled jsonb NOT NULL
);

CREATE TABLE renewal_jobs (
    plan_name        text NOT NULL REFERENCES renewal_plans (name) ON DELETE CASCADE,
    job_no           int NOT NULL,
    year             int NOT NULL,
    pipe_ids         text[] NOT NULL,
    length_m         double precision NOT NULL,
    cost_yuan        double precision NOT NULL,
    category         text NOT NULL,
    risk_reduction   double precision NOT NULL,
    reason           text NOT NULL,
    district         text,
    mandatory        boolean NOT NULL,
    state            text NOT NULL DEFAULT 'planned'
                     CHECK (state IN ('planned', 'designed', 'under_construction', 'done')),
    designed_on      date,
    started_on       date,
    finished_on      date,
    contractor       text,
    actual_cost_yuan double precision CHECK (actual_cost_yuan >= 0),
    reconciled_at    timestamptz,
    PRIMARY KEY (plan_name, job_no)
);
CREATE INDEX renewal_jobs_pipes ON renewal_jobs USING gin (pipe_ids);

GRANT SELECT, INSERT, UPDATE, DELETE ON renewal_plans, renewal_jobs TO gasrisk_app;
