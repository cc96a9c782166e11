package tiles

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// versions caches the Source's layer versions for a short time, so that a
// warm tile costs no database round trip; at most one refresh runs at a
// time and concurrent callers wait for it.
type versions struct {
	src      Source
	ttl      time.Duration
	now      func() time.Time
	onChange func(layer, version string) // called after a layer's version changed

	snap atomic.Pointer[versionSnap]
	mu   sync.Mutex
	busy chan struct{} // closed when the running refresh ends; nil when none runs
}

type versionSnap struct {
	m       map[string]string
	expires time.Time
	err     error
}

// get returns the current versions, refreshing them when they are older
// than the TTL. When a refresh fails but older versions are known, those
// are served (the database may be restarting) and the refresh is retried
// after another TTL.
func (v *versions) get(ctx context.Context) (map[string]string, error) {
	if s := v.snap.Load(); s != nil && v.now().Before(s.expires) {
		return s.m, s.err
	}
	v.mu.Lock()
	if s := v.snap.Load(); s != nil && v.now().Before(s.expires) {
		v.mu.Unlock()
		return s.m, s.err
	}
	if v.busy != nil {
		wait := v.busy
		v.mu.Unlock()
		select {
		case <-wait:
			s := v.snap.Load()
			return s.m, s.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	done := make(chan struct{})
	v.busy = done
	v.mu.Unlock()

	m, err := v.src.TileVersions(context.WithoutCancel(ctx))
	old := v.snap.Load()
	next := &versionSnap{m: m, expires: v.now().Add(v.ttl)}
	switch {
	case err != nil && old != nil && old.m != nil:
		next.m = old.m
	case err != nil:
		next.err = err
		next.expires = time.Time{} // retry at once next time
	}
	v.snap.Store(next)
	if err == nil && v.onChange != nil {
		for layer, ver := range m {
			if old == nil || old.m == nil || old.m[layer] != ver {
				v.onChange(layer, ver)
			}
		}
	}
	v.mu.Lock()
	v.busy = nil
	v.mu.Unlock()
	close(done)
	return next.m, next.err
}

// expire makes the next get refresh.
func (v *versions) expire() {
	if s := v.snap.Load(); s != nil {
		v.snap.Store(&versionSnap{m: s.m, err: s.err})
	}
}
