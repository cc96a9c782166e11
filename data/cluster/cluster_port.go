package cluster

import (
	"path/filepath"

	"gasrisk/data/portfile"
)

// A data directory keeps its port (package portfile), so that a client
// which dialled the cluster before a restart (a connection pool) reaches
// it again after.

func (c *Cluster) portFile() string { return filepath.Join(c.Dir, "port") }

// StoredPort is the port kept in the data directory, 0 if none is.
func (c *Cluster) StoredPort() int { return portfile.Stored(c.portFile()) }

// choosePort returns the stored port if it is free, else a new free port,
// which it stores.
func (c *Cluster) choosePort() (int, error) {
	return portfile.Choose(c.portFile(), func(p int) {
		c.logf("port %d of %s is taken; choosing another", p, c.Dir)
	})
}
