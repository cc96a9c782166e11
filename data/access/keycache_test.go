package access_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gasrisk"
	"gasrisk/data/access"
	"gasrisk/data/datatest"
)

// waitFor polls cond every 10 ms for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10 s", what)
		}
	}
}

// TestKeyCache: with a listener connected, a key is authenticated from
// the cache (a change made behind the trigger's back is not seen), a
// revocation reaches it at once, and without the listener every key is
// read from the database again.
func TestKeyCache(t *testing.T) {
	s := env.Services(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	keys := access.New(s.DB)
	k, secret, err := keys.CreateKey(ctx, "firm", access.RolePermit, "test")
	if err != nil {
		t.Fatal(err)
	}
	listening := make(chan struct{})
	go func() {
		defer close(listening)
		keys.Listen(ctx, time.Hour) // no redial within the test
	}()
	waitFor(t, "listening", keys.Listening)
	role := func() string {
		t.Helper()
		got, err := keys.Authenticate(ctx, secret)
		if err != nil {
			return gasrisk.ErrorCode(err)
		}
		return got.Role
	}
	owner := datatest.Owner(t, s.DB)
	// silently re-roles the key: the trigger that announces it is off
	silently := func(role string) {
		t.Helper()
		for _, st := range []struct {
			sql  string
			args []any
		}{
			{`ALTER TABLE api_keys DISABLE TRIGGER api_keys_notify`, nil},
			{`UPDATE api_keys SET role = $1 WHERE id = $2`, []any{role, k.ID}},
			{`ALTER TABLE api_keys ENABLE TRIGGER api_keys_notify`, nil},
		} {
			if _, err := owner.Exec(ctx, st.sql, st.args...); err != nil {
				t.Fatal(err)
			}
		}
	}
	if r := role(); r != access.RolePermit {
		t.Fatalf("role %s", r)
	}
	silently(access.RoleViewer)
	if r := role(); r != access.RolePermit {
		t.Errorf("role %s after a silent change: the key was not cached", r)
	}
	if _, err := owner.Exec(ctx, `UPDATE api_keys SET role = 'editor' WHERE id = $1`, k.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "an announced change", func() bool { return role() == access.RoleEditor })
	if _, err := keys.RevokeKey(ctx, fmt.Sprint(k.ID), "test"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the revocation", func() bool { return role() == gasrisk.EUNAUTHORIZED })

	k2, secret2, err := keys.CreateKey(ctx, "firm 2", access.RolePermit, "test")
	if err != nil {
		t.Fatal(err)
	}
	k, secret = k2, secret2
	if r := role(); r != access.RolePermit {
		t.Fatalf("second key: role %s", r)
	}
	if _, err := s.DB.Pool.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the listener's loss", func() bool { return !keys.Listening() })
	silently(access.RoleViewer)
	if r := role(); r != access.RoleViewer {
		t.Errorf("role %s without a listener: a cached key was trusted", r)
	}
	cancel()
	<-listening
}
