#!/usr/bin/env bash
# Import against GDAL's own loader, alternated in one run (docs/benchmarks.md,
# "Import against ogr2ogr"): the pipes file of a generated city loaded into
# the same embedded PostGIS by
#   A. gasrisk import pipes FILE --replace (validation of every feature and
#      its fields, both geometries: the working CRS and EPSG:3857, two GiST
#      indexes, ANALYZE), and
#   B. ogr2ogr -f PostgreSQL into a table of its own, reprojected to the
#      same working CRS, with its GiST index (GDAL's defaults: COPY).
# ROUNDS pairs A B A B; each run prints wall time, the CPU of the loader
# and of PostgreSQL, and the load; the last line is a SUMMARY for
# docs/benchmarks.md's current figures (medians and their ratio).
#
# Usage: [BIN=bin/gasrisk] [ROUNDS=3] [LAYER=pipes] scripts/bench-import-ogr.sh [SEGMENTS] [WORKDIR]
set -euo pipefail
N=${1:-50000}
WORK=${2:-/tmp/gasrisk-bench-import-ogr}
BIN=${BIN:-bin/gasrisk}
ROUNDS=${ROUNDS:-3}
LAYER=${LAYER:-pipes}
command -v ogr2ogr >/dev/null || { echo "ogr2ogr missing: scripts/deps.sh gdal" >&2; exit 1; }
. "$(dirname "$0")/bench-city.sh"
bench_city "$N" "$WORK"
FILE="$WORK/city/$LAYER.geojson"
$BIN db start >/dev/null 2>&1 || true
URL=$($BIN db url 2>/dev/null | tail -1)
PSQL=$(ls /usr/lib/postgresql/*/bin/psql | tail -1)
SRID=$("$PSQL" -X -At "$URL" -c "SELECT value FROM settings WHERE key = 'working_srid'")
PM=$(head -1 "$GASRISK_DATA_DIR/pg/postmaster.pid")
# GDAL's PG: wants keywords: postgres://user@/db?host=H&port=P → dbname=db user=user host=H port=P
kw() { local u=$1 user db; user=${u#*://}; user=${user%%@*}; db=${u#*@}; db=${db#*/}; db=${db%%\?*}; echo "dbname=$db user=$user ${u#*\?}" | tr '&' ' '; }
PG="PG:$(kw "$URL")"
# timed NAME CMD...: runs CMD, prints wall, its CPU (from time) and PostgreSQL's
timed() {
  local name=$1; shift
  local p0 l; p0=$(cpu_ms "$PM") l=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$WORK/time" -f "%e %U %S %M" "$@" >/dev/null 2>"$WORK/$name.err" || { cat "$WORK/$name.err" >&2; exit 1; }
  read -r wall u s rss <"$WORK/time"
  echo "$name wall_s=$wall loader_cpu_s=$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}') pg_cpu_s=$(awk -v a="$(cpu_ms "$PM")" -v b="$p0" 'BEGIN {printf "%.2f", (a - b) / 1000}') loader_rss_kib=$rss load=$l"
}
features=$(grep -c '"type":"Feature"' "$FILE" || true)
echo "== $LAYER: $FILE ($(du -h "$FILE" | cut -f1), $features features), working CRS EPSG:$SRID; machine: $(nproc) CPUs, $(uptime | sed 's/.*load/load/')"
: >"$WORK/runs.txt"
for r in $(seq "$ROUNDS"); do
  timed gasrisk $BIN import "$LAYER" "$FILE" --replace | tee -a "$WORK/runs.txt"
  timed ogr2ogr ogr2ogr -f PostgreSQL "$PG" "$FILE" -nln "bench_ogr_$LAYER" -overwrite -t_srs "EPSG:$SRID" \
    -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST | tee -a "$WORK/runs.txt"
done
"$PSQL" -X -q "$URL" -c "DROP TABLE IF EXISTS bench_ogr_$LAYER"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
m() { grep "^$1 " "$WORK/runs.txt" | field "$2" | median; }
g=$(m gasrisk wall_s) o=$(m ogr2ogr wall_s)
loads=$(field load <"$WORK/runs.txt" | sort -g | sed -n '1p;$p' | paste -sd-)
echo "SUMMARY import $LAYER ($features features, $ROUNDS pairs alternated): gasrisk $g s (CPU $(m gasrisk loader_cpu_s) s + PostgreSQL $(m gasrisk pg_cpu_s) s), ogr2ogr $o s (CPU $(m ogr2ogr loader_cpu_s) s + PostgreSQL $(m ogr2ogr pg_cpu_s) s), ratio $(awk -v g="$g" -v o="$o" 'BEGIN {printf "%.2f", g / o}'); load $loads"
