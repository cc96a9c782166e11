-- A server caches the keys it has authenticated (data/access keycache.go)
-- and must hear at once when one is revoked, re-roled or removed: every
-- change to api_keys announces itself on the channel gasrisk_api_keys,
-- at commit, to every server listening. New keys need no announcement
-- (an unknown key is never cached).
CREATE FUNCTION gasrisk_notify_api_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gasrisk_api_keys', TG_OP);
    RETURN NULL;
END $$;
CREATE TRIGGER api_keys_notify AFTER UPDATE OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION gasrisk_notify_api_keys();
