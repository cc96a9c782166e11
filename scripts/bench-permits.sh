#!/usr/bin/env bash
# Permit API and export benchmarks (docs/benchmarks.md, "Permits / export"):
# a city of about 1,000,000 analysed segments in a private embedded
# PostGIS, then
#   1. permit checks at a fixed rate over loopback (cmd/permitload),
#      200 checks/s and a sweep to the highest sustainable rate;
#   2. GeoJSON export of every segment: CLI to /dev/null and HTTP with curl,
#      with the peak memory of the process, and a small bbox export to show
#      that memory does not grow with the export.
# Usage: scripts/bench-permits.sh [SEGMENTS] [WORKDIR]   (350000 → ≈ 1 M segments)
set -euo pipefail
N=${1:-350000}
WORK=${2:-/tmp/gasrisk-bench-permits}
BIN=${BIN:-bin/gasrisk}
PORT=${PORT:-18080}
export GASRISK_DATA_DIR="$WORK/db"
mkdir -p "$WORK"
go build -o "$WORK/permitload" ./cmd/permitload
. "$(dirname "$0")/bench-city.sh"
bench_city "$N" "$WORK" analyze
KEY=$($BIN apikey create --name "bench-$(date +%s)" --role permit 2>/dev/null | tail -1)
$BIN serve --addr 127.0.0.1:$PORT --permit-rate -1 >"$WORK/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE' EXIT
sleep 2
echo "== machine: $(nproc) CPUs, $(uptime | sed 's/.*load/load/')"
echo "== permit checks (warm-up 10 s at 200/s first: the connection pool grows on demand)"
"$WORK/permitload" -url http://127.0.0.1:$PORT -key "$KEY" -rate 200 -duration 10s -seed 1 >/dev/null
"$WORK/permitload" -url http://127.0.0.1:$PORT -key "$KEY" -rate 200 -duration 30s -seed 2
for r in 400 500 600 700 800; do
  "$WORK/permitload" -url http://127.0.0.1:$PORT -key "$KEY" -rate $r -duration 20s -seed $r
  sleep 5
done
echo "== GeoJSON export of every segment"
/usr/bin/time -o "$WORK/time" -f "CLI: %e s wall, %M KiB peak RSS" $BIN export segments 2>/dev/null >"$WORK/segments.geojson"
cat "$WORK/time"
ls -l "$WORK/segments.geojson" | awk '{print "CLI: " $5 " bytes"}'
rm -f "$WORK/segments.geojson"
curl -s -o /dev/null -w 'HTTP: %{size_download} bytes in %{time_total} s = %{speed_download} B/s\n' \
  http://127.0.0.1:$PORT/api/v1/export/segments.geojson &
CURL=$!
peak=0
while kill -0 $CURL 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' /proc/$SERVE/status); [ "$rss" -gt "$peak" ] && peak=$rss; sleep 0.2
done
echo "HTTP: server peak RSS during the export: $peak KiB"
echo "== small export (one district box) for comparison of memory"
/usr/bin/time -o "$WORK/time" -f "CLI bbox: %e s wall, %M KiB peak RSS" $BIN export segments --bbox 114.30,30.47,114.32,30.49 2>/dev/null | wc -c
cat "$WORK/time"
