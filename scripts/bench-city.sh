# Sourced by the benchmark scripts: bench_city N WORK [ANALYZE] generates
# the city of N pipe segments (seed 7) and imports every layer into the
# embedded PostGIS under WORK/db, once (WORK/loaded marks it done); with
# ANALYZE=analyze it also analyses it as of 2026-06-30. It also defines
# cpu_ms, the CPU of processes and their children.
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
