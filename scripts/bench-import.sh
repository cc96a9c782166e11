#!/usr/bin/env bash
# Import benchmark (docs/benchmarks.md): generate a city of N pipe segments
# and import every layer into a fresh embedded PostGIS, timing each import
# and its peak memory. Usage: scripts/bench-import.sh [N] [WORKDIR]
set -euo pipefail
N=${1:-1000000}
WORK=${2:-/tmp/gasrisk-bench}
BIN=${BIN:-bin/gasrisk}
export GASRISK_DATA_DIR="$WORK/db"
rm -rf "$WORK"; mkdir -p "$WORK"
$BIN db start >/dev/null
/usr/bin/time -f "gen: %e s wall, %M KiB peak RSS" $BIN gen --segments "$N" --seed 7 -o "$WORK/city"
du -sh "$WORK/city"/*.geojson
start=$(date +%s.%N)
for l in districts pipes sewers buildings places stations detectors; do
  /usr/bin/time -f "import $l: %e s wall, %M KiB peak RSS (gasrisk process)" \
    $BIN import "$l" "$WORK/city/$l.geojson" --replace
done
end=$(date +%s.%N)
total=$(echo "$end - $start" | bc)
echo "total import wall: $total s"
echo "SUMMARY import, $N pipe segments, every layer: $total s; load $(cut -d' ' -f1 /proc/loadavg) (ogr2ogr comparison: scripts/bench-import-ogr.sh)"
