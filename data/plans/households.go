package plans

import (
	"context"

	"github.com/jackc/pgx/v5"

	"gasrisk/data/topology"
	"gasrisk/renewal"
)

// sqlHouseholds counts, per pipe of $1, the households it feeds: the
// meters of the residential customers whose nearest in-service pipe within
// $2 m (the network's rule, topology.CustomerM) is that pipe. The search
// starts from the customers near the listed pipes (the index on
// customers.geom); a customer near two of them counts once, for its
// nearest.
const sqlHouseholds = `
SELECT p.id, sum(c.meters)::int
FROM pipes p
JOIN customers c ON c.kind = 'residential' AND ST_DWithin(c.geom, p.geom, $2)
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(c.geom) AS pt) pt
CROSS JOIN LATERAL (SELECT q.gid FROM pipes q WHERE q.status = 'in_service' AND ST_DWithin(q.geom, pt.pt, $2)
    ORDER BY q.geom <-> pt.pt, q.gid LIMIT 1) n
WHERE p.id = ANY ($1::text[]) AND n.gid = p.gid
GROUP BY p.id`

// countHouseholds sets the households of each job: the sum over its pipes
// (sqlHouseholds).
func (s *Service) countHouseholds(ctx context.Context, jobs []renewal.Job) error {
	var ids []string
	for _, j := range jobs {
		ids = append(ids, j.PipeIDs...)
	}
	byPipe := map[string]int{}
	if len(ids) > 0 {
		rows, err := s.db.Pool.Query(ctx, sqlHouseholds, ids, topology.CustomerM)
		if err != nil {
			return err
		}
		var id string
		var n int
		if _, err := pgx.ForEachRow(rows, []any{&id, &n}, func() error {
			byPipe[id] = n
			return nil
		}); err != nil {
			return err
		}
	}
	for i := range jobs {
		n := 0
		for _, id := range jobs[i].PipeIDs {
			n += byPipe[id]
		}
		jobs[i].Households = &n
	}
	return nil
}
