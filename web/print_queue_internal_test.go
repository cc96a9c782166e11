package web

import (
	"context"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"gasrisk"
)

// TestPrintQueue: one print draws, one waits for its turn, a third is
// refused at once with Retry-After; the waiting one draws when the first
// is done.
func TestPrintQueue(t *testing.T) {
	q := newPrintQueue(PrintLimits{Concurrent: 1, Queue: 1, QueueWait: time.Hour})
	release, err := q.acquire(context.Background(), httptest.NewRecorder())
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		rel, err := q.acquire(context.Background(), httptest.NewRecorder())
		if err == nil {
			rel()
		}
		got <- err
	}()
	for q.waiting.Load() == 0 {
		runtime.Gosched()
	}
	w := httptest.NewRecorder()
	if _, err := q.acquire(context.Background(), w); gasrisk.ErrorCode(err) != gasrisk.EUNAVAILABLE || w.Header().Get("Retry-After") == "" {
		t.Errorf("third print: %v, Retry-After %q; want unavailable with Retry-After", err, w.Header().Get("Retry-After"))
	}
	release()
	if err := <-got; err != nil {
		t.Errorf("the waiting print got no turn: %v", err)
	}
}

// TestPrintQueueWaitEnds: a print that waits past the queue's wait is
// refused with Retry-After.
func TestPrintQueueWaitEnds(t *testing.T) {
	q := newPrintQueue(PrintLimits{Concurrent: 1, Queue: 1, QueueWait: time.Millisecond})
	release, _ := q.acquire(context.Background(), httptest.NewRecorder())
	defer release()
	w := httptest.NewRecorder()
	if _, err := q.acquire(context.Background(), w); gasrisk.ErrorCode(err) != gasrisk.EUNAVAILABLE || w.Header().Get("Retry-After") == "" {
		t.Errorf("got %v, Retry-After %q", err, w.Header().Get("Retry-After"))
	}
}
