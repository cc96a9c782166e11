package importer

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// update runs the publish's insert q ($1 the working SRID) as an upsert:
// a feature whose id the layer has replaces it — unless nothing of it
// differs — and the others are added. The ids added or changed are kept
// in st.changed (for an incremental re-analysis); the tag counts them.
func (st *staging) update(ctx context.Context, q string, srid int) (pgconn.CommandTag, error) {
	var set, old, new []string
	for _, f := range st.layer.Fields {
		if f.Name == "id" {
			continue
		}
		c := pgx.Identifier{f.Name}.Sanitize()
		set, old, new = append(set, c), append(old, "t."+c), append(new, "EXCLUDED."+c)
	}
	set = append(set, "geom", "geom_3857")
	old, new = append(old, "t.geom"), append(new, "EXCLUDED.geom")
	q = strings.Replace(q, "INSERT INTO "+pgx.Identifier{st.layer.Table()}.Sanitize(),
		"INSERT INTO "+pgx.Identifier{st.layer.Table()}.Sanitize()+" AS t", 1) +
		` ON CONFLICT (id) DO UPDATE SET (` + strings.Join(set, ", ") + `) = ROW (` +
		strings.Join(append(new[:len(new):len(new)], "EXCLUDED.geom_3857"), ", ") + `)
		WHERE (` + strings.Join(old, ", ") + `) IS DISTINCT FROM (` + strings.Join(new, ", ") + `) RETURNING t.id`
	rows, err := st.tx.Query(ctx, q, srid)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	st.changed, err = pgx.CollectRows(rows, pgx.RowTo[string])
	return rows.CommandTag(), err
}
