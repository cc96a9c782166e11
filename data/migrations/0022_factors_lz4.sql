-- A segment's factors (1.0–1.5 kB of JSON in both languages) make its row
-- longer than the 2 kB at which PostgreSQL compresses the longest value of
-- a row: about half the rows of a run had their factors compressed with
-- pglz as the analysis wrote them, 3–5 s of CPU for each shard of 500,000
-- segments. lz4 compresses them to the same size in a fraction of that
-- (docs/benchmarks.md "Issue 17 at 1 M: the 15 % met"), and reads them back faster. The
-- run partitions take the setting from this table (INCLUDING COMPRESSION);
-- factors already written stay as they are.
-- A PostgreSQL built without lz4 (every Debian and PGDG build has it)
-- keeps pglz rather than failing the migration.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE segments ALTER COLUMN factors SET COMPRESSION lz4;
    END IF;
END $$;
