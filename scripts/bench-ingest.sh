#!/usr/bin/env bash
# Ingest benchmark (docs/benchmarks.md, "Live detectors"): a city with
# 10,000 live methane detectors, served with its own mosquitto, then over
# loopback
#   1. HTTP bulk: POST /api/v1/readings, BATCH readings a request, WORKERS
#      at once, for SECONDS;
#   2. MQTT: QoS 1 from WORKERS publishers for SECONDS, timed until every
#      reading is stored;
#   3. reading-to-alarm latency: readings over the high set point, half
#      over MQTT and half over HTTP, until GET /api/v1/alarms lists the
#      alarm (p50, p99);
#   4. storage per million readings (the readings partitions, with their
#      indexes), and serve's RSS before and after.
# Usage: scripts/bench-ingest.sh [SENSORS] [SECONDS] [WORKDIR]
set -euo pipefail
N=${1:-10000}
SECONDS_EACH=${2:-60}
WORK=${3:-/tmp/gasrisk-bench-ingest}
BIN=${BIN:-bin/gasrisk}
PORT=${PORT:-18095}
BATCH=${BATCH:-5000}
WORKERS=${WORKERS:-4}
export GASRISK_DATA_DIR="$WORK/db"
mkdir -p "$WORK"
go build -o "$WORK/ingestbench" ./cmd/ingestbench
IB="$WORK/ingestbench"
. "$(dirname "$0")/bench-city.sh"
bench_city 5000 "$WORK" analyze
"$IB" detectors -n "$N" -districts "$WORK/city/districts.geojson" -o "$WORK/detectors.geojson"
$BIN import detectors "$WORK/detectors.geojson" --replace >/dev/null
KEY=$($BIN apikey create --name "bench-$(date +%s)" --role sensor | tail -1)
URL=$($BIN db url)
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg); $N detectors"

$BIN serve --addr "127.0.0.1:$PORT" --mqtt embedded --max-body $((64 << 20)) >"$WORK/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null; wait $SERVE 2>/dev/null || true; $BIN db stop >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^serving on' "$WORK/serve.log" && break
  sleep 0.2
done
BROKER="tcp://127.0.0.1:$(cat "$GASRISK_DATA_DIR/mqtt/port")"
rss() { awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$SERVE/status"; }
echo "serve RSS at start: $(rss)"
EPOCH=$(( $(date +%s) - 20 * 3600 ))
"$IB" http -url "http://127.0.0.1:$PORT" -key "$KEY" -n "$N" -batch "$BATCH" -workers "$WORKERS" -seconds "${SECONDS_EACH}s" -epoch "$EPOCH"
echo "serve RSS after HTTP: $(rss)"
"$IB" mqtt -broker "$BROKER" -db "$URL" -n "$N" -workers "$WORKERS" -seconds "${SECONDS_EACH}s" -epoch $((EPOCH + 3 * 3600))
echo "serve RSS after MQTT: $(rss)"
"$IB" latency -url "http://127.0.0.1:$PORT" -key "$KEY" -broker "$BROKER" -n "$N" -samples 200
"$PSQL" -X -At "$URL" -c "
  SELECT format('%s readings in %s partitions: %s, %s bytes per reading, %s per million readings',
    sum(n), count(*), pg_size_pretty(sum(bytes)), round(sum(bytes) / nullif(sum(n), 0)),
    pg_size_pretty(round(sum(bytes) / nullif(sum(n), 0) * 1e6)))
  FROM (SELECT pg_total_relation_size(c.oid) AS bytes,
               (SELECT count(*) FROM readings r WHERE r.tableoid = c.oid) AS n
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'readings'::regclass) p"
