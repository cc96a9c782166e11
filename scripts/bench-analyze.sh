#!/usr/bin/env bash
# Analysis benchmark (docs/benchmarks.md): generate a city, import it, run
# `gasrisk analyze` twice with its phase times and peak memory, then time the bare
# PostGIS detection joins for comparison.
# Usage: scripts/bench-analyze.sh [PIPES] [WORKDIR]   (365000 pipes ≈ 1,000,000 segments)
set -euo pipefail
N=${1:-365000}
WORK=${2:-/tmp/gasrisk-bench-analyze}
BIN=${BIN:-bin/gasrisk}
export GASRISK_DATA_DIR="$WORK/db"
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
if [ ! -f "$WORK/loaded" ]; then
  rm -rf "$WORK"; mkdir -p "$WORK"
  $BIN gen --segments "$N" --seed 7 -o "$WORK/city" >/dev/null
  for l in districts pipes sewers buildings places stations detectors; do
    $BIN import "$l" "$WORK/city/$l.geojson" --replace 2>/dev/null
  done
  touch "$WORK/loaded"
fi
# On a freshly loaded city the first run also builds the hazard ledger
# (every finding is a new hazard); later runs find the ledger in place.
# Both are timed; autovacuum of the first run's writes is waited for.
for run in first second; do
  /usr/bin/time -o "$WORK/time" -f "analyze ($run run): %e s wall, %U s user, %M KiB peak RSS of the gasrisk process" \
    $BIN analyze --as-of 2026-06-30 2>/dev/null
  cat "$WORK/time"
  URL=$($BIN db url)
  while [ "$("$PSQL" -X -At "$URL" -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" != 0 ]; do
    sleep 2
  done
done
URL=$($BIN db url)
echo "bare detection joins (counts only, no intervals, one core):"
"$PSQL" -X -q "$URL" <<'SQL'
\timing on
SELECT count(*) AS pipe_building_pairs FROM pipes p JOIN buildings b ON ST_DWithin(p.geom, b.geom, 1.5);
SELECT count(*) AS pipe_sewer_crossings FROM pipes p JOIN sewers s ON ST_Intersects(p.geom, s.geom);
SELECT count(*) AS pipe_sewer_near FROM pipes p JOIN sewers s ON ST_DWithin(p.geom, s.geom, 1.2);
SELECT count(*) AS receptor_pairs FROM segments s JOIN buildings b ON ST_DWithin(s.geom, b.geom, 10)
  WHERE s.run_id = (SELECT run_id FROM current_run);
SQL
