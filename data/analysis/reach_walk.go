package analysis

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"gasrisk/network"
)

// reachStart is where a crossing segment meets a sewer: the sewer and the
// fraction of its line.
type reachStart struct {
	segment int64
	at      network.Spot
}

// sewerWalk builds the sewer graph and, at the same time on a connection
// of its own, finds where each crossing segment meets its sewers; then
// it walks from each crossing and writes the stretches within reach to
// {w}.sewer_reached and the sewers they lie on to {w}.sewers_reached.
func (r *run) sewerWalk(ctx context.Context, reach float64) error {
	var g *network.Graph
	built := make(chan error, 1)
	go func() {
		var err error
		g, err = r.sewerGraph(ctx, reach)
		built <- err
	}()
	starts, err := r.reachStarts(ctx)
	if gerr := <-built; err == nil {
		err = gerr
	}
	if err != nil {
		return err
	}
	conn, err := r.s.db.Pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	c := startBinaryCopy(ctx, conn, pgx.Identifier{r.schema, "sewer_reached"}, []string{"segment_id", "sewer_gid", "f0", "f1"}, false)
	sewers, err := copyReached(g, starts, reach, c)
	if err != nil {
		c.abort(err)
		return err
	}
	if err := c.finish(); err != nil {
		return err
	}
	c = startBinaryCopy(ctx, conn, pgx.Identifier{r.schema, "sewers_reached"}, []string{"gid"}, false)
	for _, gid := range sewers {
		c.row(1)
		c.int8(gid)
		if err := c.endRow(); err != nil {
			c.abort(err)
			return err
		}
	}
	return c.finish()
}

// sewerGraph reads the sewers (in a revision those near the scope) and
// builds their graph. Each sewer's line comes as WKB, its ends taken in
// Go (the same coordinates ST_StartPoint and ST_EndPoint give), in the
// table's order, sorted by gid here: ten point functions a row and an
// index scan for the order took three times as long.
func (r *run) sewerGraph(ctx context.Context, reach float64) (*network.Graph, error) {
	cond, args := r.sewersInScope(reach)
	rows, err := r.conn.Query(ctx, r.sql(`SELECT sw.gid, sw.kind, ST_Length(sw.geom), ST_AsBinary(ST_Force2D(`+sewerLine+`))
		FROM sewers sw WHERE sw.kind <> 'water' `+cond), args...)
	if err != nil {
		return nil, err
	}
	var sewers []network.Pipe
	var p network.Pipe
	var line []byte
	_, err = pgx.ForEachRow(rows, []any{&p.GID, &p.Class, &p.Length, &line}, func() error {
		var err error
		p.A, p.B, err = lineEnds(line)
		if err != nil {
			return fmt.Errorf("sewer %d: %w", p.GID, err)
		}
		sewers = append(sewers, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sewers: %w", err)
	}
	slices.SortFunc(sewers, func(a, b network.Pipe) int { return cmp.Compare(a.GID, b.GID) })
	return network.Build(network.Input{Pipes: sewers}, network.DefaultOptions())
}

// lineEnds is the first and last point of a LineString's WKB.
func lineEnds(b []byte) (orb.Point, orb.Point, error) {
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return orb.Point{}, orb.Point{}, err
	}
	l, ok := g.(orb.LineString)
	if !ok || len(l) == 0 {
		return orb.Point{}, orb.Point{}, fmt.Errorf("not a line with points: %v", g)
	}
	return l[0], l[len(l)-1], nil
}

// sqlReachStarts is where each crossing segment meets each of its
// sewers: the fraction along the sewer's line of the sewer's point
// nearest the segment. Each sewer is looked up by its key (OFFSET 0): a
// hash join built a table of every sewer's geometry, once in each
// parallel worker.
const sqlReachStarts = `
SELECT x.segment_id, l.gid, l.at
FROM (SELECT s.segment_id, s.geom, unnest(s.crossing_sewers) AS sewer_gid FROM {w}.segs s WHERE s.crossings > 0) x
CROSS JOIN LATERAL (SELECT sw.gid, ST_LineLocatePoint(` + sewerLine + `, ST_ClosestPoint(sw.geom, x.geom)) AS at
                    FROM sewers sw WHERE sw.gid = x.sewer_gid OFFSET 0) l`

// reachStarts reads the crossings of sqlReachStarts on a connection of
// its own.
func (r *run) reachStarts(ctx context.Context) ([]reachStart, error) {
	conn, err := r.s.db.Pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Release()
	rows, err := conn.Query(ctx, r.sql(sqlReachStarts))
	if err != nil {
		return nil, err
	}
	var out []reachStart
	var s reachStart
	_, err = pgx.ForEachRow(rows, []any{&s.segment, &s.at.Pipe, &s.at.At}, func() error {
		out = append(out, s)
		return nil
	})
	return out, err
}

// copyReached walks g from each start and writes the stretches within
// reach to c; it returns the sewers reached, in order.
func copyReached(g *network.Graph, starts []reachStart, reach float64, c *binaryCopy) ([]int64, error) {
	seen := map[int64]bool{}
	for _, s := range starts {
		stretches, err := g.Reach(s.at, reach)
		if err != nil {
			continue // a water main: gas is not assumed to travel in it
		}
		for _, st := range stretches {
			seen[st.PipeGID] = true
			c.row(4)
			c.int8(s.segment)
			c.int8(st.PipeGID)
			c.float8(st.F0)
			c.float8(st.F1)
			if err := c.endRow(); err != nil {
				return nil, err
			}
		}
	}
	sewers := make([]int64, 0, len(seen))
	for gid := range seen {
		sewers = append(sewers, gid)
	}
	slices.Sort(sewers)
	return sewers, nil
}
