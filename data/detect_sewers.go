package data

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
// as concurrent shards: each reads its pairs (sqlSewerPairs), passes the
// crossings on and turns each clearance pair into the stretches
// geo.Clearance finds, through a binary COPY on a second connection.
func (r *run) sewerEvents(ctx context.Context) error {
	d := r.opts.Model.Detection
	cols := []string{"part_id", "kind", "f0", "f1", "ref", "no_detector", "vertical_gap"}
	return r.sharded(ctx, func(ctx context.Context, rconn *pgxpool.Conn, n, k int) error {
		wconn, err := r.s.Pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer wconn.Release()
		c := startBinaryCopy(ctx, wconn, pgx.Identifier{r.schema, "events"}, cols, false)
		err = r.copySewerPairs(ctx, rconn, shardSQL(sqlSewerPairs, n, k), []any{d.DetectorSearchRadiusM, d.VerticalGapM}, c)
		if err != nil {
			c.abort(err)
			return err
		}
		return c.finish()
	})
}

// sewerPair is a row of sqlSewerPairs.
type sewerPair struct {
	part             int64
	kind             string
	f0, f1           float64
	ref              int64
	noDetector, vgap bool
	dist             float64
	a, b             []byte // WKB of the part and the sewer for a clearance pair
}

// copySewerPairs reads query q's pairs and writes their events to c.
func (r *run) copySewerPairs(ctx context.Context, conn *pgxpool.Conn, q string, args []any, c *binaryCopy) error {
	rows, err := conn.Query(ctx, r.sql(q), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var p sewerPair
	for rows.Next() {
		if err := rows.Scan(&p.part, &p.kind, &p.f0, &p.f1, &p.ref, &p.noDetector, &p.vgap, &p.dist, &p.a, &p.b); err != nil {
			return err
		}
		if p.a == nil {
			c.sewerEvent(p)
		} else {
			stretches, err := clearanceOf(p)
			if err != nil {
				return err
			}
			for _, iv := range stretches {
				p.f0, p.f1 = iv.F0, iv.F1
				c.sewerEvent(p)
			}
		}
		if err := c.endRow(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// sewerEvent writes p as a row of {w}.events.
func (c *binaryCopy) sewerEvent(p sewerPair) {
	c.row(7)
	c.int8(p.part)
	c.text(p.kind)
	c.float8(p.f0)
	c.float8(p.f1)
	c.int8(p.ref)
	c.bool(p.noDetector)
	c.bool(p.vgap)
}

// clearanceOf is the stretches of the pair's part within its clearance of
// the sewer (a LineString or a MultiLineString).
func clearanceOf(p sewerPair) ([]geo.Interval, error) {
	a, err := wkb.Unmarshal(p.a)
	if err != nil {
		return nil, fmt.Errorf("part %d: %w", p.part, err)
	}
	b, err := wkb.Unmarshal(p.b)
	if err != nil {
		return nil, fmt.Errorf("sewer %d: %w", p.ref, err)
	}
	line, ok := a.(orb.LineString)
	if !ok {
		return nil, fmt.Errorf("part %d is a %s, not a LineString", p.part, a.GeoJSONType())
	}
	switch b := b.(type) {
	case orb.LineString:
		return geo.Clearance(line, b, p.dist), nil
	case orb.MultiLineString:
		var all []geo.Interval
		for _, l := range b {
			all = append(all, geo.Clearance(line, l, p.dist)...)
		}
		return geo.Merge(all), nil
	}
	return nil, fmt.Errorf("sewer %d is a %s, not a line", p.ref, b.GeoJSONType())
}
