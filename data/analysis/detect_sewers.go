package analysis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/paulmach/orb/planar"

	"gasrisk/geo"
)

// sewerEvents writes the events of sewers and water mains to {w}.events,
// as concurrent shards: each reads its pairs (sqlSewerPairs) and cuts them
// in Go, through a binary COPY on a second connection:
//   - a crossing with a sewer, storm drain or culvert is an event at each
//     place the two meet (geo.Crossings), the pipe within the sewer
//     clearance of it; flagged when no leak detector lies in that sewer
//     (within DetectorInSewerM of its line) within the search radius, when
//     the pipe passes through the sewer (its depth range overlaps the
//     sewer's: through, and exposed without casing or detector), or else
//     when the vertical gap is short (GB 50028-2006 t.6.3.3-2). Unknown
//     depths flag neither;
//   - a sewer or water main nearer than its clearance is an event on each
//     stretch of the pipe within it (geo.Clearance) but the crossing
//     places' windows: a pipe that runs alongside a sewer it also crosses
//     has the clearance finding on the stretches beside it.
func (r *run) sewerEvents(ctx context.Context) error {
	d := r.opts.Model.Detection
	detectors, err := r.detectorIndex(ctx, d.DetectorSearchRadiusM)
	if err != nil {
		return err
	}
	cut := sewerCut{detectors: detectors, radius: d.DetectorSearchRadiusM, inSewer: d.DetectorInSewerM, vgap: d.VerticalGapM}
	cols := []string{"part_id", "kind", "f0", "f1", "ref", "no_detector", "vertical_gap", "through", "exposed"}
	return r.sharded(ctx, func(ctx context.Context, rconn *pgxpool.Conn, n, k int) error {
		wconn, err := r.s.db.Pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer wconn.Release()
		c := startBinaryCopy(ctx, wconn, pgx.Identifier{r.schema, "events"}, cols, false)
		if err := r.copySewerPairs(ctx, rconn, shardSQL(sqlSewerPairs, n, k), cut, c); err != nil {
			c.abort(err)
			return err
		}
		return c.finish()
	})
}

// detectorIndex loads the leak detectors' points into a grid of cells the
// size of the search radius.
func (r *run) detectorIndex(ctx context.Context, radius float64) (*geo.PointIndex, error) {
	cond, args := r.detectorsInScope(radius)
	rows, err := r.conn.Query(ctx, r.sql(`SELECT ST_X(p.geom), ST_Y(p.geom) FROM detectors, ST_DumpPoints(detectors.geom) p `+cond), args...)
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
	crosses   bool     // crosses a sewer, storm drain or culvert: crossing events
	kind      string   // clearance_sewer or clearance_water: the alongside events
	dist      float64  // the clearance of that kind
	gap       *float64 // vertical gap at a crossing; nil: a depth is unknown
	casing    bool     // the pipe is laid in a casing
	meets     bool     // the two meet in plan (a water main too)
	a, b      []byte   // WKB of the part and the sewer
}

// sewerCut turns pairs into events.
type sewerCut struct {
	detectors *geo.PointIndex
	radius    float64 // how far from a crossing a detector covers it
	inSewer   float64 // how near the sewer's line a detector is in it
	vgap      float64 // the minimum vertical gap
}

// crossing is what a crossing place's event says.
type crossing struct{ noDetector, verticalGap, through, exposed bool }

// copySewerPairs reads query q's pairs and writes their events to c.
func (r *run) copySewerPairs(ctx context.Context, conn *pgxpool.Conn, q string, cut sewerCut, c *binaryCopy) error {
	rows, err := conn.Query(ctx, r.sql(q))
	if err != nil {
		return err
	}
	defer rows.Close()
	var p sewerPair
	for rows.Next() {
		if err := rows.Scan(&p.part, &p.ref, &p.crosses, &p.kind, &p.dist, &p.gap, &p.casing, &p.meets, &p.a, &p.b); err != nil {
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

// minAlongsideM drops stretches alongside a sewer shorter than this, what
// is left of a clearance stretch beside a crossing's window.
const minAlongsideM = 0.01

// events writes pair p's events to c.
func (cut sewerCut) events(p sewerPair, c *binaryCopy) error {
	a, bs, err := p.lines()
	if err != nil {
		return err
	}
	length := geo.Length(a)
	var windows []geo.Interval
	if p.meets {
		places := geo.Crossings(a, bs...)
		if len(places) == 0 { // PostGIS saw them touch within its precision
			places = []geo.Crossing{geo.Nearest(a, bs...)}
		}
		h := p.dist / length
		for _, x := range places {
			w := geo.Interval{F0: max(0, x.F-h), F1: min(1, x.F+h)}
			windows = append(windows, w)
			if p.crosses {
				c.sewerEvent(p.part, findSewerCrossing, w, p.ref, cut.classify(p, x.At, bs))
			}
		}
	}
	var along []geo.Interval
	for _, b := range bs {
		along = append(along, geo.Clearance(a, b, p.dist)...)
	}
	for _, iv := range geo.Subtract(along, windows, minAlongsideM/length) {
		c.sewerEvent(p.part, p.kind, iv, p.ref, crossing{})
	}
	return nil
}

// classify says what a crossing of pair p at place at is.
func (cut sewerCut) classify(p sewerPair, at orb.Point, sewer []orb.LineString) crossing {
	inSewer := func(q orb.Point) bool {
		for _, b := range sewer {
			if planar.DistanceFrom(b, q) <= cut.inSewer {
				return true
			}
		}
		return false
	}
	x := crossing{noDetector: !cut.detectors.WithinWhere(at, cut.radius, inSewer)}
	switch {
	case p.gap == nil:
	case *p.gap < 0:
		x.through = true
		x.exposed = !p.casing || x.noDetector
	case *p.gap < cut.vgap:
		x.verticalGap = true
	}
	return x
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

// sewerEvent writes an event of kind on part's stretch iv, with the other
// feature ref and what a crossing says, as a row of {w}.events.
func (c *binaryCopy) sewerEvent(part int64, kind string, iv geo.Interval, ref int64, x crossing) {
	c.row(9)
	c.int8(part)
	c.text(kind)
	c.float8(iv.F0)
	c.float8(iv.F1)
	c.int8(ref)
	c.bool(x.noDetector)
	c.bool(x.verticalGap)
	c.bool(x.through)
	c.bool(x.exposed)
}
