-- Least privilege (docs/design.md "Database roles"). The owner — the role
-- that runs these migrations — keeps every table; the services connect as
-- gasrisk_app (created by data.Open before the migrations), a role that
-- is not a superuser and cannot create roles or databases. It owns only
-- what it rebuilds: the layers (an import truncates them, drops and
-- rebuilds their indexes and vacuums them) and segments with its run
-- partitions (an analysis attaches a partition per run and drops old
-- ones). Everything else it reaches through grants: no DELETE, no
-- TRUNCATE, no UPDATE on the append-only tables (audit_log,
-- permit_tickets, hazard_events; hazards are updated, never deleted) —
-- and not owning them it cannot ALTER them, disable their triggers, or
-- (not a superuser) set session_replication_role to skip them.
-- A new table added by a later migration needs its grants here too.
ALTER TABLE districts OWNER TO gasrisk_app;
ALTER TABLE pipes OWNER TO gasrisk_app;
ALTER TABLE stations OWNER TO gasrisk_app;
ALTER TABLE buildings OWNER TO gasrisk_app;
ALTER TABLE sewers OWNER TO gasrisk_app;
ALTER TABLE places OWNER TO gasrisk_app;
ALTER TABLE detectors OWNER TO gasrisk_app;
ALTER TABLE segments OWNER TO gasrisk_app;
ALTER SEQUENCE segment_ids OWNER TO gasrisk_app;

-- Runs made before this migration: their partitions, and work schemas
-- that killed runs left behind (the next analysis drops them).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.oid::regclass AS t FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
               AND c.relname ~ '^segments_r[0-9]+(_[0-9]+)?$' LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO gasrisk_app', r.t);
    END LOOP;
    FOR r IN SELECT nspname FROM pg_namespace WHERE nspname ~ '^gasrisk_run_[0-9]+$' LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO gasrisk_app', r.nspname);
    END LOOP;
    -- An analysis creates each run's partition beside segments.
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO gasrisk_app', current_schema());
    -- nextval only (USAGE): setval needs UPDATE, which it is not given.
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO gasrisk_app', current_schema());
END $$;

GRANT SELECT ON schema_migrations TO gasrisk_app;
GRANT SELECT, INSERT, UPDATE ON settings, analysis_runs, current_run TO gasrisk_app;
-- The ledger built by an analysis refers to its run.
GRANT REFERENCES ON analysis_runs TO gasrisk_app;
GRANT SELECT, INSERT ON imports TO gasrisk_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON works, station_findings TO gasrisk_app;
-- Keys are created and revoked, never changed otherwise nor deleted.
GRANT SELECT, INSERT ON api_keys TO gasrisk_app;
GRANT UPDATE (revoked_at) ON api_keys TO gasrisk_app;
-- Evidence: inserted and read, nothing else.
GRANT SELECT, INSERT ON audit_log, permit_tickets, hazard_events TO gasrisk_app;
-- Hazards move through their states; they are never deleted (trigger).
GRANT SELECT, INSERT, UPDATE ON hazards TO gasrisk_app;

-- The first analysis of a city builds the hazard ledger in its work
-- schema (data/analysis/ledger_bootstrap.go) and swaps it in for the
-- empty one: dropping and replacing the owner's tables, which the
-- service may not do itself. This function does it for the service, as
-- the owner, and only that: for a work schema of a run, owned by the
-- caller, while the ledger and its history are empty, with built tables
-- that carry no triggers, rules or row policies of their own. It drops
-- the empty tables, moves the built ones in, gives them to the owner
-- with the sequences, triggers and grants the migrations gave the
-- originals. It returns false, changing nothing, when the ledger is no
-- longer empty.
CREATE FUNCTION gasrisk_swap_ledger(work text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    home    text;
    app     text;
    t       text;
    s       record;
    defs    text[];
    own     text[] := '{}';
    st      text;
    busy    boolean;
BEGIN
    IF work !~ '^gasrisk_run_[0-9]+$' THEN
        RAISE EXCEPTION 'gasrisk_swap_ledger: % is not a run''s work schema', work USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT n.nspowner::regrole::text INTO app FROM pg_namespace n WHERE n.nspname = work;
    IF app IS NULL OR app <> quote_ident(session_user) THEN
        RAISE EXCEPTION 'gasrisk_swap_ledger: work schema % is not the caller''s', work USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- The ledger in place: the owner's hazards table.
    SELECT n.nspname INTO STRICT home FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname = 'hazards' AND c.relkind = 'r' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user);
    EXECUTE format('LOCK TABLE %I.hazards, %I.hazard_events IN ACCESS EXCLUSIVE MODE', home, home);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.hazards) OR EXISTS (SELECT 1 FROM %I.hazard_events)', home, home) INTO STRICT busy;
    IF busy THEN
        RETURN false;
    END IF;
    FOREACH t IN ARRAY ARRAY['hazards', 'hazard_events'] LOOP
        IF to_regclass(format('%I.%I', work, t)) IS NULL THEN
            RAISE EXCEPTION 'gasrisk_swap_ledger: %.% missing', work, t;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = format('%I.%I', work, t)::regclass AND NOT tgisinternal)
           OR EXISTS (SELECT 1 FROM pg_rewrite WHERE ev_class = format('%I.%I', work, t)::regclass)
           OR EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = format('%I.%I', work, t)::regclass)
           OR (SELECT relrowsecurity OR relkind <> 'r' FROM pg_class WHERE oid = format('%I.%I', work, t)::regclass) THEN
            RAISE EXCEPTION 'gasrisk_swap_ledger: %.% carries triggers, rules or policies of its own', work, t
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    SELECT array_agg(pg_get_triggerdef(oid) ORDER BY tgname) INTO defs FROM pg_trigger
    WHERE tgrelid IN (format('%I.hazards', home)::regclass, format('%I.hazard_events', home)::regclass) AND NOT tgisinternal;
    -- The sequences survive the drop (disowned), then belong to the new tables.
    FOR s IN SELECT l.tab, a.attname, pg_get_serial_sequence(format('%I.%I', home, l.tab), a.attname) AS seq
             FROM unnest(ARRAY['hazards', 'hazard_events']) l(tab)
             JOIN pg_attribute a ON a.attrelid = format('%I.%I', home, l.tab)::regclass AND a.attnum > 0 AND NOT a.attisdropped
             WHERE pg_get_serial_sequence(format('%I.%I', home, l.tab), a.attname) IS NOT NULL LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNED BY NONE', s.seq);
        own := own || format('ALTER SEQUENCE %s OWNED BY %I.%I.%I', s.seq, home, s.tab, s.attname);
    END LOOP;
    EXECUTE format('DROP TABLE %I.hazard_events, %I.hazards', home, home);
    FOREACH t IN ARRAY ARRAY['hazards', 'hazard_events'] LOOP
        EXECUTE format('ALTER TABLE %I.%I SET SCHEMA %I', work, t, home);
        EXECUTE format('ALTER TABLE %I.%I RESET (autovacuum_enabled)', home, t);
        EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', home, t, current_user);
    END LOOP;
    FOREACH st IN ARRAY own || defs LOOP
        EXECUTE st;
    END LOOP;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I.hazards TO %s', home, app);
    EXECUTE format('GRANT SELECT, INSERT ON %I.hazard_events TO %s', home, app);
    RETURN true;
END $$;
REVOKE ALL ON FUNCTION gasrisk_swap_ledger(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gasrisk_swap_ledger(text) TO gasrisk_app;
