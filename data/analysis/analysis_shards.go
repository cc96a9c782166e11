package analysis

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
)

// shardCount is how many concurrent shards the heavy queries run in: one
// per core, since PostgreSQL runs INSERT … SELECT on one core.
func shardCount() int { return max(2, runtime.GOMAXPROCS(0)) }

// shardSQL fills in shard k of n.
func shardSQL(q string, n, k int) string {
	return strings.NewReplacer("{n}", strconv.Itoa(n), "{k}", strconv.Itoa(k)).Replace(q)
}

// sharded runs fn once per shard, each on its own pooled connection, and
// returns the first error.
func (r *run) sharded(ctx context.Context, fn func(ctx context.Context, conn *pgxpool.Conn, n, k int) error) error {
	n := r.shards()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := r.s.db.Pool.Acquire(ctx)
			if err == nil {
				err = fn(ctx, conn, n, k)
				conn.Release()
			}
			if err != nil {
				errs[k] = err
				cancel()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && err != context.Canceled {
			return err
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// execSharded runs a "{n}/{k}" query as concurrent shards.
func (r *run) execSharded(ctx context.Context, q string, args ...any) error {
	return r.sharded(ctx, func(ctx context.Context, conn *pgxpool.Conn, n, k int) error {
		_, err := conn.Exec(ctx, r.sql(shardSQL(q, n, k)), args...)
		return err
	})
}
