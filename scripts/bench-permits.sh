#!/usr/bin/env bash
# Permit API and export benchmarks (docs/benchmarks.md, "Permits / export"):
# a generated city analysed in a private embedded PostGIS, then
#   1. permit checks at 200/s over loopback (cmd/permitload, open loop),
#      ROUNDS runs, with the CPU each check costs the server and PostgreSQL;
#   2. a sweep of rates up to the highest sustainable one: every check
#      answered 201, the rate achieved, p99 under SUSTAIN_MS (the queue does
#      not grow); the sweep stops at the first rate that breaks;
#   3. GeoJSON export of every segment: CLI to a file and HTTP with curl,
#      ROUNDS times, with the peak memory of each process.
# With BASE_BIN set (an older build), every measurement runs for both
# builds alternated, A B A B, on the same database: the baseline is
# measured in the same run. Prints one "SUMMARY" line per figure for
# docs/benchmarks.md's current figures.
#
# Usage: [BIN=bin/gasrisk] [BASE_BIN=old/gasrisk] [ROUNDS=2] \
#          scripts/bench-permits.sh [SEGMENTS] [WORKDIR]   (350000 → ≈ 1 M segments)
set -euo pipefail
N=${1:-350000}
WORK=${2:-/tmp/gasrisk-bench-permits}
BIN=${BIN:-bin/gasrisk}
BASE_BIN=${BASE_BIN:-}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
SUSTAIN_MS=${SUSTAIN_MS:-50}
RATES=${RATES:-300 400 500 600 700 800 900 1000 1200}
export GASRISK_DATA_DIR="$WORK/db"
mkdir -p "$WORK"
go build -o "$WORK/permitload" ./cmd/permitload
. "$(dirname "$0")/bench-city.sh"
bench_city "$N" "$WORK" analyze
KEY=$($BIN apikey create --name "bench-$(date +%s)" --role permit 2>/dev/null | tail -1)
PM=$(head -1 "$GASRISK_DATA_DIR/pg/postmaster.pid")

# builds: name=binary, the new one first
declare -A BINS=([new]=$BIN) PORTS=([new]=$PORT) PIDS=()
NAMES=(new)
if [ -n "$BASE_BIN" ]; then BINS[base]=$BASE_BIN PORTS[base]=$((PORT + 1)) NAMES=(base new); fi
for b in "${NAMES[@]}"; do
  ${BINS[$b]} serve --addr 127.0.0.1:${PORTS[$b]} --permit-rate -1 --db-watch 0 >"$WORK/serve-$b.log" 2>&1 &
  PIDS[$b]=$!
done
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done' EXIT
for b in "${NAMES[@]}"; do
  until curl -sf -o /dev/null http://127.0.0.1:${PORTS[$b]}/healthz; do sleep 0.5; done
done
load() { cut -d' ' -f1 /proc/loadavg; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; } # a key=value of a summary line
median() { sort -g | awk '{v[NR] = $1} END {if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
# check BUILD RATE DURATION SEED: one permitload run; prints its summary
# line with the CPU per check of gasrisk and PostgreSQL and the load
check() {
  local b=$1 rate=$2 dur=$3 seed=$4 g0 p0 out
  g0=$(cpu_ms ${PIDS[$b]}) p0=$(cpu_ms $PM)
  out=$("$WORK/permitload" -url http://127.0.0.1:${PORTS[$b]} -key "$KEY" -rate "$rate" -duration "$dur" -seed "$seed" | grep '^summary')
  local ok; ok=$(echo "$out" | field ok)
  echo "$b $out gasrisk_cpu_us=$((($(cpu_ms ${PIDS[$b]}) - g0) * 1000 / (ok > 0 ? ok : 1))) pg_cpu_us=$((($(cpu_ms $PM) - p0) * 1000 / (ok > 0 ? ok : 1))) load=$(load)"
}

echo "== machine: $(nproc) CPUs, $(uptime | sed 's/.*load/load/'); builds: ${NAMES[*]}"
echo "== permit checks right after the start, 10 s at 200/s (the pool is still opening connections)"
for b in "${NAMES[@]}"; do check "$b" 200 10s 1; done | tee "$WORK/start.txt"
echo "== permit checks at 200/s, $DURATION a run, builds alternated"
: >"$WORK/p200.txt"
for r in $(seq "$ROUNDS"); do
  for b in "${NAMES[@]}"; do check "$b" 200 "$DURATION" $((r + 1)) | tee -a "$WORK/p200.txt"; done
done
echo "== the highest sustainable rate (p99 under $SUSTAIN_MS ms, everything answered)"
declare -A BEST=() DONE=()
for rate in $RATES; do
  for b in "${NAMES[@]}"; do
    [ -n "${DONE[$b]:-}" ] && continue
    line=$(check "$b" "$rate" "$DURATION" "$rate" | tee -a "$WORK/sweep.txt")
    echo "$line"
    if awk -v r="$rate" -v s="$SUSTAIN_MS" -v a="$(echo "$line" | field achieved)" -v f="$(echo "$line" | field failed)" \
      -v n="$(echo "$line" | field not_sent)" -v p="$(echo "$line" | field p99_ms)" \
      'BEGIN {exit !(f == 0 && n == 0 && a >= 0.97 * r && p <= s)}'; then
      BEST[$b]=$rate
    else
      DONE[$b]=1
    fi
    sleep 3
  done
done

echo "== GeoJSON export of every segment, builds alternated"
: >"$WORK/export.txt"
for r in $(seq "$ROUNDS"); do
  for b in "${NAMES[@]}"; do
    p0=$(cpu_ms $PM)
    /usr/bin/time -o "$WORK/time" -f "%e %M %U %S" ${BINS[$b]} export segments -o "$WORK/segments.geojson" 2>/dev/null
    read -r secs rss u sy <"$WORK/time"
    cpu="gasrisk_cpu_s=$(awk -v u="$u" -v s="$sy" 'BEGIN {print u + s}') pg_cpu_s=$(awk -v a="$(cpu_ms $PM)" -v b="$p0" 'BEGIN {printf "%.2f", (a - b) / 1000}')"
    bytes=$(stat -c %s "$WORK/segments.geojson")
    rm -f "$WORK/segments.geojson"
    echo "$b cli bytes=$bytes s=$secs mbps=$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.1f", b / s / 1e6}') peak_rss_kib=$rss $cpu load=$(load)" |
      tee -a "$WORK/export.txt"
    before=$(awk '/VmRSS/ {print $2}' /proc/${PIDS[$b]}/status) g0=$(cpu_ms ${PIDS[$b]}) p0=$(cpu_ms $PM)
    curl -s -o /dev/null -w '%{size_download} %{time_total}\n' \
      http://127.0.0.1:${PORTS[$b]}/api/v1/export/segments.geojson >"$WORK/curl" &
    c=$!
    peak=0
    while kill -0 $c 2>/dev/null; do
      rss=$(awk '/VmRSS/ {print $2}' /proc/${PIDS[$b]}/status); [ "$rss" -gt "$peak" ] && peak=$rss; sleep 0.1
    done
    read -r bytes secs <"$WORK/curl"
    cpu="gasrisk_cpu_s=$(awk -v a="$(cpu_ms ${PIDS[$b]})" -v b="$g0" 'BEGIN {printf "%.2f", (a - b) / 1000}') pg_cpu_s=$(awk -v a="$(cpu_ms $PM)" -v b="$p0" 'BEGIN {printf "%.2f", (a - b) / 1000}')"
    echo "$b http bytes=$bytes s=$secs mbps=$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.1f", b / s / 1e6}') rss_before_kib=$before peak_rss_kib=$peak $cpu load=$(load)" |
      tee -a "$WORK/export.txt"
  done
done

echo "== summary (medians over the runs; paste into docs/benchmarks.md)"
segs=$( (grep -m1 '^analysis run' "$WORK/analyze.log" 2>/dev/null || true) | sed 's/.*: \([0-9]*\) segments.*/\1/')
loads=$(cat "$WORK"/p200.txt "$WORK"/export.txt | field load | sort -g | sed -n '1p;$p' | paste -sd-)
for b in "${NAMES[@]}"; do
  m() { grep "^$b " "$WORK/p200.txt" | field "$1" | median; }
  echo "SUMMARY permits $b: ${segs:-?} segments, 200/s × $ROUNDS: p50 $(m p50_ms) ms, p99 $(m p99_ms) ms; CPU a check: gasrisk $(m gasrisk_cpu_us) µs, PostgreSQL $(m pg_cpu_us) µs; right after start p99 $(grep "^$b " "$WORK/start.txt" | field p99_ms) ms; sustainable ${BEST[$b]:-<${RATES%% *}}/s (p99 ≤ $SUSTAIN_MS ms); load $loads"
  e() { grep "^$b $1 " "$WORK/export.txt" | field "$2" | median; }
  echo "SUMMARY export $b: HTTP $(e http mbps) MB/s (server peak RSS $(e http peak_rss_kib) KiB, $(e http rss_before_kib) KiB before; CPU gasrisk $(e http gasrisk_cpu_s) s + PostgreSQL $(e http pg_cpu_s) s), CLI $(e cli mbps) MB/s (peak RSS $(e cli peak_rss_kib) KiB; CPU $(e cli gasrisk_cpu_s) s + $(e cli pg_cpu_s) s), $(e http bytes) bytes; load $loads"
done
