#!/usr/bin/env bash
# Size-scaling benchmark of the analysis (issue 22, docs/benchmarks.md): a
# plan that flips at some size shows as a jump in time per segment. For
# each city size (pipes given to `gasrisk gen`, seed 7) it generates and
# imports the city once (kept under WORK/N), then analyses it ROUNDS times
# (the first run also builds the hazard ledger; the later ones are
# re-analyses) and prints wall seconds (of the whole command) and
# microseconds per segment.
# Flat means within 2× between the smallest and the largest city.
#
# Usage: BIN=bin/gasrisk scripts/bench-scale.sh [ROUNDS] [WORK] [SIZES...]
#   defaults: 2 rounds, /tmp/gasrisk-bench-scale, sizes 20000 36000 120000
set -euo pipefail
ROUNDS=${1:-2}
WORK=${2:-/tmp/gasrisk-bench-scale}
shift 2 2>/dev/null || shift $#
SIZES=${*:-20000 36000 120000}
BIN=${BIN:-bin/gasrisk}
BIN=$(readlink -f "$BIN")
. "$(dirname "$0")/bench-city.sh"
printf '%-8s %-6s %-10s %-10s %-12s %s\n' pipes run segments wall_s us_per_seg load
for n in $SIZES; do
  bench_city "$n" "$WORK/$n" >/dev/null
  for r in $(seq 1 "$ROUNDS"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s.%N)
    out=$("$BIN" analyze --as-of 2026-06-30 2>/dev/null)
    secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}')
    # "analysis run 2 (as of …): 55864 segments, 2503.0 km in 1m29.677s"
    segs=$(grep -m1 '^analysis run' <<<"$out" | sed -E 's/.*: ([0-9]+) segments.*/\1/')
    us=$(awk -v s="$secs" -v n="$segs" 'BEGIN{printf "%.1f", s*1e6/n}')
    kind=re; [ "$r" = 1 ] && kind=first
    printf '%-8s %-6s %-10s %-10s %-12s %s\n' "$n" "$kind" "$segs" "$secs" "$us" "$load"
  done
  "$BIN" db stop >/dev/null 2>&1 || true
done
