package analysis

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"gasrisk/data"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// CopyBinaryRows writes n rows into table (i bigint, k int, x float8,
// b boolean, t text, a text[], j json, g geometry) with the binary COPY
// encoder; row i holds i, -i, i/3, i even, "row i" (NULL when i%5 == 0),
// i%3 elements "e0"…, {"i": i} and POINT(1 2). With abortAfter > 0 the
// COPY is aborted after that many rows and the abort's error returned.
func CopyBinaryRows(ctx context.Context, s *data.DB, table string, n, abortAfter int) error {
	conn, err := s.Pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	point, _ := hex.DecodeString("0101000000000000000000F03F0000000000000040")
	c := startBinaryCopy(ctx, conn, pgx.Identifier{table}, []string{"i", "k", "x", "b", "t", "a", "j", "g"}, false)
	for i := 0; i < n; i++ {
		if abortAfter > 0 && i == abortAfter {
			err := errors.New("stopped by the test")
			c.abort(err)
			return err
		}
		c.row(8)
		c.int8(int64(i))
		c.int4(int32(-i))
		c.float8(float64(i) / 3)
		c.bool(i%2 == 0)
		if i%5 == 0 {
			c.null()
		} else {
			c.text(fmt.Sprintf("row %d", i))
		}
		var a []string
		for e := 0; e < i%3; e++ {
			a = append(a, "e"+strconv.Itoa(e))
		}
		c.textArray(a)
		if err := c.appendField(func(b []byte) ([]byte, error) {
			return append(strconv.AppendInt(append(b, `{"i": `...), int64(i), 10), '}'), nil
		}); err != nil {
			return err
		}
		c.bytes(point)
		if err := c.endRow(); err != nil {
			c.abort(err)
			return err
		}
	}
	return c.finish()
}
