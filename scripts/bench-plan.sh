#!/usr/bin/env bash
# Renewal plan benchmark (docs/benchmarks.md, issue 18): generate a city,
# import and analyse it, then time a 4-year plan under a yearly budget, a
# what-if run of that plan against a normal analysis run, and the
# comparison.
# Usage: scripts/bench-plan.sh [SEGMENTS] [WORKDIR]   (1000000 segments: the issue's city)
set -euo pipefail
N=${1:-1000000}
WORK=${2:-/tmp/gasrisk-bench-plan}
BIN=${BIN:-bin/gasrisk}
BUDGET=${BUDGET:-80000000}
export GASRISK_DATA_DIR="$WORK/db"
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
timed() { # LABEL CMD...: wall seconds and peak RSS of the gasrisk process
  local label=$1; shift
  /usr/bin/time -o "$WORK/time" -f "$label: %e s wall, %U s user, %M KiB peak RSS" "$@" >"$WORK/out" 2>"$WORK/err" ||
    { cat "$WORK/err"; exit 1; }
  cat "$WORK/time"
}
quiet() { # wait for autovacuum after a run's writes, as bench-analyze.sh does
  local url; url=$($BIN db url)
  while [ "$("$PSQL" -X -At "$url" -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" != 0 ]; do
    sleep 2
  done
}
if [ ! -f "$WORK/loaded" ]; then
  rm -rf "$WORK"; mkdir -p "$WORK"
  $BIN gen --segments "$N" --seed 7 -o "$WORK/city" >/dev/null
  $BIN import-dir "$WORK/city" --replace >/dev/null 2>&1
  $BIN analyze --as-of 2026-06-30 >/dev/null 2>&1 # the first run also builds the ledger: not timed here
  quiet
  touch "$WORK/loaded"
fi
NAME="bench-$(date +%s)"
timed "plan 2027-2030, $BUDGET yuan a year" $BIN plan --years 2027-2030 --budget "$BUDGET" --name "$NAME" -o "$WORK/plan.json"
sed -n '1,8p' "$WORK/err"
timed "plan as xlsx" $BIN plan --years 2027-2030 --budget "$BUDGET" --name "$NAME-x" -o "$WORK/plan.xlsx"
quiet
# Normal run and scenario run alternated twice: the ratio, not one pair.
for round in 1 2; do
  timed "analyze (normal, round $round)" $BIN analyze --as-of 2026-06-30
  quiet
  timed "analyze --scenario (round $round)" $BIN analyze --scenario "$NAME"
  quiet
done
timed "compare" $BIN compare "$NAME"
head -8 "$WORK/out"
