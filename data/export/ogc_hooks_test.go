package export

import "context"

// PageSQL is the query of an items page and its parameters, for the
// tests that compare the cost of pages.
func (o *OGC) PageSQL(ctx context.Context, id string, q ItemsQuery) (string, []any, error) {
	pq, err := o.pageQuery(ctx, id, q)
	return pq.sql, pq.args, err
}
