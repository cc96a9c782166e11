package topology

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"

	"gasrisk/network"
)

// line is the SQL of a pipe's geometry as one line: a MultiLineString that
// does not merge is taken by its first part.
const line = `(CASE WHEN GeometryType(p.geom) = 'LINESTRING' THEN p.geom ELSE ST_GeometryN(ST_LineMerge(p.geom), 1) END)`

// read loads what the graph is built from: the in-service pipes' ends, and
// where the valves, stations and customers sit on them. The four reads run
// at once, each on a connection of its own: the nearest-pipe searches of
// the valves and customers take most of the time.
func (s *Service) read(ctx context.Context) (network.Input, error) {
	var in network.Input
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return s.readPipes(ctx, &in) })
	g.Go(func() error { return s.readValves(ctx, &in) })
	g.Go(func() error { return s.readStations(ctx, &in) })
	g.Go(func() error { return s.readCustomers(ctx, &in) })
	return in, g.Wait()
}

func (s *Service) readPipes(ctx context.Context, in *network.Input) (err error) {
	if in.Pipes, err = collect(ctx, s, `SELECT p.gid, p.id, p.pressure_class, ST_Length(p.geom),
			ST_X(ST_StartPoint(l)), ST_Y(ST_StartPoint(l)), ST_X(ST_EndPoint(l)), ST_Y(ST_EndPoint(l))
		FROM pipes p, LATERAL (SELECT `+line+` AS l) g WHERE p.status = 'in_service' ORDER BY p.gid`,
		func(r pgx.CollectableRow) (network.Pipe, error) {
			var p network.Pipe
			return p, r.Scan(&p.GID, &p.ID, &p.Class, &p.Length, &p.A[0], &p.A[1], &p.B[0], &p.B[1])
		}); err != nil {
		return fmt.Errorf("pipes: %w", err)
	}
	return nil
}

func (s *Service) readValves(ctx context.Context, in *network.Input) (err error) {
	if in.Valves, err = collect(ctx, s, `SELECT v.gid, v.id, v.kind, coalesce(v.pressure_class, ''), v.normal_state = 'closed',
			NOT v.operable, ST_X(v.geom), ST_Y(v.geom), coalesce(n.gid, 0), coalesce(n.f, 0)
		FROM valves v LEFT JOIN LATERAL (SELECT p.gid, ST_LineLocatePoint(`+line+`, v.geom) AS f FROM pipes p
			WHERE p.status = 'in_service' AND ST_DWithin(p.geom, v.geom, $1) ORDER BY p.geom <-> v.geom LIMIT 1) n ON true
		ORDER BY v.gid`, func(r pgx.CollectableRow) (network.Valve, error) {
		var v network.Valve
		return v, r.Scan(&v.GID, &v.ID, &v.Kind, &v.Class, &v.Closed, &v.Inoperable, &v.Point[0], &v.Point[1], &v.On.Pipe, &v.On.At)
	}, ValveM); err != nil {
		return fmt.Errorf("valves: %w", err)
	}
	return nil
}

func (s *Service) readStations(ctx context.Context, in *network.Input) (err error) {
	if in.Stations, err = collect(ctx, s, `SELECT t.gid, t.id, t.kind, ST_X(c), ST_Y(c), coalesce(n.gid, 0), coalesce(n.f, 0)
		FROM stations t, LATERAL (SELECT ST_PointOnSurface(t.geom) AS c) pt
		LEFT JOIN LATERAL (SELECT p.gid, ST_LineLocatePoint(`+line+`, pt.c) AS f FROM pipes p
			WHERE p.status = 'in_service' AND ST_DWithin(p.geom, pt.c, $1) ORDER BY p.geom <-> pt.c LIMIT 1) n ON true
		ORDER BY t.gid`, func(r pgx.CollectableRow) (network.Station, error) {
		var t network.Station
		return t, r.Scan(&t.GID, &t.ID, &t.Kind, &t.Point[0], &t.Point[1], &t.Nearest.Pipe, &t.Nearest.At)
	}, s.opts.StationM); err != nil {
		return fmt.Errorf("stations: %w", err)
	}
	return nil
}

func (s *Service) readCustomers(ctx context.Context, in *network.Input) (err error) {
	if in.Customers, err = collect(ctx, s, `SELECT c.gid, c.id, c.kind, c.meters, coalesce(c.building_id, ''), coalesce(n.gid, 0), coalesce(n.f, 0)
		FROM customers c, LATERAL (SELECT ST_PointOnSurface(c.geom) AS pt) pt
		LEFT JOIN LATERAL (SELECT p.gid, ST_LineLocatePoint(`+line+`, pt.pt) AS f FROM pipes p
			WHERE p.status = 'in_service' AND ST_DWithin(p.geom, pt.pt, $1) ORDER BY p.geom <-> pt.pt LIMIT 1) n ON true
		ORDER BY c.gid`, func(r pgx.CollectableRow) (network.Customer, error) {
		var c network.Customer
		var meters int32
		err := r.Scan(&c.GID, &c.ID, &c.Kind, &meters, &c.Building, &c.On.Pipe, &c.On.At)
		c.Meters = int(meters)
		return c, err
	}, CustomerM); err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	return nil
}

func collect[T any](ctx context.Context, s *Service, q string, fn pgx.RowToFunc[T], args ...any) ([]T, error) {
	rows, err := s.db.Pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, fn)
}
