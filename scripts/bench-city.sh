# Sourced by the benchmark scripts: bench_city N WORK [ANALYZE] generates
# the city of N pipe segments (seed 7) and imports every layer into the
# embedded PostGIS under WORK/db, once (WORK/loaded marks it done); with
# ANALYZE=analyze it also analyses it as of 2026-06-30. It also defines
# cpu_ms, the CPU of processes and their children, and bare_joins, the
# bare detection joins an analysis is measured against.
bench_city() {
  local n=$1 work=$2 analyze=${3:-}
  export GASRISK_DATA_DIR="$work/db"
  [ -f "$work/loaded" ] && return 0
  rm -rf "$work/db" "$work/city"; mkdir -p "$work"
  $BIN gen --segments "$n" --seed 7 ${GEN_FLAGS:-} -o "$work/city" >/dev/null
  for l in districts pipes sewers buildings places stations detectors valves customers; do
    $BIN import "$l" "$work/city/$l.geojson" --replace 2>/dev/null
  done
  if [ "$analyze" = analyze ]; then
    $BIN analyze --as-of 2026-06-30 >"$work/analyze.log" 2>&1
    grep -m1 '^analysis run' "$work/analyze.log" || head -1 "$work/analyze.log"
  fi
  touch "$work/loaded"
}

# cpu_ms PID...: user + system CPU of the processes and their children
# (live ones, and those ended and reaped), ms — for the scripts that
# report a loader's and PostgreSQL's CPU beside the wall time.
cpu_ms() {
  local sum=0 p
  for p in "$@"; do # with the CPU of its children that ended (cutime, cstime)
    [ -r /proc/$p/stat ] && sum=$((sum + $(awk '{print $14 + $15 + $16 + $17}' /proc/$p/stat 2>/dev/null || echo 0)))
  done
  for p in $(for q in "$@"; do pgrep -P "$q" || true; done); do
    [ -r /proc/$p/stat ] && sum=$((sum + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0)))
  done
  echo $((sum * 1000 / $(getconf CLK_TCK)))
}

# bare_joins WORK: wall seconds of the bare detection joins the analysis
# cannot avoid (issue 22, item 2), as counts in one psql session, one
# after the other, PostgreSQL's defaults: pipes × buildings within 1.5 m,
# pipes × sewers crossing and within 1.2 m, the current run's segments ×
# buildings within 10 m. The counts go to WORK/bare.txt.
bare_joins() {
  local work=$1 url t0 t1
  $BIN db start >/dev/null 2>&1 || true
  url=$($BIN db url)
  t0=$(date +%s.%N)
  "${PSQL:-psql}" -X -q -At "$url" >"$work/bare.txt" <<'SQL'
SELECT 'pipe_building_pairs', count(*) FROM pipes p JOIN buildings b ON ST_DWithin(p.geom, b.geom, 1.5);
SELECT 'pipe_sewer_crossings', count(*) FROM pipes p JOIN sewers s ON ST_Intersects(p.geom, s.geom);
SELECT 'pipe_sewer_near', count(*) FROM pipes p JOIN sewers s ON ST_DWithin(p.geom, s.geom, 1.2);
SELECT 'receptor_pairs', count(*) FROM segments s JOIN buildings b ON ST_DWithin(s.geom, b.geom, 10)
  WHERE s.run_id = (SELECT run_id FROM current_run);
SQL
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}'
}
