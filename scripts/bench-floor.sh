#!/usr/bin/env bash
# What an analysis cannot go below on this machine (docs/benchmarks.md
# "The analysis's floor", issue 22 item 2). On the generated city of N
# pipe segments, analysed (scripts/bench-city.sh), ROUNDS rounds alternate
#   1. the run's write alone: the current run's segment rows, dumped once
#      to files in PostgreSQL's binary COPY format, copied back into new
#      tables with COPY FREEZE — one table a shard, all shards at once, as
#      the analysis writes them — and indexed with the run's own index
#      definitions (read from pg_indexes), ANALYZEd, committed; nothing
#      computed, nothing joined;
#   2. the bare detection joins (bare_joins in bench-city.sh),
# and print one line a round: both wall times and the floor's ratio
# (write + joins) / joins — what an analysis that spent nothing else,
# no segmentation, grading, sewer reach, outage zones or hazard ledger,
# would score against the 2× of issue 22. With SLIM=1 the rows are
# dumped with empty factors ('[]'): the floor of a run that stored no
# factor texts (rendered on read instead), for comparison.
#
# Usage: [BIN=bin/gasrisk] [ROUNDS=3] scripts/bench-floor.sh [N] [WORK]
#          (365000 → ≈ 1,000,000 segments; a WORK with a `loaded` marker
#          is reused as it is)
set -euo pipefail
N=${1:-365000}
WORK=${2:-/tmp/gasrisk-bench-analyze}
BIN=${BIN:-bin/gasrisk}
ROUNDS=${ROUNDS:-3}
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
. "$(dirname "$0")/bench-city.sh"
bench_city "$N" "$WORK" analyze
$BIN db start >/dev/null 2>&1 || true
URL=$($BIN db url)
q() { "$PSQL" -X -q -At "$URL" -c "$1"; }
load() { cut -d' ' -f1 /proc/loadavg; }

RUN=$(q "SELECT run_id FROM current_run")
mapfile -t SHARDS < <(q "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
  AND tablename ~ '^segments_r${RUN}_[0-9]+\$' ORDER BY tablename")
[ ${#SHARDS[@]} -gt 0 ] || { echo "run $RUN has no shard tables" >&2; exit 1; }
DUMP="$WORK/floor${SLIM:+-slim}"
COLS=$(q "SELECT string_agg(CASE WHEN attname = 'factors' AND '${SLIM:-}' = '1' THEN '''[]''::json' ELSE quote_ident(attname) END, ', ' ORDER BY attnum)
  FROM pg_attribute WHERE attrelid = 'segments'::regclass AND attnum > 0 AND NOT attisdropped")
mkdir -p "$DUMP"
chmod 777 "$DUMP" # written and read by the server's own user
find "$DUMP" -name 'segments_r*.bin' ! -name "segments_r${RUN}_*" -delete # an earlier run's
for s in "${SHARDS[@]}"; do
  [ -s "$DUMP/$s.bin" ] || q "COPY (SELECT $COLS FROM $s) TO '$DUMP/$s.bin' (FORMAT binary)"
done

# write: wall seconds to copy every shard back and index it, all at once
write() {
  local t0 t1 s pids=()
  q "SET client_min_messages = warning; DROP TABLE IF EXISTS $(printf 'floor_%s,' "${SHARDS[@]}" | sed 's/,$//')"
  t0=$(date +%s.%N)
  for s in "${SHARDS[@]}"; do
    {
      echo "BEGIN;"
      echo "CREATE TABLE floor_$s (LIKE segments INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMPRESSION);"
      echo "COPY floor_$s FROM '$DUMP/$s.bin' (FORMAT binary, FREEZE);"
      q "SELECT regexp_replace(indexdef, '^(CREATE (UNIQUE )?INDEX) \S+ ON \S+', '\1 ON floor_$s') || ';'
        FROM pg_indexes WHERE tablename = '$s'"
      echo "ANALYZE floor_$s;"
      echo "COMMIT;"
    } | "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$URL" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  t1=$(date +%s.%N)
  q "DROP TABLE $(printf 'floor_%s,' "${SHARDS[@]}" | sed 's/,$//')"
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}'
}

echo "== machine: $(nproc) CPUs, $(uptime | sed 's/.*load/load/'); run $RUN, ${#SHARDS[@]} shards, $(du -sh "$DUMP" | cut -f1) dumped"
for r in $(seq "$ROUNDS"); do
  l0=$(load)
  w=$(write)
  b=$(bare_joins "$WORK")
  echo "ROUND $r write=${w}s bare_joins=${b}s floor=$(awk -v w="$w" -v b="$b" 'BEGIN {printf "%.2f", (w + b) / b}')x load=$l0/$(load)"
done
$BIN db stop >/dev/null 2>&1 || true
