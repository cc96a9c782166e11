#!/usr/bin/env bash
# Alternated analysis benchmark of two builds (docs/benchmarks.md: compare
# A B A B, never single runs). Each build analyses a fresh copy of its own
# freshly imported data dir (the first run of a city, which also builds the
# hazard ledger), then analyses that copy again (a re-analysis); the rounds
# alternate A and B. Prints one line per run: build, round, first and
# second run wall seconds, and the machine's load.
#
# Usage: scripts/bench-ab.sh BIN_A IMPORTED_A BIN_B IMPORTED_B [ROUNDS] [WORK]
#   IMPORTED_*: a data dir (GASRISK_DATA_DIR) into which that build imported
#   the city, its cluster stopped; e.g. for the 1,000,000-segment city:
#     gasrisk gen --segments 365000 --seed 7 -o city
#     for l in districts pipes sewers buildings places stations detectors; do
#       GASRISK_DATA_DIR=IMPORTED_A $BIN_A import $l city/$l.geojson --replace; done
#     GASRISK_DATA_DIR=IMPORTED_A $BIN_A db stop        (the same for B)
# Each copy is synced to disk before its runs: left to writeback, the
# copy's 1.7 GB were flushed during the first run (first runs of one
# build 87–201 s apart).
#
# INPLACE=1: no copies — each round re-analyses IMPORTED_A with BIN_A,
# then IMPORTED_B with BIN_B, in place (data dirs already analysed once;
# each run starts its cluster and stops it after, as a copy's first run);
# prints one re-analysis per build and round. The tightest comparison of
# two builds or two cities (the first run, which also builds the ledger,
# is then not measured).
set -euo pipefail
BIN_A=$1 SRC_A=$2 BIN_B=$3 SRC_B=$4
ROUNDS=${5:-2}
WORK=${6:-/tmp/gasrisk-bench-ab}
mkdir -p "$WORK"
run() { # name bin src round
  local name=$1 bin=$2 src=$3 round=$4 dir="$WORK/$1"
  rm -rf "$dir"
  cp -a "$src" "$dir"
  sync
  local load t1 t2
  load=$(cut -d' ' -f1 /proc/loadavg)
  GASRISK_DATA_DIR="$dir" /usr/bin/time -o "$WORK/t1" -f %e "$bin" analyze --as-of 2026-06-30 >/dev/null 2>&1
  GASRISK_DATA_DIR="$dir" /usr/bin/time -o "$WORK/t2" -f %e "$bin" analyze --as-of 2026-06-30 >/dev/null 2>&1
  t1=$(cat "$WORK/t1") t2=$(cat "$WORK/t2")
  GASRISK_DATA_DIR="$dir" "$bin" db stop >/dev/null 2>&1 || true
  echo "$name round $round: first run ${t1} s, re-analysis ${t2} s (load ${load})"
  rm -rf "$dir"
}
inplace() { # name bin dir round
  local name=$1 bin=$2 dir=$3 round=$4 load
  sync
  load=$(cut -d' ' -f1 /proc/loadavg)
  GASRISK_DATA_DIR="$dir" /usr/bin/time -o "$WORK/t1" -f %e "$bin" analyze --as-of 2026-06-30 >/dev/null 2>&1
  GASRISK_DATA_DIR="$dir" "$bin" db stop >/dev/null 2>&1 || true
  echo "$name round $round: re-analysis in place $(cat "$WORK/t1") s (load ${load})"
}
for r in $(seq 1 "$ROUNDS"); do
  if [ "${INPLACE:-0}" = 1 ]; then
    inplace A "$BIN_A" "$SRC_A" "$r"
    inplace B "$BIN_B" "$SRC_B" "$r"
    continue
  fi
  run A "$BIN_A" "$SRC_A" "$r"
  run B "$BIN_B" "$SRC_B" "$r"
done

