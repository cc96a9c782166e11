-- The outage consequence's cuts, kept between runs (issue 17,
-- docs/risk-model.md "Outage consequence", data/analysis/outage_store.go):
-- what isolating each stretch of the gas network cuts off, computed from
-- the whole network's graph, is stored with a fingerprint of exactly what
-- it depends on (the in-service pipes' gids and geometry, the valves'
-- positions, states and operability, the sources' kinds and positions,
-- the customers' kinds and positions). A run or a revision whose
-- fingerprint matches reads the stored cuts instead of building the
-- graph. One set is kept: a new computation replaces it.
CREATE TABLE outage_cut_set (
    fingerprint  text NOT NULL,
    computed_at  timestamptz NOT NULL DEFAULT now(),
    stretches    int NOT NULL,
    duration_ms  bigint NOT NULL
);

-- The stretches of pipe whose isolation cuts off customers: pipe (by gid)
-- and fraction range, the customers and critical customers cut off.
CREATE TABLE outage_cuts (
    pipe_gid   bigint NOT NULL,
    f0         float8 NOT NULL,
    f1         float8 NOT NULL,
    customers  int NOT NULL,
    critical   int NOT NULL
);
CREATE INDEX outage_cuts_pipe ON outage_cuts (pipe_gid, f0);

-- The fingerprint of the cuts each run was graded with (NULL: none, the
-- factor off or no valves and customers): a revision whose network no
-- longer has it gives way to a full run.
ALTER TABLE analysis_runs ADD COLUMN outage_fingerprint text;

GRANT SELECT, INSERT, DELETE ON outage_cut_set TO gasrisk_app;
GRANT SELECT, INSERT, TRUNCATE ON outage_cuts TO gasrisk_app;
