-- What a permit check's write locks and what its table's vacuums scan
-- (docs/benchmarks.md "Permit checks: no lock on the key").
--
-- A ticket named its key and run through foreign keys, and a foreign key
-- takes a KEY SHARE lock on the row it names: every concurrent check of
-- one key locked the same api_keys row (and the same analysis_runs row),
-- so each made a MultiXact and WAL-logged a lock on that row — 160,790
-- MultiXacts on the benchmark database, 16–22 % of PostgreSQL's CPU a
-- check at 500–650 checks/s. The references stay true without the lock:
-- the key was authenticated by the same request and a key is never
-- deleted (refused below, as tickets' and audit entries' changes are);
-- the run is the one the check read, and a ticket keeps its findings in
-- its response document whatever becomes of the run.
ALTER TABLE permit_tickets DROP CONSTRAINT IF EXISTS permit_tickets_key_id_fkey,
    DROP CONSTRAINT IF EXISTS permit_tickets_run_id_fkey;
CREATE TRIGGER api_keys_never_deleted BEFORE DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION gasrisk_refuse_change();

-- Tickets and audit entries are only ever inserted (0003's triggers), and
-- works rows too (a check adds one; an import replaces the layer by
-- TRUNCATE), so their vacuums find nothing to remove from the indexes;
-- yet each insert-triggered vacuum scanned the tickets' and the works'
-- GiST indexes whole (GiST cleans up by a full scan when nothing was
-- deleted). Index clean-up is left out for these tables: the only dead
-- rows they can hold are those of aborted inserts.
ALTER TABLE permit_tickets SET (vacuum_index_cleanup = off);
ALTER TABLE audit_log SET (vacuum_index_cleanup = off);
ALTER TABLE works SET (vacuum_index_cleanup = off);

-- Their statistics hardly change as they grow (tickets are read by id
-- and key, audit entries by subject, works joined by geometry), yet
-- autovacuum re-analysed all three every 10 % of growth — every ~4
-- minutes at 700 checks/s on the benchmark database, 6.6–10 s of reads
-- and sorting at full speed beside the checks (p99 36–51 ms at 600/s
-- during it, against 27–28 ms with the reads paced at 20 ms). They are
-- analysed every half of growth instead, and their vacuums and analyses
-- paced (20 ms sleeps, 10 times autovacuum's default).
ALTER TABLE permit_tickets SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_vacuum_cost_delay = 20);
ALTER TABLE audit_log SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_vacuum_cost_delay = 20);
ALTER TABLE works SET (autovacuum_analyze_scale_factor = 0.5, autovacuum_vacuum_cost_delay = 20);
