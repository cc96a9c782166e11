package broker

import (
	"path/filepath"

	"gasrisk/data/portfile"
)

// A directory keeps its broker's port, as the cluster's does (package
// portfile): detectors configured with it reach the broker again after a
// restart.

func (b *Broker) portFile() string { return filepath.Join(b.Dir, "port") }

// StoredPort is the port kept in the directory, 0 if none is.
func (b *Broker) StoredPort() int { return portfile.Stored(b.portFile()) }

// choosePort returns the stored port if it is free, else a new free port,
// which it stores.
func (b *Broker) choosePort() (int, error) {
	return portfile.Choose(b.portFile(), func(p int) {
		b.logf("port %d of the broker in %s is taken; choosing another", p, b.Dir)
	})
}
