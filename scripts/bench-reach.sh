#!/usr/bin/env bash
# Alternated benchmark of the sewer reach phase ("grade sewer reach") of two
# builds on copies of one imported city (docs/benchmarks.md, "The sewer
# reach's cost"): A B A B, each run a re-analysis of its own copy, the
# phase read from the run's printed phases.
#
# Usage: scripts/bench-reach.sh BIN_A BIN_B [PIPES] [ROUNDS] [WORK]
#   PIPES: gen --segments (default 120000, seed 7); the city is generated
#   and imported (by BIN_B) into WORK/imported once and reused.
set -euo pipefail
BIN_A=$1 BIN_B=$2
PIPES=${3:-120000}
ROUNDS=${4:-2}
WORK=${5:-/tmp/gasrisk-bench-reach-$PIPES}
mkdir -p "$WORK"
if [ ! -d "$WORK/imported" ]; then
  nice -n 19 "$BIN_B" gen --segments "$PIPES" --seed 7 -o "$WORK/city" >/dev/null
  GASRISK_DATA_DIR="$WORK/imported" nice -n 19 "$BIN_B" import-dir "$WORK/city" --replace >"$WORK/import.log" 2>&1
  GASRISK_DATA_DIR="$WORK/imported" nice -n 19 "$BIN_B" analyze --as-of 2026-06-30 >/dev/null 2>&1
  GASRISK_DATA_DIR="$WORK/imported" "$BIN_B" db stop >/dev/null
fi
for x in A B; do
  rm -rf "${WORK:?}/$x"
  cp -a "$WORK/imported" "$WORK/$x"
done
for r in $(seq 1 "$ROUNDS"); do
  for x in A B; do
    bin=$BIN_A
    [ "$x" = B ] && bin=$BIN_B
    load=$(cut -d' ' -f1 /proc/loadavg)
    phase=$(GASRISK_DATA_DIR="$WORK/$x" nice -n 19 "$bin" analyze --as-of 2026-06-30 2>&1 | grep 'grade sewer reach' | awk '{print $4}')
    GASRISK_DATA_DIR="$WORK/$x" "$bin" db stop >/dev/null 2>&1 || true
    echo "$x round $r: grade sewer reach $phase (load $load)"
  done
done
