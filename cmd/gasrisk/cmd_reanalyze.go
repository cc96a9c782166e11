package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"gasrisk/data/analysis"
)

// changedFlags are analyze's incremental flags: the changed features
// besides --pipes (scenarioFlags), which without --scenario names changed
// pipes.
type changedFlags struct {
	buildings, sewers listFlag
}

func (f *changedFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.buildings, "buildings", "re-analyse incrementally: buildings added or edited since the run (ids, comma-separated)")
	fs.Var(&f.sewers, "sewers", "re-analyse incrementally: sewers added or edited since the run (ids, comma-separated)")
}

// scope is the incremental re-analysis the flags ask for; ok is false
// when they ask for none.
func (f *changedFlags) scope(pipes []string) (analysis.Scope, bool) {
	sc := analysis.Scope{Pipes: pipes, Buildings: f.buildings, Sewers: f.sewers}
	return sc, len(pipes)+len(f.buildings)+len(f.sewers) > 0
}

// runReanalyze revises the current run with the pipes the changes reach
// (analysis.Service.Reanalyze) and prints what it re-graded.
func runReanalyze(ctx context.Context, a *app, sc analysis.Scope) error {
	s, err := openServices(ctx, a)
	if err != nil {
		return err
	}
	defer s.Close()
	p := newProgress(a, "analyze", -1)
	sum, err := s.analysis.Reanalyze(ctx, sc, func(phase string, done int) {
		if done == 0 {
			p.describe("analyze: " + phase)
		}
		p.set(done)
	})
	p.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "analysis run %d revision %d: %d pipe(s) re-graded, %d segment(s) replaced by %d in %s\n\n",
		sum.RunID, sum.Revision, sum.Pipes, sum.Removed, sum.Added, sum.Duration.Round(time.Millisecond))
	printSummary(a.stdout, sum.Run)
	return nil
}
