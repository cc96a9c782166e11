package topology

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/jackc/pgx/v5"

	"gasrisk/network"
)

// valvesAt adds the valves' positions.
func (s *Service) valvesAt(ctx context.Context, vs []network.Valve) ([]ValveAt, error) {
	out := []ValveAt{}
	if len(vs) == 0 {
		return out, nil
	}
	gids := make([]int64, len(vs))
	for i, v := range vs {
		gids[i] = v.GID
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT v.id, v.kind, coalesce(v.pressure_class, ''), ST_X(w), ST_Y(w)
		FROM valves v, LATERAL (SELECT ST_Transform(v.geom, 4326) AS w) w WHERE v.gid = ANY($1) ORDER BY v.id`, gids)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (ValveAt, error) {
		var v ValveAt
		return v, r.Scan(&v.ID, &v.Kind, &v.Class, &v.Lon, &v.Lat)
	})
}

// stretches is the SQL of the stretches given as arrays $1 (pipe gids),
// $2 and $3 (fractions), as lines in the working CRS.
const stretches = `SELECT ST_LineSubstring(` + line + `, u.f0, u.f1) AS g
	FROM unnest($1::bigint[], $2::float8[], $3::float8[]) AS u(gid, f0, f1) JOIN pipes p ON p.gid = u.gid`

func stretchArgs(ss []network.Stretch) []any {
	gids, f0, f1 := make([]int64, len(ss)), make([]float64, len(ss)), make([]float64, len(ss))
	for i, st := range ss {
		gids[i], f0[i], f1[i] = st.PipeGID, st.F0, st.F1
	}
	return []any{gids, f0, f1}
}

// geometry is the stretches as one GeoJSON MultiLineString in EPSG:4326.
func (s *Service) geometry(ctx context.Context, ss []network.Stretch) (json.RawMessage, error) {
	if len(ss) == 0 {
		return json.RawMessage("null"), nil
	}
	var g []byte
	err := s.db.Pool.QueryRow(ctx, `SELECT ST_AsGeoJSON(ST_Transform(ST_Multi(ST_Collect(g)), 4326), 7) FROM (`+stretches+`) s
		WHERE NOT ST_IsEmpty(g)`, stretchArgs(ss)...).Scan(&g)
	if g == nil {
		g = []byte("null")
	}
	return json.RawMessage(g), err
}

// places lists the dense places within PlaceM of the stretches.
func (s *Service) places(ctx context.Context, ss []network.Stretch) ([]Feature, error) {
	out := []Feature{}
	if len(ss) == 0 {
		return out, nil
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT DISTINCT q.id, q.kind, coalesce(q.name, '') FROM (`+stretches+`) s
		JOIN places q ON ST_DWithin(q.geom, s.g, $4) ORDER BY q.id`, append(stretchArgs(ss), PlaceM)...)
	if err != nil {
		return nil, err
	}
	fs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Feature, error) {
		var f Feature
		return f, r.Scan(&f.ID, &f.Kind, &f.Name)
	})
	if fs == nil {
		fs = out
	}
	return fs, err
}

// pipeIDs lists the distinct pipes of the stretches and their length.
func pipeIDs(ss []network.Stretch) ([]string, float64) {
	ids := []string{}
	m := 0.0
	for _, st := range ss {
		ids = append(ids, st.PipeID)
		m += st.Length
	}
	slices.Sort(ids)
	return slices.Compact(ids), m
}

func stationFeatures(ts []network.Station) []Feature {
	out := []Feature{}
	for _, t := range ts {
		out = append(out, Feature{ID: t.ID, Kind: t.Kind})
	}
	return out
}
