package data

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// sqlWarm does once on a new connection what would otherwise slow its
// first request: the first ST_Transform of a backend loads PostGIS's
// projection data (about 200 ms of CPU on the standard machine, measured
// with psql on a 50,000-pipe city) for the working CRS and EPSG:3857, and
// the first query of the current run's segments loads the catalog entries
// of its partitions (about 20 ms).
const sqlWarm = `
SELECT (SELECT count(ST_Transform(ST_SetSRID(ST_MakePoint(114, 30), 4326), s.srid))
	FROM (VALUES (3857), ((SELECT value::int FROM settings WHERE key = 'working_srid'))) s (srid) WHERE s.srid IS NOT NULL),
	(SELECT count(*) FROM (SELECT 1 FROM segments WHERE run_id = (SELECT run_id FROM current_run) LIMIT 1) x)`

// warmConn prepares a new pool connection for requests (sqlWarm). An
// error of the statement itself (a working CRS the point cannot be
// projected to, say) leaves the connection cold but usable: only a
// broken connection is refused.
func warmConn(ctx context.Context, c *pgx.Conn) error {
	err := warm(ctx, c)
	if _, ok := errors.AsType[*pgconn.PgError](err); ok {
		return nil
	}
	return err
}

// warm runs sqlWarm on c.
func warm(ctx context.Context, c *pgx.Conn) error {
	_, err := c.Exec(ctx, sqlWarm)
	return err
}
