package analysis

import (
	"context"
	"encoding/binary"
	"io"
	"math"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// binaryCopy is a COPY … FROM STDIN (FORMAT binary) in progress whose rows
// are encoded by hand into a buffer that goes to the server in chunks.
// The analysis writes a million rows of fixed columns per run; pgx's
// CopyFrom encodes each value through an interface and a plan look-up,
// which was a sixth of the run's Go CPU.
//
// Encoders exist for the column types the analysis writes: bigint, int,
// double precision, boolean, text, text[], and bytes passed as they are
// (geometry as EWKB, json as its text).
type binaryCopy struct {
	buf  []byte
	pw   *io.PipeWriter
	done chan error
}

// copyChunk is how much is encoded before it is handed to the server.
const copyChunk = 256 << 10

// startBinaryCopy starts COPY into table's cols on conn; rows are added
// with row and the field encoders, and the COPY ends with finish or abort.
// With freeze (only for a table created in conn's transaction) the rows
// are written frozen and their pages all-visible, which spares the table's
// first readers the hint bits and autovacuum the work.
func startBinaryCopy(ctx context.Context, conn *pgxpool.Conn, table pgx.Identifier, cols []string, freeze bool) *binaryCopy {
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = pgx.Identifier{c}.Sanitize()
	}
	sql := "COPY " + table.Sanitize() + " (" + strings.Join(quoted, ", ") + ") FROM STDIN (FORMAT binary"
	if freeze {
		sql += ", FREEZE"
	}
	sql += ")"
	pr, pw := io.Pipe()
	c := &binaryCopy{buf: make([]byte, 0, copyChunk+64<<10), pw: pw, done: make(chan error, 1)}
	c.buf = append(c.buf, "PGCOPY\n\xff\r\n\x00"...)
	c.buf = binary.BigEndian.AppendUint32(c.buf, 0) // flags
	c.buf = binary.BigEndian.AppendUint32(c.buf, 0) // header extension length
	go func() {
		_, err := conn.Conn().PgConn().CopyFrom(ctx, pr, sql)
		pr.CloseWithError(err) // a writer blocked on a failed COPY returns
		c.done <- err
	}()
	return c
}

// row starts a row of n fields.
func (c *binaryCopy) row(n int) { c.buf = binary.BigEndian.AppendUint16(c.buf, uint16(n)) }

// endRow hands a full chunk to the server.
func (c *binaryCopy) endRow() error {
	if len(c.buf) < copyChunk {
		return nil
	}
	_, err := c.pw.Write(c.buf)
	c.buf = c.buf[:0]
	return err
}

// finish ends the COPY and returns its error, if any.
func (c *binaryCopy) finish() error {
	c.buf = binary.BigEndian.AppendUint16(c.buf, 0xffff)
	_, err := c.pw.Write(c.buf)
	c.pw.Close()
	if derr := <-c.done; derr != nil {
		return derr
	}
	return err
}

// abort cancels the COPY with err: the server discards its rows.
func (c *binaryCopy) abort(err error) {
	c.pw.CloseWithError(err)
	<-c.done
}

func (c *binaryCopy) null() { c.buf = binary.BigEndian.AppendUint32(c.buf, math.MaxUint32) }

func (c *binaryCopy) int8(v int64) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, 8)
	c.buf = binary.BigEndian.AppendUint64(c.buf, uint64(v))
}

func (c *binaryCopy) int4(v int32) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, 4)
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(v))
}

func (c *binaryCopy) float8(v float64) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, 8)
	c.buf = binary.BigEndian.AppendUint64(c.buf, math.Float64bits(v))
}

func (c *binaryCopy) bool(v bool) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, 1)
	if v {
		c.buf = append(c.buf, 1)
	} else {
		c.buf = append(c.buf, 0)
	}
}

func (c *binaryCopy) text(s string) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(len(s)))
	c.buf = append(c.buf, s...)
}

// bytes writes b as the field's binary value: EWKB for geometry, the text
// for json.
func (c *binaryCopy) bytes(b []byte) {
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(len(b)))
	c.buf = append(c.buf, b...)
}

// appendField writes a field whose value fn appends to the buffer.
func (c *binaryCopy) appendField(fn func([]byte) ([]byte, error)) error {
	at := len(c.buf)
	c.buf = append(c.buf, 0, 0, 0, 0)
	b, err := fn(c.buf)
	if err != nil {
		c.buf = c.buf[:at]
		return err
	}
	binary.BigEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	c.buf = b
	return nil
}

// textOID is the type of text[]'s elements.
const textOID = 25

// textArray writes a one-dimensional text[] without NULLs ('{}' if empty).
func (c *binaryCopy) textArray(ss []string) {
	size := 12
	if len(ss) > 0 {
		size += 8
	}
	for _, s := range ss {
		size += 4 + len(s)
	}
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(size))
	if len(ss) == 0 {
		c.buf = binary.BigEndian.AppendUint32(c.buf, 0) // dimensions
		c.buf = binary.BigEndian.AppendUint32(c.buf, 0) // has NULLs
		c.buf = binary.BigEndian.AppendUint32(c.buf, textOID)
		return
	}
	c.buf = binary.BigEndian.AppendUint32(c.buf, 1)
	c.buf = binary.BigEndian.AppendUint32(c.buf, 0)
	c.buf = binary.BigEndian.AppendUint32(c.buf, textOID)
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(len(ss))) // length
	c.buf = binary.BigEndian.AppendUint32(c.buf, 1)               // lower bound
	for _, s := range ss {
		c.text(s)
	}
}
