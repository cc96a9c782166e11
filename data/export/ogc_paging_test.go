package export_test

import (
	"context"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"gasrisk/data/datatest"
	"gasrisk/data/export"
	"gasrisk/synth"
)

// planCost is what EXPLAIN ANALYZE says a query did: the rows its scans
// read (returned or filtered out) and the buffers it touched.
type planCost struct{ rows, buffers float64 }

// explain runs a query under EXPLAIN (ANALYZE, BUFFERS) and sums its scans.
func explain(t *testing.T, s datatest.Services, sql string, args []any) planCost {
	t.Helper()
	var out string
	if err := s.DB.Pool.QueryRow(context.Background(), "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "+sql, args...).Scan(&out); err != nil {
		t.Fatal(err)
	}
	var plans []struct{ Plan datatest.PlanNode }
	if err := json.Unmarshal([]byte(out), &plans); err != nil {
		t.Fatal(err)
	}
	var c planCost
	plans[0].Plan.Walk(func(n datatest.PlanNode) {
		if strings.Contains(n.Type, "Scan") {
			c.rows += (n.Rows + n.Removed) * max(n.Loops, 1)
		}
		if len(n.Plans) == 0 { // buffers accumulate upwards: count the leaves
			c.buffers += n.SharedHit + n.SharedRead
		}
	})
	return c
}

// TestOGCPagingCostFlat: on a generated city of more than 50,000 segments
// the page that starts 50,000 features in, reached by the cursor of a next
// link, reads no more rows than the first page (within 2×) and no more
// buffers (within 2×, plus one heap page a feature), where the same page
// by offset reads every row before it. The heap pages a page's features
// lie on depend on the order the analysis wrote that shard's rows in, not
// on the paging: the same 101 rows by id were seen on 23–30 pages of one
// shard and on 71–75 of another.
func TestOGCPagingCostFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a city of 50,000 segments")
	}
	s := env.Services(t)
	start := time.Now()
	datatest.LoadCity(t, s.DB, synth.Config{Segments: 19000, Seed: 7})
	ctx := context.Background()
	var total int
	var deep int64
	s.DB.Pool.QueryRow(ctx, `SELECT count(*), (SELECT segment_id FROM segments WHERE run_id = (SELECT run_id FROM current_run)
		ORDER BY segment_id OFFSET 49999 LIMIT 1) FROM segments WHERE run_id = (SELECT run_id FROM current_run)`).Scan(&total, &deep)
	if total < 50_100 {
		t.Fatalf("the city has %d segments, the test needs 50,100", total)
	}
	t.Logf("city of %d segments loaded in %v", total, time.Since(start).Round(time.Second))
	const limit = 100
	cost := func(q export.ItemsQuery) planCost {
		q.Limit = limit
		sql, args, err := s.OGC.PageSQL(ctx, "segments", q)
		if err != nil {
			t.Fatal(err)
		}
		explain(t, s, sql, args) // warm the cache alike for each
		return explain(t, s, sql, args)
	}
	first := cost(export.ItemsQuery{})
	cursor := cost(export.ItemsQuery{After: strconv.FormatInt(deep, 10)})
	offset := cost(export.ItemsQuery{Offset: 50_000})
	t.Logf("rows read, buffers: first page %v, page at 50,000 by cursor %v, by offset %v", first, cursor, offset)
	if cursor.rows > 2*first.rows || cursor.buffers > 2*first.buffers+limit+1 {
		t.Errorf("the page at 50,000 by cursor costs %+v, the first page %+v: want within 2× (buffers: plus one a feature)", cursor, first)
	}
	if offset.rows < 50_000 {
		t.Errorf("the offset page read %v rows: the comparison measures nothing", offset.rows)
	}
	// The cursor page is the page the offset gives, feature for feature.
	var a, b strings.Builder
	pa, err := s.OGC.Items(ctx, &a, "segments", export.ItemsQuery{Limit: limit, After: strconv.FormatInt(deep, 10)})
	if err != nil {
		t.Fatal(err)
	}
	pb, err := s.OGC.Items(ctx, &b, "segments", export.ItemsQuery{Limit: limit, Offset: 50_000})
	if err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() || pa.Returned != limit || pa.First != pb.First || pa.Last != pb.Last || !pa.More {
		t.Errorf("cursor page %+v differs from the offset page %+v", pa, pb)
	}
	timing := func(q export.ItemsQuery) time.Duration {
		q.Limit = limit
		t0 := time.Now()
		if _, err := s.OGC.Items(ctx, io.Discard, "segments", q); err != nil {
			t.Fatal(err)
		}
		return time.Since(t0)
	}
	t.Logf("Items: first page %v, page at 50,000 by cursor %v, by offset %v (logged, not asserted)",
		timing(export.ItemsQuery{}), timing(export.ItemsQuery{After: strconv.FormatInt(deep, 10)}), timing(export.ItemsQuery{Offset: 50_000}))
}
