-- API keys, construction permit tickets and the audit log (DESIGN.md §6).
--
-- Keys are stored as the SHA-256 of a high-entropy random secret; the
-- secret itself is shown once, when the key is created. A key is never
-- deleted, only revoked, so tickets and audit entries keep their caller.
CREATE TABLE api_keys (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL CHECK (name <> '' AND length(name) <= 100),
    role       text NOT NULL CHECK (role IN ('permit', 'viewer', 'editor', 'admin')),
    hash       bytea NOT NULL UNIQUE CHECK (length(hash) = 32),
    prefix     text NOT NULL, -- the first characters of the key, to recognise it in lists
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- One ticket per permit check: the request, the answer and the caller, as
-- they were. Tickets are evidence: never updated, never deleted.
CREATE TABLE permit_tickets (
    id         text PRIMARY KEY,
    key_id     bigint NOT NULL REFERENCES api_keys (id),
    applicant  text NOT NULL,
    work_kind  text NOT NULL,
    depth_m    double precision NOT NULL,
    starts_on  date NOT NULL,
    ends_on    date NOT NULL CHECK (ends_on >= starts_on),
    decision   text NOT NULL CHECK (decision IN ('clear', 'conditional', 'denied')),
    run_id     bigint REFERENCES analysis_runs (id),
    request    jsonb NOT NULL,
    response   jsonb NOT NULL,
    geom       geometry NOT NULL, -- the work area in the working CRS
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX permit_tickets_key ON permit_tickets (key_id, created_at);
CREATE INDEX permit_tickets_geom ON permit_tickets USING gist (geom);

-- Who did what, when: every permit check (accepted or refused) and every
-- API key change. Rows are only ever inserted; the triggers below refuse
-- UPDATE, DELETE and TRUNCATE to everyone, the service included.
CREATE TABLE audit_log (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor   text NOT NULL CHECK (actor <> ''),
    action  text NOT NULL CHECK (action <> ''),
    subject text NOT NULL DEFAULT '',
    outcome text NOT NULL CHECK (outcome <> ''),
    detail  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject ON audit_log (subject);

CREATE FUNCTION gasrisk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- Statement triggers: an UPDATE or DELETE is refused even when it would
-- touch no row.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION gasrisk_refuse_change();
CREATE TRIGGER permit_tickets_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON permit_tickets
    FOR EACH STATEMENT EXECUTE FUNCTION gasrisk_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, permit_tickets FROM PUBLIC;
