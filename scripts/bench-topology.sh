#!/usr/bin/env bash
# Network topology benchmarks (docs/benchmarks.md, "Network topology"):
# a city of N pipes (gen --segments N; 350000 → ≈ 1 M analysed segments)
# in a private embedded PostGIS, then
#   1. the topology build and check: `gasrisk topology --format json`
#      (read of the pipes' ends, valves, stations and customers, graph
#      build in Go, check), ROUNDS times;
#   2. the isolation trace over HTTP: the first POST /api/v1/isolation
#      builds the server's graph (timed apart), then TRACES traces at
#      random points of in-service pipes; p50, p99 and max of curl's
#      time_total;
#   3. with PGROUTING=1 (needs postgresql-15-pgrouting), the same city in
#      pgRouting, alternated with 1: pgr_createTopology at the same 0.5 m
#      tolerance, and pgr_drivingDistance over the whole component of a
#      start (what the Go trace walks three times to find the outage).
# Usage: scripts/bench-topology.sh [N] [WORKDIR]
# Run it on a quiet machine; compare rounds of one run, not across machines.
set -euo pipefail
N=${1:-350000}
WORK=${2:-/tmp/gasrisk-bench-topology}
BIN=${BIN:-bin/gasrisk}
PORT=${PORT:-18081}
ROUNDS=${ROUNDS:-3}
TRACES=${TRACES:-500}
export GASRISK_DATA_DIR="$WORK/db"
export GEN_FLAGS=--connected # a network: the pipes of a class meet at the nodes
mkdir -p "$WORK"
. "$(dirname "$0")/bench-city.sh"
bench_city "$N" "$WORK"
URL=$($BIN db url)
echo "== machine: $(nproc) CPUs, $(uptime | sed 's/.*load/load/')"
$BIN topology | sed -n 1,6p

now() { date +%s.%N; }
go_build() {
  local t0; t0=$(now)
  $BIN topology --format json >/dev/null
  echo "go: topology read+build+check $(echo "$(now) - $t0" | bc) s"
}
pgr_build() {
  psql -q -X "$URL" <<'SQL'
CREATE EXTENSION IF NOT EXISTS pgrouting;
DROP TABLE IF EXISTS bench_edges;
CREATE TABLE bench_edges AS SELECT gid AS id, geom, NULL::bigint AS source, NULL::bigint AS target,
  ST_Length(geom) AS cost FROM pipes WHERE status = 'in_service' AND GeometryType(geom) = 'LINESTRING';
CREATE INDEX ON bench_edges USING gist (geom);
SQL
  local t0; t0=$(now)
  psql -q -X "$URL" -c "SELECT pgr_createTopology('bench_edges', 0.5, 'geom', 'id', clean := true)" >/dev/null 2>&1
  echo "pgrouting: pgr_createTopology $(echo "$(now) - $t0" | bc) s"
}
for r in $(seq "$ROUNDS"); do
  go_build
  [ "${PGROUTING:-0}" = 1 ] && pgr_build
done

# Random points on in-service pipes (lon,lat), the same for every run.
psql -q -X -A -t -F, "$URL" -c "SELECT setseed(0.17); SELECT ST_X(p), ST_Y(p) FROM (
  SELECT ST_Transform(ST_LineInterpolatePoint(ST_GeometryN(geom, 1), 0.5), 4326) AS p FROM pipes
  WHERE status = 'in_service' ORDER BY random() LIMIT $TRACES) s" | grep , >"$WORK/points"

$BIN serve --addr 127.0.0.1:$PORT >"$WORK/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE' EXIT
for i in $(seq 50); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 0.2; done
first=$(head -1 "$WORK/points")
curl -s -o /dev/null -w 'go: first isolation (builds the server graph) %{time_total} s\n' \
  -H 'Content-Type: application/json' -d "{\"point\":[$first]}" http://127.0.0.1:$PORT/api/v1/isolation
while read -r p; do
  curl -s -o /dev/null -w '%{time_total} %{http_code}\n' -H 'Content-Type: application/json' \
    -d "{\"point\":[$p]}" http://127.0.0.1:$PORT/api/v1/isolation
done <"$WORK/points" >"$WORK/traces"
awk '$2 != 200 {bad++} END {print "go: " NR " traces, " bad+0 " not 200"}' "$WORK/traces"
sort -n "$WORK/traces" | awk '{t[NR]=$1} END {printf "go: isolation p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
  1000*t[int(NR*0.5)], 1000*t[int(NR*0.99)], 1000*t[NR]}'

if [ "${PGROUTING:-0}" = 1 ]; then
  for r in $(seq "$ROUNDS"); do
    psql -q -X -A -t "$URL" -c "SELECT source FROM bench_edges WHERE source IS NOT NULL ORDER BY id LIMIT 20 OFFSET $((r * 1000))" >"$WORK/starts"
    t0=$(now)
    while read -r v; do
      psql -q -X -A -t "$URL" -c "SELECT count(*) FROM pgr_drivingDistance(
        'SELECT id, source, target, cost, cost AS reverse_cost FROM bench_edges', $v, 1e12, false)" >/dev/null
    done <"$WORK/starts"
    echo "pgrouting: pgr_drivingDistance, mean of 20 starts $(echo "($(now) - $t0) * 1000 / 20" | bc) ms (psql start included)"
  done
fi
