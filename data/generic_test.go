package data_test

import (
	"context"
	"testing"
	"time"

	"gasrisk/data"
)

// TestGenericPool: the Generic pool's connections plan prepared
// statements generically and do not prefetch; the app pool's keep
// PostgreSQL's defaults. A server (WarmConns) keeps every Generic
// connection open; a command opens them only when asked.
func TestGenericPool(t *testing.T) {
	ctx := context.Background()
	url := env.URL(t)
	for _, tc := range []struct {
		name             string
		warm, wantIdle   int
		wantPlan, wantIO string
	}{
		{"command", 0, 0, "force_generic_plan", "0"},
		{"server", 2, 8, "force_generic_plan", "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := data.Open(ctx, data.Config{URL: url, WarmConns: tc.warm})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for deadline := time.Now().Add(time.Minute); int(db.Generic.Stat().IdleConns()) < tc.wantIdle && time.Now().Before(deadline); {
				time.Sleep(50 * time.Millisecond)
			}
			if n := int(db.Generic.Stat().TotalConns()); n != tc.wantIdle {
				t.Errorf("Generic pool: %d connections before any request, want %d", n, tc.wantIdle)
			}
			var plan, io, user string
			err = db.Generic.QueryRow(ctx, `SELECT current_setting('plan_cache_mode'), current_setting('effective_io_concurrency'),
				current_user`).Scan(&plan, &io, &user)
			if err != nil || plan != tc.wantPlan || io != tc.wantIO || user != data.AppRole {
				t.Errorf("Generic pool: plan_cache_mode %q, effective_io_concurrency %q as %q (%v); want %q, %q as %s",
					plan, io, user, err, tc.wantPlan, tc.wantIO, data.AppRole)
			}
			if err := db.Pool.QueryRow(ctx, `SELECT current_setting('plan_cache_mode')`).Scan(&plan); err != nil || plan != "auto" {
				t.Errorf("app pool: plan_cache_mode %q (%v), want auto", plan, err)
			}
		})
	}
}
