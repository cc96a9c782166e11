#!/usr/bin/env bash
# Sustained ingest soak (docs/benchmarks.md, "Live detectors"): the
# 5,000-segment city with SENSORS live methane detectors, served with its
# own mosquitto; each detector publishes one reading a minute over MQTT
# (QoS 1), spread over the minute, and every 5 minutes 10 % of them send
# 10 readings at once, for DURATION. Every minute it prints serve's RSS
# and the readings published and stored, and the load average at start
# and end; it fails unless every published reading is stored.
# Usage: scripts/bench-ingest-soak.sh [SENSORS] [DURATION] [WORKDIR]
set -euo pipefail
N=${1:-10000}
DURATION=${2:-30m}
WORK=${3:-/tmp/gasrisk-bench-soak}
BIN=${BIN:-bin/gasrisk}
PORT=${PORT:-18096}
export GASRISK_DATA_DIR="$WORK/db"
mkdir -p "$WORK"
go build -o "$WORK/ingestbench" ./cmd/ingestbench
IB="$WORK/ingestbench"
. "$(dirname "$0")/bench-city.sh"
bench_city 5000 "$WORK"
"$IB" detectors -n "$N" -districts "$WORK/city/districts.geojson" -o "$WORK/detectors.geojson"
$BIN import detectors "$WORK/detectors.geojson" --replace >/dev/null
URL=$($BIN db url)
echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem/ {print $2}') GiB; $N detectors for $DURATION"
echo "command: $0 $N $DURATION $WORK"

$BIN serve --addr "127.0.0.1:$PORT" --mqtt embedded >"$WORK/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null; wait $SERVE 2>/dev/null || true; $BIN db stop >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^serving on' "$WORK/serve.log" && break
  sleep 0.2
done
BROKER="tcp://127.0.0.1:$(cat "$GASRISK_DATA_DIR/mqtt/port")"
"$IB" sustained -broker "$BROKER" -db "$URL" -pid "$SERVE" -n "$N" -workers 2 -seconds "$DURATION"
