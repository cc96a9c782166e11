#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md, at the sizes the document reports
# (about 20 minutes on 2 vCPUs and 30 GB of scratch space under /tmp):
# the Go micro-benchmarks, then import, analysis, tiles and permits/export.
# Each script can also be run alone; see its header. BIN names the gasrisk
# binary (default bin/gasrisk, built by `make bench`).
set -euo pipefail
cd "$(dirname "$0")/.."
export BIN=${BIN:-bin/gasrisk}
echo "== machine: $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2 " GiB"}'), $(uptime | sed 's/.*load/load/')"
go test -run '^$' -bench . -benchmem ./synth ./tiles ./web
scripts/bench-import.sh 1000000
scripts/bench-analyze.sh 365000
scripts/bench-tiles.sh 80000
scripts/bench-permits.sh 350000
