package cluster

import (
	"os"
	"path/filepath"
)

// preload is the server option that loads PostGIS into the postmaster,
// so that every backend forked from it has it: loaded by each backend on
// its first spatial call instead, it cost every new connection 20–40 ms
// of CPU (150–350 ms on the loaded 2-core machine), which short jobs on
// fresh connections pay several times (an incremental re-analysis,
// docs/design.md). Empty when the library is not beside the binaries
// (the server then loads PostGIS per backend, as before).
func (c *Cluster) preload() string {
	if _, err := os.Stat(filepath.Join(c.BinDir, "..", "lib", "postgis-3.so")); err != nil {
		return ""
	}
	return " -c shared_preload_libraries=postgis-3"
}
