package importer

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
