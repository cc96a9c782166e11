package topology

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"golang.org/x/sync/errgroup"

	"gasrisk/network"
)

// critical is the customer kind the cuts count apart (network.Cut).
const critical = "critical"

// readCuts loads what the outage cuts depend on and nothing else — the
// in-service pipes' gids and lines, the valves' states and positions,
// the stations' kinds and positions, which customers are critical and
// where they are — and places the points on the pipes as read does. No
// id, class, length, meters or building: what only the trace and the
// topology report answer with (a string each, per feature).
func (s *Service) readCuts(ctx context.Context) (network.Input, error) {
	var in network.Input
	var lines []orb.LineString
	var stationPts, customerPts []orb.Point
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return s.readPipeLines(gctx, &in, &lines) })
	g.Go(func() error { return s.readValveStates(gctx, &in) })
	g.Go(func() error { return s.readStations(gctx, &in, &stationPts) })
	g.Go(func() error { return s.readCustomerPoints(gctx, &in, &customerPts) })
	if err := g.Wait(); err != nil {
		return in, err
	}
	s.place(&in, lines, stationPts, customerPts)
	return in, nil
}

// readPipeLines reads the in-service pipes' gids and lines, in gid order;
// the WKB is decoded from the driver's buffer, not copied first.
func (s *Service) readPipeLines(ctx context.Context, in *network.Input, lines *[]orb.LineString) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT p.gid, ST_AsBinary(ST_Force2D(l))
		FROM pipes p, LATERAL (SELECT `+line+` AS l) g WHERE p.status = 'in_service' ORDER BY p.gid`)
	if err != nil {
		return fmt.Errorf("pipes: %w", err)
	}
	var p network.Pipe
	var b pgtype.DriverBytes
	_, err = pgx.ForEachRow(rows, []any{&p.GID, &b}, func() error {
		g, err := wkb.Unmarshal(b)
		ls, ok := g.(orb.LineString)
		if err != nil || !ok || len(ls) == 0 {
			return fmt.Errorf("the line of pipe gid %d: %T %v", p.GID, g, err)
		}
		p.A, p.B = ls[0], ls[len(ls)-1]
		in.Pipes = append(in.Pipes, p)
		*lines = append(*lines, ls)
		return nil
	})
	if err != nil {
		return fmt.Errorf("pipes: %w", err)
	}
	return nil
}

// readValveStates reads the valves' states and positions.
func (s *Service) readValveStates(ctx context.Context, in *network.Input) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT v.normal_state = 'closed', NOT v.operable, ST_X(v.geom), ST_Y(v.geom)
		FROM valves v ORDER BY v.gid`)
	if err != nil {
		return fmt.Errorf("valves: %w", err)
	}
	var v network.Valve
	_, err = pgx.ForEachRow(rows, []any{&v.Closed, &v.Inoperable, &v.Point[0], &v.Point[1]}, func() error {
		in.Valves = append(in.Valves, v)
		return nil
	})
	if err != nil {
		return fmt.Errorf("valves: %w", err)
	}
	return nil
}

// readCustomerPoints reads whether each customer is critical and where
// it is.
func (s *Service) readCustomerPoints(ctx context.Context, in *network.Input, pts *[]orb.Point) error {
	rows, err := s.db.Pool.Query(ctx, `SELECT c.kind = '`+critical+`', ST_X(pt), ST_Y(pt)
		FROM customers c, LATERAL (SELECT ST_PointOnSurface(c.geom) AS pt) pt ORDER BY c.gid`)
	if err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	var crit bool
	var p orb.Point
	_, err = pgx.ForEachRow(rows, []any{&crit, &p[0], &p[1]}, func() error {
		var c network.Customer
		if crit {
			c.Kind = critical
		}
		in.Customers = append(in.Customers, c)
		*pts = append(*pts, p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	return nil
}
