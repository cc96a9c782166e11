package topology

import (
	"context"

	"github.com/paulmach/orb"

	"gasrisk/data"
)

// Report is the topology check with positions in EPSG:4326.
type Report struct {
	Pipes        int           `json:"pipes"`
	Junctions    int           `json:"junctions"`
	Pieces       int           `json:"pieces"`
	Valves       int           `json:"valves"`
	Stations     int           `json:"stations"`
	Customers    int           `json:"customers"`
	CustomersOff int           `json:"customers_without_pipe"`
	SnapM        float64       `json:"snap_tolerance_m"`
	StationM     float64       `json:"station_radius_m"`
	ValveM       float64       `json:"valve_tolerance_m"`
	Dangles      []Issue       `json:"dangles"`
	Islands      []IslandIssue `json:"islands"`
	ClassChanges []Issue       `json:"class_changes"`
	ValvesOff    []Issue       `json:"valves_off_pipe"`
}

// Issue is one finding of the check at a place.
type Issue struct {
	Lon     float64  `json:"lon"`
	Lat     float64  `json:"lat"`
	PipeIDs []string `json:"pipe_ids,omitempty"`
	Classes []string `json:"classes,omitempty"`
	ValveID string   `json:"valve_id,omitempty"`
}

// IslandIssue is a part of the network no source feeds.
type IslandIssue struct {
	Issue
	Pipes   int     `json:"pipes"`
	LengthM float64 `json:"length_m"`
}

// Check runs the topology check of the network.
func (s *Service) Check(ctx context.Context) (_ Report, err error) {
	defer data.Annotate(&err, "topology.Check")
	g, err := s.Graph(ctx)
	if err != nil {
		return Report{}, err
	}
	r := g.Check()
	out := Report{Pipes: r.Pipes, Junctions: r.Junctions, Pieces: r.Pieces, Valves: r.Valves, Stations: r.Stations,
		Customers: r.Customers, CustomersOff: r.CustomersOff, SnapM: s.opts.SnapM, StationM: s.opts.StationM, ValveM: ValveM,
		Dangles: []Issue{}, Islands: []IslandIssue{}, ClassChanges: []Issue{}, ValvesOff: []Issue{}}
	var pts []orb.Point
	for _, d := range r.Dangles {
		pts = append(pts, d.At)
		out.Dangles = append(out.Dangles, Issue{PipeIDs: []string{d.PipeID}})
	}
	for _, i := range r.Islands {
		pts = append(pts, i.At)
		out.Islands = append(out.Islands, IslandIssue{Issue: Issue{PipeIDs: i.PipeIDs}, Pipes: i.Pipes, LengthM: i.LengthM})
	}
	for _, c := range r.ClassChanges {
		pts = append(pts, c.At)
		out.ClassChanges = append(out.ClassChanges, Issue{PipeIDs: c.PipeIDs, Classes: c.Classes})
	}
	for _, v := range r.ValvesOff {
		pts = append(pts, v.Point)
		out.ValvesOff = append(out.ValvesOff, Issue{ValveID: v.ID})
	}
	ll, err := s.lonLat(ctx, pts)
	if err != nil {
		return out, err
	}
	k := 0
	set := func(is *Issue) { is.Lon, is.Lat = ll[k][0], ll[k][1]; k++ }
	for i := range out.Dangles {
		set(&out.Dangles[i])
	}
	for i := range out.Islands {
		set(&out.Islands[i].Issue)
	}
	for i := range out.ClassChanges {
		set(&out.ClassChanges[i])
	}
	for i := range out.ValvesOff {
		set(&out.ValvesOff[i])
	}
	return out, nil
}

// lonLat transforms working-CRS points to EPSG:4326 in one query.
func (s *Service) lonLat(ctx context.Context, pts []orb.Point) ([]orb.Point, error) {
	if len(pts) == 0 {
		return nil, nil
	}
	xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		xs[i], ys[i] = p[0], p[1]
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT ST_X(w), ST_Y(w) FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS u(x, y, k),
		LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(u.x, u.y), (SELECT value::int FROM settings WHERE key = 'working_srid')), 4326) AS w) w
		ORDER BY u.k`, xs, ys)
	if err != nil {
		return nil, err
	}
	out := make([]orb.Point, 0, len(pts))
	for rows.Next() {
		var p orb.Point
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// GeoJSON is the report as a FeatureCollection for the map: one point
// feature per finding, its kind in "issue".
func (r Report) GeoJSON() map[string]any {
	var fs []map[string]any
	add := func(kind string, is Issue, extra map[string]any) {
		props := map[string]any{"issue": kind}
		if len(is.PipeIDs) > 0 {
			props["pipe_ids"] = is.PipeIDs
		}
		if len(is.Classes) > 0 {
			props["classes"] = is.Classes
		}
		if is.ValveID != "" {
			props["valve_id"] = is.ValveID
		}
		for k, v := range extra {
			props[k] = v
		}
		fs = append(fs, map[string]any{"type": "Feature", "properties": props,
			"geometry": map[string]any{"type": "Point", "coordinates": []float64{is.Lon, is.Lat}}})
	}
	for _, d := range r.Dangles {
		add("dangle", d, nil)
	}
	for _, i := range r.Islands {
		add("island", i.Issue, map[string]any{"pipes": i.Pipes, "length_m": i.LengthM})
	}
	for _, c := range r.ClassChanges {
		add("class_change", c, nil)
	}
	for _, v := range r.ValvesOff {
		add("valve_off_pipe", v, nil)
	}
	if fs == nil {
		fs = []map[string]any{}
	}
	return map[string]any{"type": "FeatureCollection", "features": fs}
}
