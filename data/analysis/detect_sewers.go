package analysis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"gasrisk/geo"
)

// sewerEvents writes the events of sewers and water mains to {w}.events,
// as concurrent shards: each reads its pairs (sqlSewerPairs) and cuts them
// in Go, through a binary COPY on a second connection:
//   - a crossing is an event at each place the two meet (geo.Crossings),
//     the pipe within the sewer clearance of it, flagged when no leak
//     detector lies within the search radius;
//   - a sewer or water main nearer than its clearance is an event on each
//     stretch of the pipe within it (geo.Clearance).
func (r *run) sewerEvents(ctx context.Context) error {
	d := r.opts.Model.Detection
	detectors, err := r.detectorIndex(ctx, d.DetectorSearchRadiusM)
	if err != nil {
		return err
	}
	cut := sewerCut{detectors: detectors, radius: d.DetectorSearchRadiusM}
	cols := []string{"part_id", "kind", "f0", "f1", "ref", "no_detector", "vertical_gap"}
	return r.sharded(ctx, func(ctx context.Context, rconn *pgxpool.Conn, n, k int) error {
		wconn, err := r.s.db.Pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer wconn.Release()
		c := startBinaryCopy(ctx, wconn, pgx.Identifier{r.schema, "events"}, cols, false)
		if err := r.copySewerPairs(ctx, rconn, shardSQL(sqlSewerPairs, n, k), d.VerticalGapM, cut, c); err != nil {
			c.abort(err)
			return err
		}
		return c.finish()
	})
}

// detectorIndex loads the leak detectors' points into a grid of cells the
// size of the search radius.
func (r *run) detectorIndex(ctx context.Context, radius float64) (*geo.PointIndex, error) {
	rows, err := r.conn.Query(ctx, `SELECT ST_X(p.geom), ST_Y(p.geom) FROM detectors, ST_DumpPoints(detectors.geom) p`)
	if err != nil {
		return nil, err
	}
	points, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (orb.Point, error) {
		var p orb.Point
		return p, row.Scan(&p[0], &p[1])
	})
	if err != nil {
		return nil, fmt.Errorf("detectors: %w", err)
	}
	return geo.NewPointIndex(points, max(radius, 1)), nil
}

// sewerPair is a row of sqlSewerPairs.
type sewerPair struct {
	part, ref int64
	crosses   bool
	kind      string
	dist      float64
	vgap      bool
	a, b      []byte // WKB of the part and the sewer
}

// sewerCut turns pairs into events.
type sewerCut struct {
	detectors *geo.PointIndex
	radius    float64
}

// copySewerPairs reads query q's pairs and writes their events to c.
func (r *run) copySewerPairs(ctx context.Context, conn *pgxpool.Conn, q string, vgap float64, cut sewerCut, c *binaryCopy) error {
	rows, err := conn.Query(ctx, r.sql(q), vgap)
	if err != nil {
		return err
	}
	defer rows.Close()
	var p sewerPair
	for rows.Next() {
		if err := rows.Scan(&p.part, &p.ref, &p.crosses, &p.kind, &p.dist, &p.vgap, &p.a, &p.b); err != nil {
			return err
		}
		if err := cut.events(p, c); err != nil {
			return err
		}
		if err := c.endRow(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// events writes pair p's events to c.
func (cut sewerCut) events(p sewerPair, c *binaryCopy) error {
	a, bs, err := p.lines()
	if err != nil {
		return err
	}
	if !p.crosses {
		var all []geo.Interval
		for _, b := range bs {
			all = append(all, geo.Clearance(a, b, p.dist)...)
		}
		for _, iv := range geo.Merge(all) {
			c.sewerEvent(p, iv.F0, iv.F1, false)
		}
		return nil
	}
	places := geo.Crossings(a, bs...)
	if len(places) == 0 { // PostGIS saw them touch within its precision
		places = []geo.Crossing{geo.Nearest(a, bs...)}
	}
	h := p.dist / geo.Length(a)
	for _, x := range places {
		c.sewerEvent(p, max(0, x.F-h), min(1, x.F+h), !cut.detectors.Within(x.At, cut.radius))
	}
	return nil
}

// lines decodes the pair's part and the sewer's lines.
func (p sewerPair) lines() (orb.LineString, []orb.LineString, error) {
	a, err := wkb.Unmarshal(p.a)
	if err != nil {
		return nil, nil, fmt.Errorf("part %d: %w", p.part, err)
	}
	line, ok := a.(orb.LineString)
	if !ok {
		return nil, nil, fmt.Errorf("part %d is a %s, not a LineString", p.part, a.GeoJSONType())
	}
	b, err := wkb.Unmarshal(p.b)
	if err != nil {
		return nil, nil, fmt.Errorf("sewer %d: %w", p.ref, err)
	}
	switch b := b.(type) {
	case orb.LineString:
		return line, []orb.LineString{b}, nil
	case orb.MultiLineString:
		return line, b, nil
	}
	return nil, nil, fmt.Errorf("sewer %d is a %s, not a line", p.ref, b.GeoJSONType())
}

// sewerEvent writes an event of pair p on [f0, f1] as a row of {w}.events.
func (c *binaryCopy) sewerEvent(p sewerPair, f0, f1 float64, noDetector bool) {
	c.row(7)
	c.int8(p.part)
	c.text(p.kind)
	c.float8(f0)
	c.float8(f1)
	c.int8(p.ref)
	c.bool(noDetector)
	c.bool(p.vgap)
}
