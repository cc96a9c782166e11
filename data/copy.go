package data

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Copier is what can COPY rows in: a connection or a transaction.
type Copier interface {
	CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error)
}

// CopyStream COPYs into table the rows that produce sends, while produce
// is still running: reading, converting and writing overlap, and memory
// stays flat. The first error of either side is returned.
func CopyStream(ctx context.Context, c Copier, table pgx.Identifier, cols []string,
	produce func(ctx context.Context, out chan<- []any) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows := make(chan []any, 4096)
	prodErr := make(chan error, 1)
	go func() {
		defer close(rows)
		prodErr <- produce(ctx, rows)
	}()
	_, err := c.CopyFrom(ctx, table, cols, &chanSource{ch: rows})
	cancel()
	for range rows {
	}
	if perr := <-prodErr; perr != nil && perr != context.Canceled {
		return perr
	}
	return err
}

// chanSource adapts a channel of rows to pgx.CopyFromSource.
type chanSource struct {
	ch  <-chan []any
	cur []any
}

func (c *chanSource) Next() bool {
	r, ok := <-c.ch
	c.cur = r
	return ok
}
func (c *chanSource) Values() ([]any, error) { return c.cur, nil }
func (c *chanSource) Err() error             { return nil }
