package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"gasrisk/data/analysis"
	"gasrisk/data/importer"
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
	return runReanalyzeWith(ctx, a, s, sc)
}

// runReanalyzeWith is runReanalyze over open services.
func runReanalyzeWith(ctx context.Context, a *app, s *services, sc analysis.Scope) error {
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
	if sum.FullRun {
		fmt.Fprintf(a.stdout, "analysis run %d: a full run, since a named pipe changed the network's shape and the outage consequence depends on the whole network (docs/design.md), in %s\n\n",
			sum.RunID, sum.Duration.Round(time.Millisecond))
		printSummary(a.stdout, sum.Run)
		return nil
	}
	fmt.Fprintf(a.stdout, "analysis run %d revision %d: %d pipe(s) re-graded, %d segment(s) replaced by %d in %s\n\n",
		sum.RunID, sum.Revision, sum.Pipes, sum.Removed, sum.Added, sum.Duration.Round(time.Millisecond))
	printSummary(a.stdout, sum.Run)
	return nil
}

// reanalyzeImported re-grades, after an incremental import, the pipes the
// changed features reach, when the layer is one that grades depend on and
// there is a run to revise; otherwise it says what to do.
func reanalyzeImported(ctx context.Context, a *app, s *services, res importer.Result) error {
	var sc analysis.Scope
	switch res.Layer {
	case "pipes":
		sc.Pipes = res.Changed
	case "buildings":
		sc.Buildings = res.Changed
	case "sewers":
		sc.Sewers = res.Changed
	default:
		staleRunNote(ctx, a, s, []string{res.Layer})
		return nil
	}
	if len(res.Changed) == 0 {
		fmt.Fprintf(a.stdout, "no %s changed: the grades stand\n", res.Layer)
		return nil
	}
	if run, err := s.db.CurrentRun(ctx); err != nil || run == 0 {
		return err // nothing analysed yet: gasrisk analyze grades everything
	}
	return runReanalyzeWith(ctx, a, s, sc)
}
