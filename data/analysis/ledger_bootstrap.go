package analysis

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The first run of a city builds the whole hazard ledger: 768,644 hazards
// and as many history rows on the 1,000,000-segment city. Inserted by the
// publishing transaction, with the keys and indexes rebuilt after them,
// that took 14–17 s on one core while the other idled. So when the ledger
// is empty, the run builds the new ledger and its history as tables of its
// work schema instead: the sharded hazard queries write the new hazards
// straight into {w}.hazards, numbered by the ledger's own sequence (not
// into {w}.found and then copied: 1.4 s less); then, on two connections,
// the history is created and filled in one transaction (no WAL under
// wal_level = minimal) while the ledger is indexed, two indexes at a
// time; then the keys and foreign keys are added and validated — and the
// publish swaps the two in for the empty ones (swapLedger): the same
// columns, defaults, constraints, indexes, triggers, sequences, storage
// options, owner and grants as the migrations made, which a test checks. Should
// hazards reach the empty ledger meanwhile (only analysis runs add them,
// one run at a time), the publish takes the ordinary path instead.

// ledgerTables are the ledger and its history, in the current schema.
func ledgerTables() []string { return []string{"hazards", "hazard_events"} }

// ledgerEmpty reports whether the ledger and its history are empty and
// nothing else refers to them (which the swap would have to re-point).
func (r *run) ledgerEmpty(ctx context.Context) (bool, error) {
	var empty bool
	err := r.conn.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM hazards) AND NOT EXISTS (SELECT 1 FROM hazard_events)
		AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f'
		                AND confrelid IN ('hazards'::regclass, 'hazard_events'::regclass)
		                AND conrelid NOT IN ('hazards'::regclass, 'hazard_events'::regclass))`).Scan(&empty)
	return empty, err
}

// buildLedger builds the rest of the ledger whose hazards the run wrote
// into {w}.hazards (see above), recording its time as a phase: on one
// connection the history is created, filled, analysed and indexed in one
// transaction, while the other analyses the ledger and builds its
// indexes, each index in a transaction of its own as connections come
// free; then the keys are added and the foreign keys validated.
func (r *run) buildLedger(ctx context.Context) error {
	t := time.Now()
	d, err := r.ledgerDefinitions(ctx)
	if err == nil {
		lists := [][]ledgerStmt{r.historyFill(d), stmts([]string{`ANALYZE {w}.hazards`})}
		err = r.inParallel(ctx, append(lists, each(d.indexes["hazards"], serialBuild)...))
	}
	for _, def := range d.keys {
		if err == nil {
			_, err = r.conn.Exec(ctx, def)
		}
	}
	if err == nil {
		err = r.inParallel(ctx, [][]ledgerStmt{stmts(d.checks["hazards"]), stmts(d.checks["hazard_events"])})
	}
	r.phases = append(r.phases, Phase{"build ledger", time.Since(t)})
	return err
}

// serialBuild: two index builds at a time fill the two cores; parallel
// workers of their own only compete (the ledger's indexes 3.4 s against
// 3.9 s with them).
const serialBuild = `SET LOCAL max_parallel_maintenance_workers = 0`

// historyFill creates the history with each new hazard's "found" entry,
// analyses it and builds its indexes, in one transaction.
func (r *run) historyFill(d ledgerDDL) []ledgerStmt {
	return append([]ledgerStmt{
		{`CREATE TABLE {w}.hazard_events (LIKE hazard_events INCLUDING ALL EXCLUDING INDEXES)`, nil},
		{`INSERT INTO {w}.hazard_events ` + foundEvents + ` FROM {w}.hazards`, []any{r.id}},
		{`ANALYZE {w}.hazard_events`, nil},
	}, stmts(d.indexes["hazard_events"], serialBuild)...)
}

// stmts are the statements sqls without arguments, after those of before.
func stmts(sqls []string, before ...string) []ledgerStmt {
	var out []ledgerStmt
	for _, q := range append(before, sqls...) {
		out = append(out, ledgerStmt{q, nil})
	}
	return out
}

// each is one list (transaction) per statement of sqls, each run after
// those of before.
func each(sqls []string, before ...string) [][]ledgerStmt {
	var out [][]ledgerStmt
	for _, q := range sqls {
		out = append(out, stmts([]string{q}, before...))
	}
	return out
}

// ledgerStmt is one statement with its arguments.
type ledgerStmt struct {
	sql  string
	args []any
}

// inParallel runs the lists of statements on up to shardCount()
// connections at once, each list in one transaction, in order of the
// lists as connections come free.
func (r *run) inParallel(ctx context.Context, lists [][]ledgerStmt) error {
	next := make(chan []ledgerStmt, len(lists))
	for _, l := range lists {
		next <- l
	}
	close(next)
	return r.sharded(ctx, func(ctx context.Context, conn *pgxpool.Conn, n, k int) error {
		for l := range next {
			err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
				for _, st := range l {
					if _, err := tx.Exec(ctx, r.sql(st.sql), st.args...); err != nil {
						return fmt.Errorf("%.60s…: %w", st.sql, err)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// ledgerDDL is what gives the built ledger the keys and indexes of the
// ledger in place (ledgerDefinitions).
type ledgerDDL struct {
	indexes map[string][]string // per table
	keys    []string
	checks  map[string][]string // per table
}

// ledgerDefinitions returns, read from the catalog, per table the
// statements that give {w}.hazards and {w}.hazard_events the indexes of
// the ledger (GiST first: they take longest); then those that add its
// primary, unique and foreign keys, the foreign keys NOT VALID (foreign
// keys between the two point at the work schema's tables); and per table
// those that validate its foreign keys: validations of different tables
// do not lock each other out, adding the keys validated would.
func (r *run) ledgerDefinitions(ctx context.Context) (ledgerDDL, error) {
	d := ledgerDDL{indexes: map[string][]string{}, checks: map[string][]string{}}
	rows, err := r.conn.Query(ctx, `
		SELECT t.relname, format('CREATE %sINDEX %I ON %I.%I %s', CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END,
		              i.relname, $2::text, t.relname, substring(pg_get_indexdef(x.indexrelid) FROM ' USING .*$'))
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
		WHERE t.oid = ANY ($1::regclass[])
		ORDER BY i.relam = (SELECT oid FROM pg_am WHERE amname = 'gist') DESC, i.relname`, ledgerTables(), r.schema)
	if err != nil {
		return d, err
	}
	var table, def string
	_, err = pgx.ForEachRow(rows, []any{&table, &def}, func() error {
		d.indexes[table] = append(d.indexes[table], def)
		return nil
	})
	if err != nil {
		return d, err
	}
	rows, err = r.conn.Query(ctx, `
		SELECT t.relname, format('ALTER TABLE %I.%I ADD CONSTRAINT %I ', $2::text, t.relname, c.conname) || CASE c.contype
		         WHEN 'p' THEN format('PRIMARY KEY USING INDEX %I', i.relname)
		         WHEN 'u' THEN format('UNIQUE USING INDEX %I', i.relname)
		         ELSE replace(pg_get_constraintdef(c.oid), 'REFERENCES ' || quote_ident(f.relname) || '(',
		                      CASE WHEN f.oid = ANY ($1::regclass[]) THEN format('REFERENCES %I.%I(', $2::text, f.relname)
		                           ELSE 'REFERENCES ' || quote_ident(f.relname) || '(' END)
		              || CASE WHEN c.convalidated THEN ' NOT VALID' ELSE '' END END,
		       CASE WHEN c.contype = 'f' AND c.convalidated
		            THEN format('ALTER TABLE %I.%I VALIDATE CONSTRAINT %I', $2::text, t.relname, c.conname) END
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
		LEFT JOIN pg_class i ON i.oid = c.conindid LEFT JOIN pg_class f ON f.oid = c.confrelid
		WHERE c.conrelid = ANY ($1::regclass[]) AND c.contype IN ('p', 'u', 'f')
		ORDER BY c.contype = 'f', t.relname, c.conname`, ledgerTables(), r.schema)
	if err != nil {
		return d, err
	}
	var validate *string
	_, err = pgx.ForEachRow(rows, []any{&table, &def, &validate}, func() error {
		d.keys = append(d.keys, def)
		if validate != nil {
			d.checks[table] = append(d.checks[table], *validate)
		}
		return nil
	})
	return d, err
}

// swapLedger puts the ledger built by the run in place of the empty one,
// in the publishing transaction tx. It reports false, changing nothing,
// if the ledger is no longer empty. The service may not drop or replace
// the owner's tables: gasrisk_swap_ledger (migration 0011) does it as the
// owner — the empty tables dropped, the built ones moved into their
// schema with autovacuum back on, given to the owner with the sequences,
// triggers and grants of the originals.
func (r *run) swapLedger(ctx context.Context, tx pgx.Tx) (bool, error) {
	var swapped bool
	if err := tx.QueryRow(ctx, `SELECT gasrisk_swap_ledger($1)`, r.schema).Scan(&swapped); err != nil {
		return false, fmt.Errorf("swapping the ledger in: %w", err)
	}
	return swapped, nil
}
