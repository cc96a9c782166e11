package permits_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"gasrisk/data/access"
	"gasrisk/data/datatest"
	"gasrisk/data/permits"
	"gasrisk/permit"
)

// captured keeps the first statement a pool sends that contains marker,
// with its arguments.
type captured struct {
	marker string
	mu     sync.Mutex
	sql    string
	args   []any
}

func (c *captured) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sql == "" && strings.Contains(d.SQL, c.marker) {
		c.sql, c.args = d.SQL, d.Args
	}
	return ctx
}
func (c *captured) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TestPermitCheckReadsTheIndexOnly: a check reads the run's segments from
// the shards' geometry index alone — an index-only scan with no heap
// fetch — not from their wide rows (data/analysis checkIndex). The check's
// own statement, caught as it is sent, is run again under EXPLAIN
// ANALYZE; sequential and bitmap scans are turned off for it, as on a
// city this small the planner would rather read the table's one page: the
// test asks whether the index can answer the check, which the planner
// chooses it for at a city's size (docs/benchmarks.md). It fails if
// nearSegments reads a column the index does not hold, or if the shards'
// pages are not all-visible after the analysis.
func TestPermitCheckReadsTheIndexOnly(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, access.RolePermit)
	ctx := context.Background()
	c := &captured{marker: "near AS ("}
	svc := tracedPermits(t, s, c)
	res, err := svc.CheckPermit(ctx, permits.Check{Request: checkReq(wgs84(t, s, square(95, 5, 10)), "excavation"),
		Policy: permit.DefaultPolicy(), Caller: key})
	if err != nil || len(res.Segments) == 0 {
		t.Fatalf("check: %v, %d segments; want the SHPB main's", err, len(res.Segments))
	}
	if c.sql == "" {
		t.Fatal("the check's statement was not seen")
	}
	var plan []struct{ Plan datatest.PlanNode }
	err = pgx.BeginFunc(ctx, s.DB.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off`); err != nil {
			return err
		}
		var out []byte
		if err := tx.QueryRow(ctx, "EXPLAIN (ANALYZE, FORMAT JSON) "+c.sql, c.args...).Scan(&out); err != nil {
			return err
		}
		return json.Unmarshal(out, &plan)
	})
	if err != nil || len(plan) != 1 {
		t.Fatalf("explain: %v", err)
	}
	found := 0.0
	plan[0].Plan.Walk(func(n datatest.PlanNode) {
		if !strings.HasPrefix(n.Relation, "segments_r") {
			return
		}
		if n.Type != "Index Only Scan" {
			t.Errorf("%s: %s; want an index-only scan", n.Relation, n.Type)
		} else if n.HeapFetches == nil || *n.HeapFetches != 0 {
			t.Errorf("%s: heap fetches %v; want none", n.Relation, fetches(n.HeapFetches))
		}
		found += n.Rows
	})
	if found == 0 {
		t.Errorf("no segment read from any shard's index; plan %+v", plan[0].Plan)
	}
}

// fetches is a plan's heap fetch count, or "unknown".
func fetches(n *float64) any {
	if n == nil {
		return "unknown"
	}
	return *n
}
