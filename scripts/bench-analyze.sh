#!/usr/bin/env bash
# Analysis against the bare PostGIS joins (docs/benchmarks.md, issue 22
# item 2). On the generated city of N pipe segments (every layer, seed 7,
# imported and analysed once: scripts/bench-city.sh), ROUNDS rounds
# alternate
#   1. a re-analysis, `gasrisk analyze --as-of 2026-06-30`, with its
#      phases and the gasrisk process's peak memory, and
#   2. the bare detection joins the analysis cannot avoid, as counts in
#      one psql session, one after the other, PostgreSQL's defaults:
#      pipes × buildings within 1.5 m, pipes × sewers crossing and within
#      1.2 m, the run's segments × buildings within 10 m (no intervals
#      along the pipes, no grading, nothing written),
# and print one line a round: both wall times, their ratio and the load.
# The first run of a city (which also builds the hazard ledger) is the
# one bench_city makes; WORK/analyze.log keeps its summary.
#
# Usage: [BIN=bin/gasrisk] [ROUNDS=3] scripts/bench-analyze.sh [N] [WORK]
#          (365000 → ≈ 1,000,000 segments; a WORK with a `loaded` marker,
#          e.g. another benchmark's analysed city, is reused as it is)
set -euo pipefail
N=${1:-365000}
WORK=${2:-/tmp/gasrisk-bench-analyze}
BIN=${BIN:-bin/gasrisk}
ROUNDS=${ROUNDS:-3}
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
. "$(dirname "$0")/bench-city.sh"
bench_city "$N" "$WORK" analyze
load() { cut -d' ' -f1 /proc/loadavg; }

echo "== machine: $(nproc) CPUs, $(uptime | sed 's/.*load/load/'); $($BIN version 2>/dev/null | head -1)"
for r in $(seq "$ROUNDS"); do
  l0=$(load)
  /usr/bin/time -o "$WORK/time" -f "%e %M" $BIN analyze --as-of 2026-06-30 >"$WORK/analyze-$r.log" 2>&1
  read -r wall rss <"$WORK/time"
  sed -n '/phases:/,$p' "$WORK/analyze-$r.log" | grep -v '^  D[0-9]'
  l1=$(load)
  b=$(bare_joins "$WORK")
  tr '\n' ' ' <"$WORK/bare.txt"; echo
  echo "ROUND $r analysis=${wall}s peak_rss=$((rss / 1024))MiB bare_joins=${b}s ratio=$(awk -v a="$wall" -v b="$b" 'BEGIN {printf "%.2f", a / b}') load=$l0/$l1/$(load)"
done
$BIN db stop >/dev/null 2>&1 || true
