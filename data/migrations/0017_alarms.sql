-- Detector alarms (issue 20): raised by readings over a threshold or by a
-- detector's silence, moved by people through raised → acknowledged →
-- dispatched → resolved | false_alarm (package alarm). An alarm is never
-- deleted and its history is append-only; the moves are checked here as
-- well, so that no session of the services can skip or undo one.
CREATE TABLE alarms (
    id          bigserial PRIMARY KEY,
    code        text GENERATED ALWAYS AS ('BJ-' || lpad(id::text, 6, '0')) STORED,
    sensor_id   text NOT NULL,
    sensor_kind text NOT NULL,
    level       text NOT NULL CHECK (level IN ('low', 'high', 'under', 'over', 'silent')),
    state       text NOT NULL DEFAULT 'raised'
                CHECK (state IN ('raised', 'acknowledged', 'dispatched', 'resolved', 'false_alarm')),
    unit        text NOT NULL,
    first_at    timestamptz NOT NULL,
    first_value double precision NOT NULL,
    last_at     timestamptz NOT NULL,
    last_value  double precision NOT NULL,
    peak_value  double precision NOT NULL,
    readings    int NOT NULL DEFAULT 1,
    -- The ledger's hazard it opened or joined. No foreign key: the first
    -- analysis swaps the (empty) hazards table for the one it built.
    hazard_id   bigint,
    geom        geometry NOT NULL,
    raised_at   timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    closed_at   timestamptz
);
CREATE UNIQUE INDEX alarms_code ON alarms (code);
-- One open alarm per detector and level: later readings at that level
-- update it.
CREATE UNIQUE INDEX alarms_open ON alarms (sensor_id, level) WHERE state IN ('raised', 'acknowledged', 'dispatched');
CREATE INDEX alarms_state ON alarms (state, id);
CREATE INDEX alarms_raised ON alarms (raised_at);
CREATE INDEX alarms_geom ON alarms USING gist (geom);

CREATE TABLE alarm_events (
    id         bigserial PRIMARY KEY,
    alarm_id   bigint NOT NULL REFERENCES alarms (id),
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor      text NOT NULL CHECK (actor <> ''),
    action     text NOT NULL,
    from_state text,
    to_state   text NOT NULL,
    reason     text NOT NULL CHECK (reason <> ''),
    data       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX alarm_events_alarm ON alarm_events (alarm_id, id);

CREATE TRIGGER alarm_events_append_only BEFORE UPDATE OR DELETE ON alarm_events
    FOR EACH ROW EXECUTE FUNCTION gasrisk_refuse('the alarm history is append-only');
CREATE TRIGGER alarm_events_no_truncate BEFORE TRUNCATE ON alarm_events
    FOR EACH STATEMENT EXECUTE FUNCTION gasrisk_refuse('the alarm history is append-only');
CREATE TRIGGER alarms_no_delete BEFORE DELETE ON alarms
    FOR EACH ROW EXECUTE FUNCTION gasrisk_refuse('alarms are resolved, never deleted');
CREATE TRIGGER alarms_no_truncate BEFORE TRUNCATE ON alarms
    FOR EACH STATEMENT EXECUTE FUNCTION gasrisk_refuse('alarms are resolved, never deleted');

-- The lifecycle, as package alarm has it: only forward moves, none out of
-- resolved or false_alarm, and what raised the alarm never changes.
CREATE FUNCTION gasrisk_alarm_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.sensor_id, NEW.sensor_kind, NEW.level, NEW.unit, NEW.first_at, NEW.first_value, NEW.raised_at, NEW.geom::bytea)
       IS DISTINCT FROM
       (OLD.sensor_id, OLD.sensor_kind, OLD.level, OLD.unit, OLD.first_at, OLD.first_value, OLD.raised_at, OLD.geom::bytea) THEN
        RAISE EXCEPTION 'UPDATE refused: what raised alarm % never changes', OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.state IS DISTINCT FROM OLD.state AND (OLD.state, NEW.state) NOT IN (
        ('raised', 'acknowledged'), ('raised', 'resolved'), ('raised', 'false_alarm'),
        ('acknowledged', 'dispatched'), ('acknowledged', 'resolved'), ('acknowledged', 'false_alarm'),
        ('dispatched', 'resolved'), ('dispatched', 'false_alarm')) THEN
        RAISE EXCEPTION 'UPDATE refused: alarm % cannot move from % to %', OLD.id, OLD.state, NEW.state
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.state = OLD.state AND OLD.state IN ('resolved', 'false_alarm') THEN
        RAISE EXCEPTION 'UPDATE refused: alarm % is closed', OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER alarms_lifecycle BEFORE UPDATE ON alarms FOR EACH ROW EXECUTE FUNCTION gasrisk_alarm_move();

-- Alarms are raised and moved, never deleted; their history only grows.
GRANT SELECT, INSERT ON alarms, alarm_events TO gasrisk_app;
GRANT UPDATE (state, last_at, last_value, peak_value, readings, hazard_id, updated_at, closed_at) ON alarms TO gasrisk_app;
GRANT USAGE ON SEQUENCE alarms_id_seq, alarm_events_id_seq TO gasrisk_app;
