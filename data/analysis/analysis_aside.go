package analysis

import (
	"context"
	"fmt"
	"time"
)

// aside is a step that runs beside the run's main sequence, on pooled
// connections of its own: it uses the core that the sequence's
// single-connection statements (preparing the parts, collecting hazards,
// publishing) leave idle.
type aside struct {
	name string
	done chan struct{}
	err  error
	took time.Duration
}

// aside starts fn beside the main sequence. Every aside is awaited before
// the run ends, also when the run fails.
func (r *run) aside(ctx context.Context, name string, fn func(context.Context) error) *aside {
	a := &aside{name: name, done: make(chan struct{})}
	r.asides = append(r.asides, a)
	go func() {
		defer close(a.done)
		t := time.Now()
		a.err = fn(ctx)
		a.took = time.Since(t)
	}()
	return a
}

// await waits for a and records its time as a phase.
func (r *run) await(a *aside) error {
	<-a.done
	r.phases = append(r.phases, Phase{a.name, a.took})
	if a.err != nil {
		return fmt.Errorf("%s: %w", a.name, a.err)
	}
	return nil
}

// awaitAll waits for every aside started, without recording them: the
// run is over (failed) when it is called.
func (r *run) awaitAll() {
	for _, a := range r.asides {
		<-a.done
	}
}
