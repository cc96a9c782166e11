package plans

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// sqlCandidates lists the pipes of the current run in a renewal category
// with their category (of their segments' the first in precedence, $1),
// occupied length and risk (Σ score × km), clustered per district: pipes
// within $2 m of each other, transitively, share a cluster. The order
// along a cluster is the centroid's coordinate on the cluster's longer
// side.
const sqlCandidates = `
WITH seg AS (
    SELECT pipe_gid,
           (array_agg(renewal_category ORDER BY array_position($1::text[], renewal_category)))[1] AS category,
           coalesce(sum(length_m) FILTER (WHERE occupied), 0) AS occupied_m,
           sum(score * length_m / 1000) AS risk
    FROM segments WHERE run_id = $3
    GROUP BY pipe_gid
    HAVING count(renewal_category) > 0
), cand AS (
    SELECT p.id, s.category, ST_Length(p.geom) AS length_m, coalesce(p.diameter_mm, 0) AS diameter_mm, p.material,
           coalesce(p.install_year, 0) AS install_year, p.pressure_class, coalesce(p.district, '') AS district,
           coalesce(p.surface, '') AS surface, coalesce(p.condition, '') AS condition, s.occupied_m, s.risk,
           ST_Centroid(p.geom) AS c,
           ST_ClusterDBSCAN(p.geom, eps := $2, minpoints := 1) OVER (PARTITION BY p.district) AS cl
    FROM seg s JOIN pipes p ON p.gid = s.pipe_gid
), ext AS (
    SELECT *, dense_rank() OVER (ORDER BY district, cl) AS cluster,
           max(ST_X(c)) OVER w - min(ST_X(c)) OVER w >= max(ST_Y(c)) OVER w - min(ST_Y(c)) OVER w AS along_x
    FROM cand WINDOW w AS (PARTITION BY district, cl)
)
SELECT id, category, length_m, diameter_mm, material, install_year, pressure_class, district, surface, condition,
       occupied_m, risk, cluster, CASE WHEN along_x THEN ST_X(c) ELSE ST_Y(c) END
FROM ext ORDER BY cluster, id`

// Candidates returns the renewal candidates of the current run, clustered
// with the model's join tolerance.
func (s *Service) Candidates(ctx context.Context, m riskmodel.Config) (_ []renewal.Candidate, err error) {
	defer data.Annotate(&err, "plans.Candidates")
	run, err := s.db.CurrentRun(ctx)
	if err != nil {
		return nil, err
	}
	if run == 0 {
		return nil, gasrisk.Errorf(gasrisk.ECONFLICT, "no analysis run yet: run gasrisk analyze first")
	}
	rows, err := s.db.Pool.Query(ctx, sqlCandidates, riskmodel.RenewalCategories(), m.Renewal.JoinToleranceM, run)
	if err != nil {
		return nil, err
	}
	var out []renewal.Candidate
	var c renewal.Candidate
	_, err = pgx.ForEachRow(rows, []any{&c.PipeID, &c.Category, &c.LengthM, &c.DiameterMM, &c.Material, &c.InstallYear,
		&c.PressureClass, &c.District, &c.Surface, &c.Condition, &c.OccupiedM, &c.Risk, &c.Cluster, &c.Order}, func() error {
		out = append(out, c)
		return nil
	})
	return out, err
}

// Model is the model config of the current run: the renewal settings a
// plan uses unless given its own.
func (s *Service) Model(ctx context.Context) (_ riskmodel.Config, err error) {
	defer data.Annotate(&err, "plans.Model")
	run, err := s.db.CurrentRun(ctx)
	if err != nil {
		return riskmodel.Config{}, err
	}
	if run == 0 {
		return riskmodel.Config{}, gasrisk.Errorf(gasrisk.ECONFLICT, "no analysis run yet: run gasrisk analyze first")
	}
	return s.db.RunConfig(ctx, run)
}

// AsOf is the as-of date of the current run.
func (s *Service) AsOf(ctx context.Context) (_ time.Time, err error) {
	defer data.Annotate(&err, "plans.AsOf")
	var t time.Time
	err = s.db.Pool.QueryRow(ctx, `SELECT r.as_of FROM current_run c JOIN analysis_runs r ON r.id = c.run_id`).Scan(&t)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, gasrisk.Errorf(gasrisk.ECONFLICT, "no analysis run yet: run gasrisk analyze first")
	}
	return t, err
}
