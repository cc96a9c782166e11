package topology

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"golang.org/x/sync/errgroup"

	"gasrisk/network"
)

// line is the SQL of a pipe's geometry as one line: a MultiLineString that
// does not merge is taken by its first part.
const line = `(CASE WHEN GeometryType(p.geom) = 'LINESTRING' THEN p.geom ELSE ST_GeometryN(ST_LineMerge(p.geom), 1) END)`

// lineCellM is the cell size of the pipes' index for placing valves,
// stations and customers on them.
const lineCellM = 50.0

// read loads what the graph is built from: the in-service pipes with
// their lines, and the valves, stations and customers, each read at once
// on a connection of its own; then places each valve, station and
// customer on its nearest pipe in Go (network.Lines): a nearest-neighbour
// query per point cost ~250 µs of PostgreSQL each (12.6 s for 55,000
// customers, load 23), the index in Go a few µs.
func (s *Service) read(ctx context.Context) (network.Input, error) {
	var in network.Input
	var lines []orb.LineString
	var stationPts, customerPts []orb.Point
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return s.readPipes(gctx, &in, &lines) })
	g.Go(func() error { return s.readValves(gctx, &in) })
	g.Go(func() error { return s.readStations(gctx, &in, &stationPts) })
	g.Go(func() error { return s.readCustomers(gctx, &in, &customerPts) })
	if err := g.Wait(); err != nil {
		return in, err
	}
	s.place(&in, lines, stationPts, customerPts)
	return in, nil
}

// place puts each valve, station and customer on its nearest pipe
// (lines[i] is the line of in.Pipes[i]).
func (s *Service) place(in *network.Input, lines []orb.LineString, stationPts, customerPts []orb.Point) {
	gids := make([]int64, len(in.Pipes))
	for i, p := range in.Pipes {
		gids[i] = p.GID
	}
	idx := network.NewLines(gids, lines, lineCellM)
	for i := range in.Valves {
		in.Valves[i].On = idx.Nearest(in.Valves[i].Point, ValveM)
	}
	for i := range in.Stations {
		in.Stations[i].Nearest = idx.Nearest(stationPts[i], s.opts.StationM)
	}
	for i := range in.Customers {
		in.Customers[i].On = idx.Nearest(customerPts[i], CustomerM)
	}
}

func (s *Service) readPipes(ctx context.Context, in *network.Input, lines *[]orb.LineString) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT p.gid, p.id, p.pressure_class, ST_Length(p.geom), ST_AsBinary(ST_Force2D(l))
		FROM pipes p, LATERAL (SELECT `+line+` AS l) g WHERE p.status = 'in_service' ORDER BY p.gid`)
	if err != nil {
		return fmt.Errorf("pipes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p network.Pipe
		var b []byte
		if err := rows.Scan(&p.GID, &p.ID, &p.Class, &p.Length, &b); err != nil {
			return fmt.Errorf("pipes: %w", err)
		}
		g, err := wkb.Unmarshal(b)
		ls, ok := g.(orb.LineString)
		if err != nil || !ok || len(ls) == 0 {
			return fmt.Errorf("pipes: the line of pipe %s: %T %v", p.ID, g, err)
		}
		p.A, p.B = ls[0], ls[len(ls)-1]
		in.Pipes = append(in.Pipes, p)
		*lines = append(*lines, ls)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("pipes: %w", err)
	}
	return nil
}

func (s *Service) readValves(ctx context.Context, in *network.Input) (err error) {
	if in.Valves, err = collect(ctx, s, `SELECT v.gid, v.id, v.kind, coalesce(v.pressure_class, ''), v.normal_state = 'closed',
			NOT v.operable, ST_X(v.geom), ST_Y(v.geom)
		FROM valves v ORDER BY v.gid`, func(r pgx.CollectableRow) (network.Valve, error) {
		var v network.Valve
		return v, r.Scan(&v.GID, &v.ID, &v.Kind, &v.Class, &v.Closed, &v.Inoperable, &v.Point[0], &v.Point[1])
	}); err != nil {
		return fmt.Errorf("valves: %w", err)
	}
	return nil
}

func (s *Service) readStations(ctx context.Context, in *network.Input, pts *[]orb.Point) (err error) {
	if in.Stations, err = collect(ctx, s, `SELECT t.gid, t.id, t.kind, ST_X(c), ST_Y(c)
		FROM stations t, LATERAL (SELECT ST_PointOnSurface(t.geom) AS c) pt ORDER BY t.gid`,
		func(r pgx.CollectableRow) (network.Station, error) {
			var t network.Station
			return t, r.Scan(&t.GID, &t.ID, &t.Kind, &t.Point[0], &t.Point[1])
		}); err != nil {
		return fmt.Errorf("stations: %w", err)
	}
	for _, t := range in.Stations {
		*pts = append(*pts, t.Point)
	}
	return nil
}

func (s *Service) readCustomers(ctx context.Context, in *network.Input, pts *[]orb.Point) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT c.gid, c.id, c.kind, c.meters, coalesce(c.building_id, ''), ST_X(pt), ST_Y(pt)
		FROM customers c, LATERAL (SELECT ST_PointOnSurface(c.geom) AS pt) pt ORDER BY c.gid`)
	if err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c network.Customer
		var meters int32
		var p orb.Point
		if err := rows.Scan(&c.GID, &c.ID, &c.Kind, &meters, &c.Building, &p[0], &p[1]); err != nil {
			return fmt.Errorf("customers: %w", err)
		}
		c.Meters = int(meters)
		in.Customers = append(in.Customers, c)
		*pts = append(*pts, p)
	}
	if err := rows.Err(); err != nil {
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
