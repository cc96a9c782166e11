-- The hazard ledger (隐患台账): every finding of an analysis run becomes a
-- hazard with a stable identity (kind + the pipe or station + the other
-- feature), kept across runs and moved through the closed loop
-- 排查—整改—复核—销号: open → planned → rectified → rechecked → closed, with
-- reopening from rectified and closed. Hazards are never deleted; their
-- history is append-only.
CREATE TABLE hazards (
    id                 bigserial PRIMARY KEY,
    code               text GENERATED ALWAYS AS ('YH-' || lpad(id::text, 6, '0')) STORED,
    identity           text NOT NULL UNIQUE,
    kind               text NOT NULL,
    source             text NOT NULL CHECK (source IN ('segment', 'station')),
    pipe_id            text,
    part               int,              -- the pipe's part (NULL: the whole pipe)
    f0                 double precision, -- the stretch on the part, as fractions
    f1                 double precision,
    station_id         text,
    ref_layer          text,             -- the other feature: buildings, sewers, places
    ref_id             text,
    info               jsonb NOT NULL DEFAULT '{}', -- what it involves, for descriptions (HazardInfo)
    grade              text NOT NULL CHECK (grade IN ('red', 'orange', 'yellow', 'blue')),
    district           text,
    length_m           double precision,
    geom               geometry NOT NULL,
    geom_3857          geometry(Geometry, 3857) NOT NULL,
    state              text NOT NULL DEFAULT 'open'
                       CHECK (state IN ('open', 'planned', 'rectified', 'rechecked', 'closed')),
    listed             boolean NOT NULL DEFAULT false, -- 挂牌督办
    recheck_due        boolean NOT NULL DEFAULT false, -- the latest run did not find it
    measures           text,
    responsible_unit   text,
    responsible_person text,
    deadline           date,
    temporary_measures text[] NOT NULL DEFAULT '{}',
    evidence           text,
    first_run          bigint NOT NULL REFERENCES analysis_runs (id), -- the run that first found it
    found_at           timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    closed_at          timestamptz,
    CHECK (state <> 'planned' OR (measures IS NOT NULL AND responsible_unit IS NOT NULL
                                  AND responsible_person IS NOT NULL AND deadline IS NOT NULL))
);
CREATE UNIQUE INDEX hazards_code ON hazards (code);
CREATE INDEX hazards_state ON hazards (state);
CREATE INDEX hazards_district ON hazards (district);
CREATE INDEX hazards_pipe ON hazards (pipe_id);
CREATE INDEX hazards_geom ON hazards USING gist (geom);
CREATE INDEX hazards_geom_3857 ON hazards USING gist (geom_3857);

-- Who did what to a hazard, when and why: every transition and every
-- finding of an analysis run. Rows are only ever inserted.
CREATE TABLE hazard_events (
    id         bigserial PRIMARY KEY,
    hazard_id  bigint NOT NULL REFERENCES hazards (id),
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor      text NOT NULL CHECK (actor <> ''),
    action     text NOT NULL,
    from_state text,
    to_state   text NOT NULL,
    reason     text NOT NULL CHECK (reason <> ''),
    data       jsonb NOT NULL DEFAULT '{}',
    run_id     bigint REFERENCES analysis_runs (id)
);
CREATE INDEX hazard_events_hazard ON hazard_events (hazard_id, id);

CREATE FUNCTION gasrisk_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% refused: %', TG_OP, TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER hazard_events_append_only BEFORE UPDATE OR DELETE ON hazard_events
    FOR EACH ROW EXECUTE FUNCTION gasrisk_refuse('the hazard history is append-only');
CREATE TRIGGER hazard_events_no_truncate BEFORE TRUNCATE ON hazard_events
    FOR EACH STATEMENT EXECUTE FUNCTION gasrisk_refuse('the hazard history is append-only');
-- A hazard is never dropped: it is closed (销号).
CREATE TRIGGER hazards_no_delete BEFORE DELETE ON hazards
    FOR EACH ROW EXECUTE FUNCTION gasrisk_refuse('hazards are closed, never deleted');
CREATE TRIGGER hazards_no_truncate BEFORE TRUNCATE ON hazards
    FOR EACH STATEMENT EXECUTE FUNCTION gasrisk_refuse('hazards are closed, never deleted');
