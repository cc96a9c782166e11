package data_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"gasrisk/data"
	"gasrisk/data/datatest"
)

// TestServiceCannotRewriteEvidence tries, as the role the services
// connect as, every way around the append-only rules a session could take
// (docs/api.md "What the database protects"): each must fail, and the
// evidence stay as it was. The city has been analysed, so the hazard
// ledger is the one the first run built and swapped in.
func TestServiceCannotRewriteEvidence(t *testing.T) {
	s := env.CasesCity(t)
	ctx := context.Background()
	if _, _, err := s.Access.CreateKey(ctx, "tester", "permit", "test"); err != nil {
		t.Fatal(err)
	}
	owner := datatest.Owner(t, s.DB)
	var ownerName string
	if err := owner.QueryRow(ctx, `SELECT current_user`).Scan(&ownerName); err != nil {
		t.Fatal(err)
	}
	counts := func() string {
		t.Helper()
		var out string
		err := owner.QueryRow(ctx, `SELECT concat_ws(' ', (SELECT count(*) FROM audit_log), (SELECT count(*) FROM hazards),
			(SELECT count(*) FROM hazard_events), (SELECT count(*) FROM permit_tickets), (SELECT string_agg(role, ',') FROM api_keys),
			(SELECT string_agg(tgenabled::text, '' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal))`).Scan(&out)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := counts()
	for _, q := range []string{
		`SET session_replication_role = replica`,
		`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`,
		`ALTER TABLE hazard_events DISABLE TRIGGER ALL`,
		`ALTER TABLE hazards DISABLE TRIGGER hazards_no_delete`,
		`ALTER TABLE permit_tickets DISABLE TRIGGER USER`,
		`ALTER TABLE audit_log ADD COLUMN forged text`,
		`ALTER TABLE hazard_events RENAME TO old_history`,
		`DROP TABLE audit_log`,
		`DROP TRIGGER hazard_events_append_only ON hazard_events`,
		`CREATE RULE no_delete AS ON DELETE TO audit_log DO INSTEAD NOTHING`,
		`CREATE TRIGGER forged BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION gasrisk_refuse('x')`,
		`CREATE OR REPLACE FUNCTION gasrisk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
		`CREATE OR REPLACE FUNCTION gasrisk_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
		`UPDATE audit_log SET outcome = 'forged'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
		`UPDATE permit_tickets SET decision = 'clear'`,
		`DELETE FROM permit_tickets`,
		`UPDATE hazard_events SET reason = 'forged'`,
		`DELETE FROM hazard_events`,
		`TRUNCATE hazard_events CASCADE`,
		`DELETE FROM hazards`,
		`TRUNCATE hazards CASCADE`,
		`UPDATE api_keys SET role = 'admin'`,
		`DELETE FROM api_keys`,
		`SELECT setval('hazards_id_seq', 1)`,
		`SET ROLE ` + ownerName,
		`SET SESSION AUTHORIZATION ` + ownerName,
		`ALTER ROLE ` + data.AppRole + ` SUPERUSER`,
		`CREATE ROLE forger SUPERUSER`,
		`COPY audit_log TO PROGRAM 'true'`,
		`CREATE EXTENSION IF NOT EXISTS dblink`,
	} {
		t.Run(q, func(t *testing.T) {
			tx, err := s.DB.Pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			if _, err := tx.Exec(ctx, q); err == nil {
				t.Errorf("the service may %s", q)
			}
		})
	}
	if got := counts(); got != before {
		t.Errorf("evidence changed: %s, was %s", got, before)
	}
	t.Run("the owner owns the evidence", func(t *testing.T) {
		rows, err := owner.Query(ctx, `SELECT relname || ' ' || relowner::regrole FROM pg_class
			WHERE relname IN ('audit_log', 'permit_tickets', 'hazards', 'hazard_events', 'api_keys') ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range got {
			if !strings.HasSuffix(r, " "+ownerName) {
				t.Errorf("%s: want owned by %s", r, ownerName)
			}
		}
		if len(got) != 5 {
			t.Errorf("%v", got)
		}
	})
	t.Run("the service is no superuser", func(t *testing.T) {
		var user string
		var super, createRole, createDB bool
		err := s.DB.Pool.QueryRow(ctx, `SELECT current_user, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user`).
			Scan(&user, &super, &createRole, &createDB)
		if err != nil || user != data.AppRole || super || createRole || createDB {
			t.Errorf("the services connect as %s (superuser %v, create role %v, create db %v, %v)", user, super, createRole, createDB, err)
		}
	})
}

// TestLedgerSwapRefusesATamperedLedger: the owner's function that swaps
// the first run's ledger in takes only an untouched work schema of the
// caller's, while the ledger is empty.
func TestLedgerSwapRefusesATamperedLedger(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, setup, schema, want string
	}{
		{"not a run's schema", `CREATE SCHEMA elsewhere`, "elsewhere", "not a run's work schema"},
		{"a trigger of its own", `CREATE SCHEMA gasrisk_run_901;
			CREATE TABLE gasrisk_run_901.hazards (LIKE hazards INCLUDING ALL);
			CREATE TABLE gasrisk_run_901.hazard_events (LIKE hazard_events INCLUDING ALL);
			CREATE FUNCTION gasrisk_run_901.pass() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
			CREATE TRIGGER a_pass BEFORE DELETE ON gasrisk_run_901.hazard_events FOR EACH ROW EXECUTE FUNCTION gasrisk_run_901.pass()`,
			"gasrisk_run_901", "triggers, rules or policies"},
		{"a rule of its own", `CREATE SCHEMA gasrisk_run_902;
			CREATE TABLE gasrisk_run_902.hazards (LIKE hazards INCLUDING ALL);
			CREATE TABLE gasrisk_run_902.hazard_events (LIKE hazard_events INCLUDING ALL);
			CREATE RULE keep AS ON DELETE TO gasrisk_run_902.hazards DO INSTEAD NOTHING`,
			"gasrisk_run_902", "triggers, rules or policies"},
		{"missing tables", `CREATE SCHEMA gasrisk_run_903`, "gasrisk_run_903", "missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx, err := s.DB.Pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			if _, err := tx.Exec(ctx, tc.setup); err != nil {
				t.Fatal(err)
			}
			var ok bool
			err = tx.QueryRow(ctx, `SELECT gasrisk_swap_ledger($1)`, tc.schema).Scan(&ok)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("swap: %v %v, want an error saying %q", ok, err, tc.want)
			}
		})
	}
}
