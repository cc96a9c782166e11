#!/usr/bin/env bash
# Tile benchmark (docs/benchmarks.md, "Tiles"): generate, import and analyse
# a city, then over loopback
#   1. cold vector tiles: distinct z12–z16 tiles from `gasrisk serve
#      --tile-cache-mb 0`, 4 at a time (a first pass warms PostgreSQL's
#      buffers, the later ones are reported);
#   2. the same tiles from pg_tileserv when PG_TILESERV names its binary
#      (built separately from github.com/CrunchyData/pg_tileserv; this script
#      never builds or downloads it), on the same database, pointed as a user
#      would: at the run's partition segments_rN and at segments filtered to
#      the run; ROUNDS (2) passes alternated with gasrisk's;
#   3. cold raster tiles (PNG, 256 px);
#   4. warm tiles: cache hits with wrk (apt-get install wrk), 64 connections.
# Usage: scripts/bench-tiles.sh [PIPES] [WORKDIR]   (80000 pipes ≈ 220,000 segments)
set -euo pipefail
N=${1:-80000}
WORK=${2:-/tmp/gasrisk-bench-tiles}
BIN=${BIN:-bin/gasrisk}
PORT_COLD=18081 PORT_WARM=18082 PORT_PGTS=7800
export GASRISK_DATA_DIR="$WORK/db"
mkdir -p "$WORK"
go build -o "$WORK/tilebench" ./cmd/tilebench
TB="$WORK/tilebench"
. "$(dirname "$0")/bench-city.sh"
bench_city "$N" "$WORK" analyze
URL=$($BIN db url)
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
"$PSQL" -X -At "$URL" -c "SELECT count(*) || ' segments in the current run' FROM segments WHERE run_id = (SELECT run_id FROM current_run)"
BBOX=$("$PSQL" -X -At "$URL" -c "SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))
  FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom_3857), 3857), 4326) AS e FROM segments) s")
echo "bbox $BBOX; machine: $(nproc) vCPU, $(free -g | awk '/Mem/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$WORK"
"$TB" list -bbox "$BBOX" -zooms 12-16 -per-zoom 600 -seed 1 >cold.txt
"$TB" list -bbox "$BBOX" -zooms 12-16 -per-zoom 200 -seed 3 >raster.txt
"$TB" list -bbox "$BBOX" -zooms 12-16 -per-zoom 1000 -seed 2 >warm.txt

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_up() { for _ in $(seq 100); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1"; exit 1; }

RUN=$("$PSQL" -X -At "$URL" -c "SELECT run_id FROM current_run")
P="properties=segment_id,pipe_id,grade,score,occupied,clearance_violation,sewer_crossing,aged,third_party,material,pressure_class,district"
# cold NAME URL-TEMPLATE: one reported pass over the cold tile list
cold() {
  echo "$1 $("$TB" load -url "$2" -tiles cold.txt -c 4 | head -1) load $(cut -d' ' -f1 /proc/loadavg)" | tee -a cold-runs.txt
}
: >cold-runs.txt
echo "== cold vector tiles, $(wc -l <cold.txt) distinct tiles, 4 at a time: gasrisk serve --tile-cache-mb 0$([ -n "${PG_TILESERV:-}" ] && echo " and pg_tileserv, alternated")"
$BIN serve --addr 127.0.0.1:$PORT_COLD --tile-cache-mb 0 --db-watch 0 2>/dev/null & PIDS+=($!)
wait_up http://127.0.0.1:$PORT_COLD/healthz
GAS="http://127.0.0.1:$PORT_COLD/tiles/segments/{z}/{x}/{y}.mvt"
if [ -n "${PG_TILESERV:-}" ]; then
  # as a user would point it: the run's partition (itself partitioned by
  # shard), and the parent table filtered to the run; same properties but
  # findings (a text[] it cannot encode)
  # pg_tileserv's per-tile SQL gets parallel plans on this database (a
  # Gather over the run's shard partitions, ~1 s of worker start-up a tile
  # on a loaded machine): a second instance runs with them off, as a user
  # who found that would set it (a GUC in the connection's startup packet)
  DATABASE_URL="$URL" TS_HTTPHOST=127.0.0.1 TS_HTTPPORT=$PORT_PGTS "$PG_TILESERV" >pg_tileserv.log 2>&1 & PIDS+=($!)
  DATABASE_URL="$URL&max_parallel_workers_per_gather=0" TS_HTTPHOST=127.0.0.1 TS_HTTPPORT=$((PORT_PGTS + 1)) \
    "$PG_TILESERV" >pg_tileserv-serial.log 2>&1 & PIDS+=($!)
  wait_up http://127.0.0.1:$PORT_PGTS/index.json
  wait_up http://127.0.0.1:$((PORT_PGTS + 1))/index.json
  PART="http://127.0.0.1:$PORT_PGTS/public.segments_r$RUN/{z}/{x}/{y}.pbf?$P"
  PARENT="http://127.0.0.1:$PORT_PGTS/public.segments/{z}/{x}/{y}.pbf?$P&filter=run_id%20%3D%20$RUN"
  SERIAL="http://127.0.0.1:$((PORT_PGTS + 1))/public.segments_r$RUN/{z}/{x}/{y}.pbf?$P"
  "$TB" load -url "$GAS" -tiles cold.txt -c 4 >/dev/null # warms PostgreSQL's buffers
  "$TB" load -url "$SERIAL" -tiles cold.txt -c 4 >/dev/null
  for r in $(seq "${ROUNDS:-2}"); do
    cold gasrisk "$GAS"
    cold "pg_tileserv:segments_r$RUN" "$PART"
    cold "pg_tileserv:segments+filter" "$PARENT"
    cold "pg_tileserv:segments_r$RUN,serial" "$SERIAL"
  done
else
  "$TB" load -url "$GAS" -tiles cold.txt -c 4 >/dev/null
  cold gasrisk "$GAS"
fi
tps() { grep "^$1 " cold-runs.txt | sed 's/.* \([0-9.]*\) tiles\/s, p50 \([0-9.]*\) ms.*/\1 \2/' |
  sort -g | awk '{t[NR] = $1; p[NR] = $2} END {if (NR) printf "%s tiles/s (p50 %s ms)", t[int((NR + 1) / 2)], p[int((NR + 1) / 2)]}'; }
SUMMARY="SUMMARY cold segments tiles ($(wc -l <cold.txt) tiles z12–z16, 4 at a time): gasrisk serve --tile-cache-mb 0 $(tps gasrisk)"
[ -n "${PG_TILESERV:-}" ] && SUMMARY="$SUMMARY; pg_tileserv on segments_r$RUN $(tps "pg_tileserv:segments_r$RUN"), on segments with filter=run_id $(tps "pg_tileserv:segments+filter"), on segments_r$RUN without parallel workers $(tps "pg_tileserv:segments_r$RUN,serial")"
SUMMARY="$SUMMARY; load $(grep -o 'load [0-9.]*' cold-runs.txt | cut -d' ' -f2 | sort -g | sed -n '1p;$p' | paste -sd-)"

echo "== cold raster tiles (PNG 256 px: vector tile + render), gasrisk (cache off), $(wc -l <raster.txt) tiles"
"$TB" load -url "http://127.0.0.1:$PORT_COLD/tiles/segments/{z}/{x}/{y}.png" -tiles raster.txt -c 4
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done

echo "== warm tiles: fill the cache (gzip sizes), then wrk over $(wc -l <warm.txt) cached tiles"
"$TB" serve -db "$URL" -addr 127.0.0.1:$PORT_WARM -cache-mb 512 2>/dev/null & PIDS+=($!)
wait_up http://127.0.0.1:$PORT_WARM/healthz
"$TB" load -url "http://127.0.0.1:$PORT_WARM/tiles/segments/{z}/{x}/{y}.mvt" -tiles warm.txt -c 4 -gzip
awk '{print "/tiles/segments/" $1 ".mvt"}' warm.txt >warm.paths
cat >warm.lua <<'LUA'
local paths = {}
for line in io.lines("warm.paths") do paths[#paths + 1] = line end
local i = 0
wrk.headers["Accept-Encoding"] = "gzip"
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
if command -v wrk >/dev/null; then
  wrk -t2 -c64 -d20s -s warm.lua --latency http://127.0.0.1:$PORT_WARM
else
  echo "wrk not installed; Go load generator instead (costs more CPU itself)"
  "$TB" load -url "http://127.0.0.1:$PORT_WARM/tiles/segments/{z}/{x}/{y}.mvt" -tiles warm.txt -c 64 -gzip -repeat 20
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$SUMMARY"
