package analysis

import (
	"context"
	"runtime/debug"
	"slices"
	"time"

	"gasrisk/data/topology"
	"gasrisk/network"
)

// outageCuts is, by pipe and fraction, what isolating each stretch of the
// gas network cuts off (network.Graph.Cuts), for the outage consequence
// factor (riskmodel.Outage); only the stretches that cut off customers.
type outageCuts []network.StretchCut

// outage computes r.cuts, beside the main sequence from the start of the
// run (it reads the layers, not the work tables). When the stored cuts
// (outage_store.go) have the network's fingerprint, a full run reads them
// back and a revision reads those of its pipes once its scope is known
// (outageCutsRead); otherwise the network's graph is built from what the
// cuts depend on (topology.Service.Cuts), its isolation zones give every
// stretch the customers its isolation cuts off, all at once, and the cuts
// are stored. A full run records the fingerprint it was graded with. Without valves or customers, or with the factor off, the
// factor is neutral and the step reads nothing.
func (r *run) outage(ctx context.Context) error {
	if r.opts.Model.Consequence.Outage.Off() {
		return nil
	}
	fp, err := r.networkPrint(ctx)
	if err != nil || fp == "" {
		return err
	}
	if r.rev == nil {
		if _, err := r.s.db.Pool.Exec(ctx, `UPDATE analysis_runs SET outage_fingerprint = $2 WHERE id = $1`, r.id, fp); err != nil {
			return err
		}
	}
	t := time.Now()
	stored, err := r.s.storedCuts(ctx, fp)
	if err != nil {
		return err
	}
	if stored {
		r.cutsFrom = cutsReused
		if r.rev != nil {
			return nil // read in grade, for the pipes in scope
		}
		conn, err := r.s.db.Pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer conn.Release()
		r.cuts, err = loadCuts(ctx, conn, sqlCuts)
		r.cutsTook = time.Since(t)
		return err
	}
	// The graph is most of the process's live heap while it lives: at the
	// 400 % the run collects with (Analyze), the heap grew to five times
	// it (1.25 GB at 1,000,000 segments, docs/benchmarks.md); while it is
	// built, the collector runs at the default 100 %.
	gc := debug.SetGCPercent(100)
	r.cuts, err = topology.New(r.s.db).Cuts(ctx)
	debug.SetGCPercent(gc)
	if err != nil {
		return err
	}
	r.cutsFrom = cutsComputed
	r.cutsTook = time.Since(t)
	return r.s.storeCuts(ctx, fp, r.cuts, r.cutsTook)
}

// Where a run's outage cuts came from, named in its phases.
const (
	cutsReused   = "outage cuts reused"
	cutsComputed = "outage cuts computed"
)

// networkPrint is the network's fingerprint: a revision's, taken when it
// was checked against its run's (revision_network.go), or a new one.
func (r *run) networkPrint(ctx context.Context) (string, error) {
	if r.rev != nil && r.rev.printed {
		return r.rev.print, nil
	}
	return r.s.networkPrint(ctx)
}

// outageCutsRead reads, once the outage step is done, the stored cuts of
// a revision's pipes in scope, and records where the cuts came from as a
// phase (with the time to read or compute them).
func (r *run) outageCutsRead(ctx context.Context) error {
	if r.cutsFrom == "" {
		return nil
	}
	if r.rev != nil && r.cutsFrom == cutsReused {
		t := time.Now()
		var err error
		if r.cuts, err = loadCuts(ctx, r.conn, r.sql(sqlScopeCuts)); err != nil {
			return err
		}
		r.cutsTook = time.Since(t)
	}
	r.phases = append(r.phases, Phase{r.cutsFrom, r.cutsTook})
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
