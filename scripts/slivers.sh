#!/usr/bin/env bash
# Slivers (docs/risk-model.md §4, "Dynamic segmentation"): generate a city,
# import it, and analyse it with detection.min_segment_m 0 (every piece
# kept, as before the minimum) and with the default 1 m, alternately; print
# each run's wall time, its segment count, the share of segments under 1 m,
# the segments and length of each finding and grade, and the hazards.
# Usage: scripts/slivers.sh [PIPES] [WORKDIR] [ROUNDS]
# BIN (default bin/gasrisk) is the binary; BASE, if set, is a binary without
# the minimum, analysed in a database of its own in place of the 0 m runs.
set -euo pipefail
N=${1:-20000}
WORK=${2:-/tmp/gasrisk-slivers}
ROUNDS=${3:-1}
BIN=${BIN:-bin/gasrisk}
PSQL="$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)/psql"
mkdir -p "$WORK"
[ -d "$WORK/city" ] || $BIN gen --segments "$N" --seed 7 -o "$WORK/city" >/dev/null
echo '{"detection":{"min_segment_m":0}}' >"$WORK/min0.json"

# load BINARY DATADIR: import the city once.
load() {
  if [ ! -f "$2/loaded" ]; then
    mkdir -p "$2"
    for l in districts pipes sewers buildings places stations detectors; do
      GASRISK_DATA_DIR="$2/db" $1 import "$l" "$WORK/city/$l.geojson" --replace 2>/dev/null
    done
    touch "$2/loaded"
  fi
}

# run LABEL BINARY DATADIR [ANALYZE FLAGS]: analyse and report.
run() {
  local label=$1 bin=$2 dir=$3
  shift 3
  export GASRISK_DATA_DIR="$dir/db"
  /usr/bin/time -o "$WORK/time" -f "%e" $bin analyze --as-of 2026-06-30 "$@" >/dev/null 2>&1
  local url
  url=$($bin db url)
  "$PSQL" -X -At -F ' ' "$url" -v label="$label" -v wall="$(cat "$WORK/time")" <<'SQL'
WITH s AS (SELECT pipe_id, part, length_m FROM segments WHERE run_id = (SELECT run_id FROM current_run)),
p AS (SELECT pipe_id, part, count(*) AS n FROM s GROUP BY 1, 2)
SELECT :'label' || ': analyze ' || :'wall' || ' s wall; ' || count(*) || ' segments, ' ||
       count(*) FILTER (WHERE length_m < 1) || ' under 1 m (' ||
       round(100.0 * count(*) FILTER (WHERE length_m < 1) / count(*), 1) || ' %), ' ||
       count(*) FILTER (WHERE length_m < 1 AND p.n = 1) || ' of them a whole part under 1 m'
FROM s JOIN p USING (pipe_id, part);
SELECT '    ' || f || ': ' || count(*) || ' segments, ' || round(sum(length_m)::numeric / 1000, 3) || ' km'
FROM segments, unnest(findings) f WHERE run_id = (SELECT run_id FROM current_run) GROUP BY f ORDER BY f;
SELECT '    grades: ' || string_agg(grade || ' ' || n || ' segments, ' || km || ' km', '; ' ORDER BY grade)
FROM (SELECT grade, count(*) AS n, round(sum(length_m)::numeric / 1000, 3) AS km
      FROM segments WHERE run_id = (SELECT run_id FROM current_run) GROUP BY grade) g;
SELECT '    hazards: ' || sum(n) || ' (' || string_agg(grade || ' ' || n, ', ' ORDER BY grade) || ')'
FROM (SELECT grade, count(*) AS n FROM hazards GROUP BY grade) h;
SQL
}

if [ -n "${BASE:-}" ]; then
  load "$BASE" "$WORK/base"
else
  load "$BIN" "$WORK/min0"
fi
load "$BIN" "$WORK/min1"
for _ in $(seq "$ROUNDS"); do
  if [ -n "${BASE:-}" ]; then
    run "before (BASE)" "$BASE" "$WORK/base"
  else
    run "min_segment_m 0" "$BIN" "$WORK/min0" --model "$WORK/min0.json"
  fi
  run "min_segment_m 1" "$BIN" "$WORK/min1"
done
for d in "$WORK"/*/db; do
  GASRISK_DATA_DIR="$d" $BIN db stop >/dev/null 2>&1 || true
done
echo "clusters stopped; remove $WORK when done"
