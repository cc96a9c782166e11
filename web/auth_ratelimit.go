package web

import (
	"math"
	"sync"
	"time"
)

// rateLimiter is an in-memory token bucket per API key: each key may make
// burst requests at once and rate requests per second on average.
type rateLimiter struct {
	rate, burst float64
	now         func() time.Time
	mu          sync.Mutex
	buckets     map[int64]*bucket // by key id; keys are few (they are issued by hand)
}

type bucket struct {
	tokens float64
	last   time.Time
}

// newRateLimiter returns a limiter; a rate ≤ 0 allows everything.
func newRateLimiter(rate float64, burst int, now func() time.Time) *rateLimiter {
	return &rateLimiter{rate: rate, burst: float64(max(burst, 1)), now: now, buckets: map[int64]*bucket{}}
}

// allow takes a token from key's bucket. When it is empty it returns false
// and how long until a token is there.
func (l *rateLimiter) allow(key int64) (bool, time.Duration) {
	if l.rate <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// retryAfter is a Retry-After value: whole seconds, at least 1.
func retryAfter(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}
