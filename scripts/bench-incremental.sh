#!/usr/bin/env bash
# Incremental re-analysis benchmark (docs/benchmarks.md, issue 22): on an
# analysed city, edit one pipe (material and install year, a different pipe
# each time) and time `gasrisk analyze --pipes ID` (the run revised in place)
# against a full `gasrisk analyze` of the same data, alternated, PAIRS times;
# prints each pair with the load average, then the medians and their ratio,
# and the phases of the last revision. FULL=0 times the incremental runs only.
# Usage: scripts/bench-incremental.sh [PIPES] [WORKDIR] [PAIRS]
#   (365000 pipes ≈ 1,000,000 segments; the default 50000 ≈ 137,000)
set -euo pipefail
N=${1:-50000}
WORK=${2:-/tmp/gasrisk-bench-incremental}
PAIRS=${3:-3}
BIN=${BIN:-bin/gasrisk}
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
. "$(dirname "$0")/bench-city.sh"
bench_city "$N" "$WORK" analyze
if ! "$BIN" db status 2>/dev/null | grep -q '^running'; then "$BIN" db start >/dev/null; fi
URL=$("$BIN" db url)
sql() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
now() { date +%s.%N; }
inc=(); full=()
for i in $(seq 1 "$PAIRS"); do
  pipe=$(sql "SELECT id FROM pipes WHERE status = 'in_service' ORDER BY gid
              OFFSET ($i * 7919) % (SELECT count(*) FROM pipes WHERE status = 'in_service') LIMIT 1")
  sql "UPDATE pipes SET material = CASE WHEN material = 'pe' THEN 'steel' ELSE 'pe' END, install_year = 1985 + $i WHERE id = '$pipe'"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  t0=$(now); "$BIN" analyze --pipes "$pipe" >"$WORK/incremental.log" 2>&1; t1=$(now)
  [ "${FULL:-1}" = 0 ] || "$BIN" analyze --as-of 2026-06-30 >"$WORK/full.log" 2>&1
  t2=$(now)
  a=$(echo "$t1 - $t0" | bc); b=$(echo "$t2 - $t1" | bc)
  inc+=("$a"); full+=("$b")
  printf 'pair %d: pipe %s, load %s: incremental %.2f s (%s), full %.2f s\n' "$i" "$pipe" "$load" "$a" \
    "$(grep -m1 '^analysis run' "$WORK/incremental.log" | sed 's/^analysis run [0-9]* //')" "$b"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mi=$(median "${inc[@]}"); mf=$(median "${full[@]}")
sql "SELECT 'last revision: ' || duration_ms || ' ms; ' || string_agg(p->>'name' || ' ' || round((p->>'duration_ns')::numeric / 1e6) || ' ms', ', ')
     FROM (SELECT * FROM analysis_revisions ORDER BY started_at DESC LIMIT 1) r, jsonb_array_elements(r.phases) p GROUP BY duration_ms"
[ "${FULL:-1}" = 0 ] && exit 0
printf 'median: incremental %.2f s, full %.2f s: the incremental run takes %.1f %% of the full run (%.0f× faster)\n' \
  "$mi" "$mf" "$(echo "100 * $mi / $mf" | bc -l)" "$(echo "$mf / $mi" | bc -l)"
