package permits_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gasrisk/data"
	"gasrisk/data/access"
	"gasrisk/data/datatest"
	"gasrisk/data/permits"
	"gasrisk/permit"
)

// sent counts what a pool sends: statements and batches (each one round
// trip once its statements are prepared).
type sent struct{ queries, batches atomic.Int64 }

func (s *sent) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	s.queries.Add(1)
	return ctx
}
func (s *sent) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (s *sent) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	s.batches.Add(1)
	return ctx
}
func (s *sent) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (s *sent) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}

// tracedPermits is a permit service on a pool of its own, connected as
// the application role, whose statements go through tracer; the pool is
// closed when the test ends.
func tracedPermits(t *testing.T, s datatest.Services, tracer pgx.QueryTracer) *permits.Service {
	t.Helper()
	pc, err := pgxpool.ParseConfig(s.DB.Config().URL)
	if err != nil {
		t.Fatal(err)
	}
	pc.ConnConfig.User, pc.ConnConfig.Password = data.AppRole, ""
	pc.ConnConfig.Tracer = tracer
	pool, err := pgxpool.NewWithConfig(context.Background(), pc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return permits.New(&data.DB{Pool: pool, Generic: pool})
}

// TestPermitCheckRoundTrips: a check sends one statement (the working
// CRS, the current run, the work area and the segments within reach) and
// one batch (ticket with its works record, audit entry: one implicit
// transaction), whatever the decision — the first version sent nine
// (working CRS, BEGIN, work area, current run, segments, three INSERTs,
// COMMIT), the second three. Counted with a pgx tracer, not timed.
func TestPermitCheckRoundTrips(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, access.RolePermit)
	ctx := context.Background()
	var n sent
	svc := tracedPermits(t, s, &n)
	for _, tc := range []struct{ name, wkt, kind, decision string }{
		{"denied", square(95, -5, 10), "blasting", permit.DecisionDenied},
		{"conditional", square(95, 5, 10), "excavation", permit.DecisionConditional},
		{"clear", square(95, 500, 10), "excavation", permit.DecisionClear},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := checkReq(wgs84(t, s, tc.wkt), tc.kind)
			q0, b0 := n.queries.Load(), n.batches.Load()
			res, err := svc.CheckPermit(ctx, permits.Check{Request: req, Policy: permit.DefaultPolicy(), Caller: key})
			if err != nil || res.Decision != tc.decision {
				t.Fatalf("decision %q, %v; want %s", res.Decision, err, tc.decision)
			}
			if q, b := n.queries.Load()-q0, n.batches.Load()-b0; q != 1 || b != 1 {
				t.Errorf("a check sent %d statements and %d batches, want 1 and 1", q, b)
			}
			var tickets, audits int
			s.DB.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM permit_tickets WHERE id = $1),
				(SELECT count(*) FROM audit_log WHERE subject = $1)`, res.TicketID).Scan(&tickets, &audits)
			if tickets != 1 || audits != 1 {
				t.Errorf("ticket %s: %d tickets and %d audit entries stored, want 1 and 1", res.TicketID, tickets, audits)
			}
		})
	}
}

// TestPermitCheckLocksNoRow: a check's ticket names its key and run
// without locking their rows (migration 0024). Through a foreign key each
// ticket took a KEY SHARE lock on the one api_keys row all of a key's
// checks share — a MultiXact a check under concurrency — and left the
// locker's transaction id in the row's xmax; the key and run rows must
// come out of checks as they went in.
func TestPermitCheckLocksNoRow(t *testing.T) {
	s := permitCity(t)
	key := permitKey(t, s, access.RolePermit)
	ctx := context.Background()
	const q = `SELECT (SELECT xmax::text FROM api_keys WHERE id = $1), (SELECT xmax::text FROM analysis_runs WHERE id = (SELECT run_id FROM current_run))`
	var key0, run0 string
	if err := s.DB.Pool.QueryRow(ctx, q, key.ID).Scan(&key0, &run0); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"excavation", "blasting"} {
		if _, err := s.Permits.CheckPermit(ctx, permits.Check{Request: checkReq(wgs84(t, s, square(95, 5, 10)), kind),
			Policy: permit.DefaultPolicy(), Caller: key}); err != nil {
			t.Fatal(err)
		}
	}
	var key1, run1 string
	if err := s.DB.Pool.QueryRow(ctx, q, key.ID).Scan(&key1, &run1); err != nil {
		t.Fatal(err)
	}
	if key1 != key0 || run1 != run0 {
		t.Errorf("xmax of the key's row %s → %s, of the run's %s → %s: a check locked them", key0, key1, run0, run1)
	}
}
