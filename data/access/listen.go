package access

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Listen keeps the key cache trusted until ctx ends: it listens on a
// connection of its own for the database's announcements of changes to
// api_keys and empties the cache at each, so a revocation takes effect
// at once in every server. Without a listener (before Listen, after its
// connection is lost, in commands other than serve) every key is read
// from the database. A lost connection is redialled every retry; a
// cached key is read again after a minute (keyCacheAge) whatever happens,
// the bound on a revocation's delay should the connection hang silently.
// Each loss is logged.
func (s *Service) Listen(ctx context.Context, retry time.Duration) {
	for {
		err := s.listen(ctx) // returns when the connection is lost or ctx ends
		s.cache.flush(false)
		if ctx.Err() == nil {
			slog.Warn("access: API keys are read from the database until the listener is back",
				"op", "access.Listen", "err", err, "retry", retry)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(retry):
		}
	}
}

// listen takes a connection out of the pool for LISTEN and empties the
// cache at every notification until the connection fails or ctx ends.
func (s *Service) listen(ctx context.Context) error {
	pc, err := s.db.Pool.Acquire(ctx)
	if err != nil {
		return err
	}
	conn := pc.Hijack()
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{keyNotifyChannel}.Sanitize()); err != nil {
		return err
	}
	s.cache.flush(true) // keys read before LISTEN took effect are not kept
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		s.cache.flush(true)
	}
}

// Listening reports whether authenticated keys are being cached: a
// listener is connected (Listen).
func (s *Service) Listening() bool { return s.cache.listening() }
