package data

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// dropIndexes drops, in tx, the indexes of table (in the current schema)
// that back no constraint — only the GiST ones with gistOnly — and returns
// the statements that recreate them as they were. Loading many rows and
// then building an index is much cheaper than maintaining it row by row.
func dropIndexes(ctx context.Context, tx pgx.Tx, table string, gistOnly bool) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT i.indexname, i.indexdef FROM pg_indexes i
		WHERE i.schemaname = current_schema() AND i.tablename = $1
		  AND (NOT $2 OR i.indexdef LIKE '%USING gist%')
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
		                  WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
		table, gistOnly)
	if err != nil {
		return nil, err
	}
	type idx struct{ name, def string }
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (idx, error) {
		var i idx
		return i, row.Scan(&i.name, &i.def)
	})
	if err != nil {
		return nil, err
	}
	var defs []string
	for _, i := range list {
		if _, err := tx.Exec(ctx, "DROP INDEX "+pgx.Identifier{i.name}.Sanitize()); err != nil {
			return nil, err
		}
		defs = append(defs, i.def)
	}
	return defs, nil
}

// dropKeys drops, in tx, the primary keys, unique constraints and foreign
// keys of tables (in the current schema) and the foreign keys that
// reference them, and returns the statements that restore them: keys
// first, then foreign keys, each validated over the whole table by one
// join instead of a look-up per inserted row.
func dropKeys(ctx context.Context, tx pgx.Tx, tables ...string) (keys, fkeys []string, err error) {
	rows, err := tx.Query(ctx, `SELECT c.conname, c.conrelid::regclass::text, c.contype = 'f', pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE c.contype IN ('p', 'u', 'f') AND n.nspname = current_schema()
		  AND (c.conrelid::regclass::text = ANY ($1) OR c.confrelid <> 0 AND c.confrelid::regclass::text = ANY ($1))
		ORDER BY c.contype = 'f' DESC, c.conname`, tables)
	if err != nil {
		return nil, nil, err
	}
	type key struct {
		name, table string
		foreign     bool
		def         string
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (key, error) {
		var k key
		return k, row.Scan(&k.name, &k.table, &k.foreign, &k.def)
	})
	if err != nil {
		return nil, nil, err
	}
	for _, k := range list {
		name := pgx.Identifier{k.name}.Sanitize()
		if _, err := tx.Exec(ctx, "ALTER TABLE "+k.table+" DROP CONSTRAINT "+name); err != nil {
			return nil, nil, err
		}
		restore := "ALTER TABLE " + k.table + " ADD CONSTRAINT " + name + " " + k.def
		if k.foreign {
			fkeys = append(fkeys, restore)
		} else {
			keys = append(keys, restore)
		}
	}
	return keys, fkeys, nil
}
