package web

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"gasrisk"
)

// printQueue lets a bounded number of printed maps be drawn at once and
// a bounded number wait for their turn; the rest are refused at once.
type printQueue struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	wait    time.Duration
}

func newPrintQueue(l PrintLimits) *printQueue {
	return &printQueue{slots: make(chan struct{}, l.Concurrent), queue: int64(l.Queue), wait: l.QueueWait}
}

// acquire waits for a turn to draw: release must be called after the
// print. When the queue is full, or the turn does not come within the
// queue's wait, it sets Retry-After and returns an EUNAVAILABLE error.
func (q *printQueue) acquire(ctx context.Context, w http.ResponseWriter) (release func(), err error) {
	select {
	case q.slots <- struct{}{}:
		return q.release, nil
	default:
	}
	if q.waiting.Add(1) > q.queue {
		q.waiting.Add(-1)
		return nil, q.busy(w, "%d printed maps are being drawn and %d wait: retry in %d s")
	}
	defer q.waiting.Add(-1)
	t := time.NewTimer(q.wait)
	defer t.Stop()
	select {
	case q.slots <- struct{}{}:
		return q.release, nil
	case <-t.C:
		return nil, q.busy(w, "%d printed maps are being drawn and %d wait: no turn came; retry in %d s")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (q *printQueue) release() { <-q.slots }

// busy is the refusal of a print that gets no turn.
func (q *printQueue) busy(w http.ResponseWriter, format string) error {
	after := max(1, int(q.wait.Seconds())/2)
	w.Header().Set("Retry-After", strconv.Itoa(after))
	return gasrisk.Errorf(gasrisk.EUNAVAILABLE, format, cap(q.slots), q.waiting.Load(), after)
}
