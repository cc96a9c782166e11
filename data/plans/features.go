package plans

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
)

// sqlFeatures is the plan $1's jobs as a GeoJSON FeatureCollection in
// WGS 84: one feature per job, id its number, the MultiLineString of its
// pipes (null when none is left: pipes replaced under new ids) and its
// year, cost, category, risk reduction, length, households, reason,
// district, state and whether it is overdue as of $2.
const sqlFeatures = `
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY no), '[]'::json))::text
FROM (
    SELECT j.job_no AS no, json_build_object('type', 'Feature', 'id', j.job_no,
        'geometry', ST_AsGeoJSON(ST_Transform(g.geom, 4326), 7)::json,
        'properties', json_build_object('no', j.job_no, 'year', j.year, 'category', j.category, 'mandatory', j.mandatory,
            'cost_yuan', round(j.cost_yuan::numeric), 'risk_reduction', round(j.risk_reduction::numeric, 2),
            'length_m', round(j.length_m::numeric, 1), 'households', j.households, 'reason', j.reason,
            'district', coalesce(j.district, ''), 'state', j.state,
            'overdue', j.state <> 'done' AND extract(year FROM $2::date) > j.year,
            'pipes', cardinality(j.pipe_ids))) AS f
    FROM renewal_jobs j
    LEFT JOIN LATERAL (SELECT ST_Multi(ST_Collect(d.geom)) AS geom FROM pipes p, ST_Dump(p.geom) d
        WHERE p.id = ANY (j.pipe_ids)) g ON true
    WHERE j.plan_name = $1
) x`

// Features returns the jobs of the plan stored under name as a GeoJSON
// FeatureCollection (sqlFeatures), overdue judged as of today: the map's
// plan layer.
func (s *Service) Features(ctx context.Context, name string, today time.Time) (_ []byte, err error) {
	defer data.Annotate(&err, "plans.Features")
	if err := ValidName(name); err != nil {
		return nil, err
	}
	var found bool
	if err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM renewal_plans WHERE name = $1)`, name).Scan(&found); err != nil {
		return nil, err
	}
	if !found {
		return nil, gasrisk.Errorf(gasrisk.ENOTFOUND, "no plan named %q", name)
	}
	var fc string
	err = s.db.Pool.QueryRow(ctx, sqlFeatures, name, today.Format(time.DateOnly)).Scan(&fc)
	if errors.Is(err, pgx.ErrNoRows) {
		return []byte(`{"type":"FeatureCollection","features":[]}`), nil
	}
	return []byte(fc), err
}
