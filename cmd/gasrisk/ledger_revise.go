package main

import (
	"context"
	"log/slog"
	"slices"

	"gasrisk/data/analysis"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
)

// revisingLedger is the ledger whose moves re-grade the hazard's pipe
// when they change the temporary measures the analysis credits
// (hazard.Entry.CreditedMeasures): the current run is revised with that
// pipe (analysis.Service.Reanalyze), so the map shows the lowered
// likelihood at once instead of after the next full run.
type revisingLedger struct {
	*ledger.Service
	analysis *analysis.Service
	// revised, if set, hears of each revision (the tile server drops the
	// run's tiles at once instead of at its next version check).
	revised func()
}

// MoveHazard moves the hazard, then revises the current run if the move
// changed the measures credited. The move stands if the revision fails
// (another analysis running, say): the next run credits the measures.
func (l revisingLedger) MoveHazard(ctx context.Context, id int64, t hazard.Transition) (hazard.Detail, error) {
	before, err := l.Service.Hazard(ctx, id, t.Today)
	if err != nil {
		return hazard.Detail{}, err
	}
	d, err := l.Service.MoveHazard(ctx, id, t)
	if err != nil || slices.Equal(before.CreditedMeasures(), d.CreditedMeasures()) || d.PipeID == "" {
		return d, err
	}
	if _, err := l.analysis.Reanalyze(ctx, analysis.Scope{Pipes: []string{d.PipeID}}, nil); err != nil {
		slog.Warn("ledger: re-grading the pipe of a hazard whose temporary measures changed failed; the next analysis run credits them",
			"op", "ledger.MoveHazard", "hazard", id, "pipe", d.PipeID, "err", err)
		return d, nil
	}
	if l.revised != nil {
		l.revised()
	}
	return d, nil
}
