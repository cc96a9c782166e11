package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
	"gasrisk/data/datatest"
	"gasrisk/synth"
)

// TestWarmConns: a pool opened with WarmConns keeps that many connections
// open and idle before any request asks for one (a pool without keeps
// only what it used); the warm-up statement runs on an empty database and
// on an analysed city alike.
func TestWarmConns(t *testing.T) {
	ctx := context.Background()
	url := env.URL(t)
	cold, err := data.Open(ctx, data.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer cold.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if err := data.Warm(ctx, conn); err != nil {
		t.Fatalf("warm-up on an empty database: %v", err)
	}
	if n := cold.Pool.Stat().TotalConns(); n > 1 {
		t.Errorf("pool without WarmConns: %d connections after one ping, want at most 1", n)
	}
	datatest.LoadCity(t, cold, synth.Config{Segments: 200, Seed: 3})
	if err := data.Warm(ctx, conn); err != nil {
		t.Fatalf("warm-up on an analysed city: %v", err)
	}

	warm, err := data.Open(ctx, data.Config{URL: url, WarmConns: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer warm.Close()
	// The pool opens them in the background: wait (generously) for them.
	for deadline := time.Now().Add(time.Minute); warm.Pool.Stat().IdleConns() < 3 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if n := warm.Pool.Stat().IdleConns(); n < 3 {
		t.Errorf("pool with WarmConns 3: %d idle connections, want 3", n)
	}
}
