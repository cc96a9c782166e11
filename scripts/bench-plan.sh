#!/usr/bin/env bash
# Renewal plan benchmark (docs/benchmarks.md, issue 18): generate a city,
# import and analyse it, then time a 4-year plan under a yearly budget and,
# alternated A B A B on the same city, a normal analysis run (A) and a
# what-if run of that plan (B, gasrisk analyze --scenario), then the
# comparison. It ends with the ratio B/A of each round and of their sums:
# the issue's "scenario analysis within 10 % of a normal run".
#
# Usage: scripts/bench-plan.sh [GEN_SEGMENTS] [WORKDIR]
#   GEN_SEGMENTS is passed to `gasrisk gen --segments` (default 365000: the
#   project's 1,000,000-segment city, 366,280 pipes; 1000000 would make a
#   2.7 M-segment city). ROUNDS (default 2) sets the A B pairs, BUDGET the
#   yearly budget (default 80000000 yuan), BIN the binary (bin/gasrisk).
#   A smoke run: scripts/bench-plan.sh 5000 /tmp/gasrisk-bench-plan-5k
set -euo pipefail
N=${1:-365000}
WORK=${2:-/tmp/gasrisk-bench-plan}
BIN=${BIN:-bin/gasrisk}
BUDGET=${BUDGET:-80000000}
ROUNDS=${ROUNDS:-2}
export GASRISK_DATA_DIR="$WORK/db"
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
timed() { # LABEL CMD...: wall seconds and peak RSS of the gasrisk process; the wall seconds also in $WORK/secs
  local label=$1; shift
  /usr/bin/time -o "$WORK/time" -f "%e %U %M" "$@" >"$WORK/out" 2>"$WORK/err" ||
    { cat "$WORK/err"; exit 1; }
  read -r wall user rss <"$WORK/time"
  echo "$wall" >"$WORK/secs"
  echo "$label: $wall s wall, $user s user, $rss KiB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))"
}
quiet() { # wait for autovacuum after a run's writes, as bench-analyze.sh does
  local url; url=$($BIN db url)
  while [ "$("$PSQL" -X -At "$url" -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" != 0 ]; do
    sleep 2
  done
}
if [ ! -f "$WORK/loaded-$N" ]; then
  rm -rf "$WORK"; mkdir -p "$WORK"
  $BIN gen --segments "$N" --seed 7 -o "$WORK/city" >/dev/null
  $BIN import-dir "$WORK/city" --replace >/dev/null 2>&1
  $BIN analyze --as-of 2026-06-30 >/dev/null 2>&1 # the first run also builds the ledger: not timed here
  quiet
  touch "$WORK/loaded-$N"
fi
echo "city: gen --segments $N: $("$PSQL" -X -At "$($BIN db url)" -c "SELECT count(*) FROM segments WHERE run_id = (SELECT run_id FROM current_run)") segments"
NAME="bench-$(date +%s)"
timed "plan 2027-2030, $BUDGET yuan a year" $BIN plan --years 2027-2030 --budget "$BUDGET" --name "$NAME" -o "$WORK/plan.json"
sed -n '1,8p' "$WORK/err"
timed "plan as xlsx" $BIN plan --years 2027-2030 --budget "$BUDGET" --name "$NAME-x" -o "$WORK/plan.xlsx"
quiet
# A normal run (A) and a scenario run (B) alternated: the ratio, not one pair.
sumA=0 sumB=0 ratios=""
for round in $(seq 1 "$ROUNDS"); do
  timed "A analyze (normal, round $round)" $BIN analyze --as-of 2026-06-30
  a=$(cat "$WORK/secs")
  quiet
  timed "B analyze --scenario $NAME (round $round)" $BIN analyze --scenario "$NAME"
  b=$(cat "$WORK/secs")
  quiet
  sumA=$(awk -v x="$sumA" -v y="$a" 'BEGIN { print x + y }') sumB=$(awk -v x="$sumB" -v y="$b" 'BEGIN { print x + y }')
  ratios="$ratios $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')"
done
echo "scenario/normal per round:$ratios; over all rounds $(awk -v a="$sumA" -v b="$sumB" 'BEGIN { printf "%.3f", b / a }') (target ≤ 1.10)"
timed "compare" $BIN compare "$NAME"
head -8 "$WORK/out"
