package analysis

import (
	"context"
	"slices"

	"gasrisk/data/topology"
	"gasrisk/network"
)

// outageCuts is, by pipe and fraction, what isolating each stretch of the
// gas network cuts off (network.Graph.Cuts), for the outage consequence
// factor (riskmodel.Outage); only the stretches that cut off customers.
type outageCuts []network.StretchCut

// outage computes r.cuts, beside the main sequence from the start of the
// run (it reads the layers, not the work tables): the network's graph is
// read and built as the isolation trace's (data/topology), and its
// isolation zones give every stretch the customers its isolation cuts
// off, all at once. Without valves or customers, or with the factor off,
// the factor is neutral and the step reads nothing.
func (r *run) outage(ctx context.Context) error {
	if r.opts.Model.Consequence.Outage.Off() {
		return nil
	}
	both, err := r.s.outageData(ctx)
	if err != nil || !both {
		return err
	}
	g, err := topology.New(r.s.db).Graph(ctx)
	if err != nil {
		return err
	}
	r.cuts = g.Cuts()
	return nil
}

// at is what isolating fraction f of pipe gid cuts off: customers and
// critical customers. A segment is looked up at its midpoint, as the
// isolation trace of a segment starts; for a pipe of several parts the
// fraction is the part's, an approximation (the graph takes such a pipe
// by its first line). At a valve, the stretch before it answers, as in
// the trace.
func (c outageCuts) at(gid int64, f float64) (customers, critical int) {
	i, _ := slices.BinarySearchFunc(c, gid, func(s network.StretchCut, g int64) int {
		switch {
		case s.PipeGID < g:
			return -1
		case s.PipeGID > g:
			return 1
		}
		return 0
	})
	for ; i < len(c) && c[i].PipeGID == gid; i++ {
		if c[i].Holds(f) {
			return c[i].Customers, c[i].Critical
		}
	}
	return 0, 0
}

// outageData tells whether the city has what the outage consequence
// needs: valves and customers.
func (s *Service) outageData(ctx context.Context) (bool, error) {
	var both bool
	err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM valves) AND EXISTS (SELECT FROM customers)`).Scan(&both)
	return both, err
}
