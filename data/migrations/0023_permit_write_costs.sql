-- What a permit check writes, made cheaper to keep (docs/benchmarks.md
-- "Permit checks: generic plans"). Every check appends a ticket and an
-- audit entry; autovacuum re-analyses these tables every 10 % of growth,
-- and sorting their JSON documents for statistics no query uses (tickets
-- are read by id and key, audit entries by subject and time) took 5–8 %
-- of the server's CPU at 400 checks/s. The answers that pass 2 kB are
-- compressed with lz4 rather than pglz, as the factors are (0022).
ALTER TABLE permit_tickets ALTER COLUMN request SET STATISTICS 0,
    ALTER COLUMN response SET STATISTICS 0;
ALTER TABLE audit_log ALTER COLUMN detail SET STATISTICS 0;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE permit_tickets ALTER COLUMN request SET COMPRESSION lz4, ALTER COLUMN response SET COMPRESSION lz4;
    END IF;
END $$;
