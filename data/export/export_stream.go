package export

import (
	"bufio"
	"context"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"
)

// Parallel export: the segments of a run are read in id-range chunks by
// exportWorkers connections at once (PostgreSQL's JSON and geometry output
// is the bottleneck of one connection), encoded by the worker that read
// them and written in id order. At most exportInFlight + exportWorkers + 1
// chunks (about 11 MB each) are held, whatever the size of the export.
const (
	exportWorkers  = 2
	exportInFlight = 2
	exportChunkIDs = 8192 // segment ids per chunk (default of Options.ChunkIDs)
)

// textResults asks pgx for PostgreSQL's text output of every column.
var textResults = pgx.QueryResultFormats{pgx.TextFormatCode}

// streamSerial writes every row of one query.
func (s *Service) streamSerial(ctx context.Context, w *bufio.Writer, t *target, f SegmentFilter, enc encoder) (int, error) {
	var a argList
	q := t.query(f, geomMode(enc), &a)
	rows, err := s.db.Pool.Query(ctx, q, append([]any{textResults}, a.vals...)...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	buf := make([]byte, 0, 1<<14)
	for rows.Next() {
		buf = enc.encode(buf[:0], rows.RawValues())
		if n == 0 {
			buf = buf[enc.sep():]
		}
		if _, err := w.Write(buf); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// geomMode is the geometry output an encoder needs.
func geomMode(enc encoder) int {
	if _, ok := enc.(*csvEncoder); ok {
		return geomWKT
	}
	return geomGeoJSON
}

// chunk is one id range of a parallel export and its encoded rows.
type chunk struct {
	lo, hi int64
	done   chan chunkOut
}

type chunkOut struct {
	buf []byte
	n   int
	err error
}

// streamChunks writes a run's segments read in parallel id-range chunks.
func (s *Service) streamChunks(ctx context.Context, w *bufio.Writer, t *target, f SegmentFilter, enc encoder, size int64) (int, error) {
	if size <= 0 {
		size = exportChunkIDs
	}
	var lo, hi int64
	err := s.db.Pool.QueryRow(ctx, `SELECT coalesce(min(segment_id), 0), coalesce(max(segment_id), -1) FROM segments
		WHERE run_id = $1`, t.run).Scan(&lo, &hi)
	if err != nil {
		return 0, err
	}
	g, ctx := errgroup.WithContext(ctx)
	free := make(chan []byte, exportInFlight+exportWorkers+1) // reused chunk buffers
	jobs := make(chan *chunk)
	order := make(chan *chunk, exportInFlight)
	g.Go(func() error { return planChunks(ctx, lo, hi, size, jobs, order) })
	for range exportWorkers {
		g.Go(func() error {
			for c := range jobs {
				var buf []byte
				select {
				case buf = <-free:
				default:
				}
				c.done <- s.readChunk(ctx, t, f, enc, c, buf[:0])
			}
			return nil
		})
	}
	var n int
	g.Go(func() (err error) {
		n, err = writeChunks(w, enc, order, free)
		return err
	})
	return n, g.Wait()
}

// writeChunks writes the chunks in order as their readers finish them and
// hands their buffers back for reuse.
func writeChunks(w *bufio.Writer, enc encoder, order <-chan *chunk, free chan<- []byte) (int, error) {
	n := 0
	for c := range order {
		out := <-c.done
		if out.err != nil {
			return n, out.err
		}
		if n == 0 && out.n > 0 {
			out.buf = out.buf[enc.sep():]
		}
		if _, err := w.Write(out.buf); err != nil {
			return n, err
		}
		n += out.n
		select {
		case free <- out.buf:
		default:
		}
	}
	return n, nil
}

// planChunks hands out the id ranges, in order, to the workers and the
// writer; the writer's queue bounds the chunks in flight.
func planChunks(ctx context.Context, lo, hi, size int64, jobs, order chan<- *chunk) error {
	defer close(jobs)
	defer close(order)
	for a := lo; a <= hi; a += size {
		c := &chunk{lo: a, hi: a + size, done: make(chan chunkOut, 1)}
		select {
		case order <- c:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case jobs <- c:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// readChunk reads and encodes one id range.
func (s *Service) readChunk(ctx context.Context, t *target, f SegmentFilter, enc encoder, c *chunk, buf []byte) chunkOut {
	var a argList
	q := t.query(f, geomMode(enc), &a, "x.segment_id >= "+a.add(c.lo), "x.segment_id < "+a.add(c.hi))
	rows, err := s.db.Pool.Query(ctx, q, append([]any{textResults}, a.vals...)...)
	if err != nil {
		return chunkOut{err: err}
	}
	defer rows.Close()
	out := chunkOut{buf: buf}
	for rows.Next() {
		out.buf = enc.encode(out.buf, rows.RawValues())
		out.n++
	}
	out.err = rows.Err()
	return out
}
