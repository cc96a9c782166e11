package analysis

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk"
)

// analysisLock is the advisory lock one analysis (a full run or a
// revision) holds at a time.
const analysisLock = 4242002

// lock takes the analysis lock on a pooled connection: ECONFLICT while
// another analysis holds it. unlock releases the lock and the connection;
// op names the caller in the warning a failed release logs.
func (s *Service) lock(ctx context.Context, op string) (conn *pgxpool.Conn, unlock func(), err error) {
	conn, err = s.db.Pool.Acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	var locked bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, analysisLock).Scan(&locked); err != nil {
		conn.Release()
		return nil, nil, err
	}
	if !locked {
		conn.Release()
		return nil, nil, gasrisk.Errorf(gasrisk.ECONFLICT, "another analysis is running; try again when it has finished")
	}
	return conn, func() {
		if _, err := conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, analysisLock); err != nil {
			slog.Warn("analysis: releasing the analysis lock failed", "op", op, "err", err)
		}
		conn.Release()
	}, nil
}
