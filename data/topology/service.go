// Package topology reads the gas network's topology from PostGIS into a
// network.Graph, keeps it while the layers stay as they are, and answers
// topology checks and isolation traces with the features' ids, lon/lat
// positions and geometry.
package topology

import (
	"context"
	"sync"

	"gasrisk/data"
	"gasrisk/network"
)

// Tolerances of the reads, metres, besides network.Options: a valve
// within ValveM of a pipe sits on it, a customer is fed by the nearest
// pipe within CustomerM, and an isolation asked at a point starts on the
// nearest pipe within PointM.
const (
	ValveM    = 1.0
	CustomerM = 100.0
	PointM    = 50.0
	// PlaceM: dense places within this distance of a stretch that loses
	// gas are affected by it.
	PlaceM = 30.0
)

// Service is the topology service over the shared database.
type Service struct {
	db   *data.DB
	opts network.Options

	mu    sync.Mutex
	graph *network.Graph
	stamp int64 // the last import the graph reflects
}

// New returns the service over db with the default tolerances.
func New(db *data.DB) *Service { return &Service{db: db, opts: network.DefaultOptions()} }

// Graph returns the network's graph, built anew when a layer has been
// imported since it was last built.
func (s *Service) Graph(ctx context.Context) (_ *network.Graph, err error) {
	defer data.Annotate(&err, "topology.Graph")
	var stamp int64
	if err := s.db.Pool.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM imports`).Scan(&stamp); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.graph != nil && s.stamp == stamp {
		return s.graph, nil
	}
	in, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	g, err := network.Build(in, s.opts)
	if err != nil {
		return nil, err
	}
	s.graph, s.stamp = g, stamp
	return g, nil
}

// Cuts is what isolating each stretch of the network cuts off
// (network.Graph.Cuts), from a graph built for it alone out of only what
// the cuts depend on (readCuts): the outage consequence's step of an
// analysis. The cuts' meters are not read (zero).
func (s *Service) Cuts(ctx context.Context) (_ []network.StretchCut, err error) {
	defer data.Annotate(&err, "topology.Cuts")
	in, err := s.readCuts(ctx)
	if err != nil {
		return nil, err
	}
	g, err := network.Build(in, s.opts)
	if err != nil {
		return nil, err
	}
	return g.Cuts(), nil
}
