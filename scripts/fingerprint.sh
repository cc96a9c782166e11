#!/usr/bin/env bash
# Analysis fingerprint: prints a small, deterministic text that sums up what
# the current analysis run left in the database, so that two builds of gasrisk
# can be shown to analyse alike (run each on its own copy of the same freshly
# imported data dir, fingerprint both, diff the two outputs).
#
# One line per table: name, row count, md5 over the rows (each row as text,
# md5'd, in a stable order, the row md5s concatenated and md5'd again):
#   segments          the current run's segments: every computed column
#                     (factors compared as jsonb, geometries as EWKB hex)
#   station_findings  the current run's station findings
#   hazards           the whole ledger, every column but the timestamps
#   hazard_events     the whole history, every column but id, hazard_id, at
# then the history's counts by run, action and states, the current run's
# summary (analysis_runs.counts, timings left out) and the list of runs.
#
# Usage (the cluster of $GASRISK_DATA_DIR is started if it is not running):
#   BIN=bin/gasrisk GASRISK_DATA_DIR=/path/to/db scripts/fingerprint.sh > fp.txt
# To compare two builds on the same city:
#   cp -a IMPORTED copyA; GASRISK_DATA_DIR=copyA/db $BIN_A analyze --as-of 2026-06-30
#   BIN=$BIN_A GASRISK_DATA_DIR=copyA/db scripts/fingerprint.sh > a.txt   (same for B)
#   diff a.txt b.txt
# A re-analysis (a second `analyze` on the same copy) differs from the first
# run's fingerprint only in the run id, the segment ids and the runs lists.
# Needs psql (PSQL, default: PostgreSQL 15's). FP_URL overrides `$BIN db url`.
#
# Left out, because they differ between two runs of the same code on the same
# copy (checked at 548aaff on the 110,311-pipe city, seed 7: two fresh copies
# analysed by one binary numbered 304,491 of 304,493 segments and 229,825 of
# 231,997 hazards differently, while every line below came out the same):
#   segment_id   numbered by nextval('segment_ids') from concurrent shards,
#                so which segment gets which number depends on scheduling;
#                only the set of numbers is kept (the segment_ids line).
#   hazards.id, hazards.code, hazard_events.id/hazard_id
#                the first run builds the ledger from concurrent shards
#                drawing on hazards' sequence: same caveat. Hazards are keyed
#                by identity (unique), events by their hazard's identity and
#                their order within it; the sets of ids/codes are kept.
#   found_at, updated_at, closed_at (kept as "is it NULL"), hazard_events.at,
#   analysis_runs timestamps, duration_ms, phases, counts.duration_ns
#                wall-clock times.
#   counts' km   rounded to 1e-6 km: the shards' tallies are added up in the
#                order they finish, which moves the last bits of the sums.
# Run ids (segments' partition, first_run, events' run_id, the run ids in the
# events' reasons) are kept: on copies of the same data dir they are the same.
set -euo pipefail
BIN=${BIN:-bin/gasrisk}
: "${GASRISK_DATA_DIR:?set GASRISK_DATA_DIR to the data dir to fingerprint}"
export GASRISK_DATA_DIR
PSQL=${PSQL:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql}
if [ -z "${FP_URL:-}" ]; then
  if ! "$BIN" db status 2>/dev/null | grep -q '^running'; then
    "$BIN" db start >/dev/null
  fi
  FP_URL=$("$BIN" db url)
fi

"$PSQL" -X -q -At -F ' ' -v ON_ERROR_STOP=1 "$FP_URL" <<'SQL'
SET extra_float_digits = 1;  -- shortest exact text of every float8
SET work_mem = '256MB';
CREATE TEMP TABLE fp_run AS SELECT run_id AS id FROM current_run;

-- (a) the current run's segments. Key: pipe, part, stretch (then the whole
-- row, should two rows share a key).
SELECT 'segments', count(*), md5(coalesce(string_agg(h, '' ORDER BY k, h), ''))
FROM (SELECT md5(s::text) AS h, s.pipe_id || '|' || s.part || '|' || s.f0 || '|' || s.f1 AS k
      FROM (SELECT pipe_gid, pipe_id, part, f0, f1, length_m, material, pressure_class, diameter_mm,
                   install_year, district, grade, score, lof, cof, occupied, clearance_violation,
                   sewer_crossing, aged, third_party, renewal_category, findings, factors::jsonb::text AS factors,
                   encode(ST_AsEWKB(geom), 'hex') AS geom, encode(ST_AsEWKB(geom_3857), 'hex') AS geom_3857
            FROM segments WHERE run_id = (SELECT id FROM fp_run)) s) x;
SELECT 'segment_ids', count(*), count(DISTINCT segment_id), min(segment_id) || '..' || max(segment_id)
FROM segments WHERE run_id = (SELECT id FROM fp_run);

-- (b) the current run's station findings (no key of their own: whole rows).
SELECT 'station_findings', count(*), md5(coalesce(string_agg(h, '' ORDER BY h), ''))
FROM (SELECT md5(f::text) AS h
      FROM (SELECT station_gid, kind, detail, ref_layer, ref_id, distance_m
            FROM station_findings WHERE run_id = (SELECT id FROM fp_run)) f) x;

-- (c) the ledger, by identity.
SELECT 'hazards', count(*), md5(coalesce(string_agg(md5(h::text), '' ORDER BY h.identity), ''))
FROM (SELECT identity, kind, source, pipe_id, part, f0, f1, station_id, ref_layer, ref_id, info::text AS info,
             grade, district, length_m, encode(ST_AsEWKB(geom), 'hex') AS geom,
             encode(ST_AsEWKB(geom_3857), 'hex') AS geom_3857, state, listed, recheck_due, measures,
             responsible_unit, responsible_person, deadline, temporary_measures, evidence, first_run,
             closed_at IS NULL AS not_closed
      FROM hazards) h;
SELECT 'hazard_ids', count(*), count(DISTINCT id), min(id) || '..' || max(id),
       count(DISTINCT code), min(code) || '..' || max(code), count(*) FILTER (WHERE code <> 'YH-' || lpad(id::text, greatest(6, length(id::text)), '0'))
FROM hazards;

-- (d) the history, by hazard identity and order within the hazard.
SELECT 'hazard_events', count(*), md5(coalesce(string_agg(md5(e::text), '' ORDER BY e.identity, e.seq), ''))
FROM (SELECT h.identity, row_number() OVER (PARTITION BY ev.hazard_id ORDER BY ev.id) AS seq,
             ev.actor, ev.action, ev.from_state, ev.to_state, ev.reason, ev.data::text AS data, ev.run_id
      FROM hazard_events ev JOIN hazards h ON h.id = ev.hazard_id) e;
SELECT 'events', coalesce(run_id::text, '-'), action, coalesce(from_state, '-') || '>' || to_state, count(*)
FROM hazard_events GROUP BY 2, 3, 4 ORDER BY 2, 3, 4;
SELECT 'ledger', state, CASE WHEN listed THEN 'listed' ELSE '-' END, CASE WHEN recheck_due THEN 'recheck_due' ELSE '-' END,
       grade, count(*)
FROM hazards GROUP BY 2, 3, 4, 5 ORDER BY 2, 3, 4, 5;

-- The current run's summary (analysis_runs.counts), timings left out.
SELECT 'run', r.id, r.status, r.as_of, 'config=' || md5(r.config::text), 'error=' || coalesce(r.error, '-'),
       'segments=' || (r.counts->>'segments'), 'km=' || round((r.counts->>'km')::numeric, 6)
FROM analysis_runs r WHERE r.id = (SELECT id FROM fp_run);
SELECT 'grades', g.key, g.value->>'segments', round((g.value->>'km')::numeric, 6)
FROM analysis_runs r, jsonb_each(r.counts->'grades') g WHERE r.id = (SELECT id FROM fp_run) ORDER BY 2;
SELECT 'findings', f.key, f.value
FROM analysis_runs r, jsonb_each_text(r.counts->'findings') f WHERE r.id = (SELECT id FROM fp_run) ORDER BY 2;
SELECT 'station_kinds', f.key, f.value
FROM analysis_runs r, jsonb_each_text(r.counts->'station_findings') f WHERE r.id = (SELECT id FROM fp_run) ORDER BY 2;
SELECT 'districts', count(*), md5(coalesce(string_agg(l, E'\n' ORDER BY l), ''))
FROM (SELECT d.key || ' ' || g.key || ' ' || (g.value->>'segments') || ' ' || round((g.value->>'km')::numeric, 6) AS l
      FROM analysis_runs r, jsonb_each(r.counts->'districts') d, jsonb_each(d.value) g
      WHERE r.id = (SELECT id FROM fp_run)) x;
SELECT 'counts_keys', string_agg(k, ',' ORDER BY k)
FROM analysis_runs r, jsonb_object_keys(r.counts) k WHERE r.id = (SELECT id FROM fp_run);
-- Every run, and which partitions of segments are kept.
SELECT 'runs', string_agg(id || ':' || status, ' ' ORDER BY id) FROM analysis_runs;
SELECT 'segment_runs', string_agg(run_id || ':' || n, ' ' ORDER BY run_id)
FROM (SELECT run_id, count(*) AS n FROM segments GROUP BY run_id) x;
SQL
