package topology

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"

	"github.com/jackc/pgx/v5"

	"gasrisk"
	"gasrisk/data"
	"gasrisk/network"
)

// Start is where an isolation is asked for: exactly one of a segment of
// the current run, a hazard of the ledger, or a point [lon, lat].
type Start struct {
	SegmentID *int64     `json:"segment_id,omitempty"`
	HazardID  *int64     `json:"hazard_id,omitempty"`
	Point     *[]float64 `json:"point,omitempty"`
}

// Isolation is the answer of an isolation trace with what the map and the
// crew need: ids, positions and geometry in EPSG:4326.
type Isolation struct {
	Start     StartAt    `json:"start"`
	Valves    []ValveAt  `json:"valves"`
	Passed    []ValveAt  `json:"inoperable_valves_passed"`
	Isolated  []string   `json:"isolated_pipes"`
	IsolatedM float64    `json:"isolated_m"`
	LostPipes []string   `json:"outage_pipes"`
	LostM     float64    `json:"outage_m"`
	Customers []Customer `json:"customers"`
	Meters    int        `json:"meters"`
	Critical  int        `json:"critical_customers"`
	Buildings []string   `json:"buildings"`
	Places    []Feature  `json:"places"`
	Stations  []Feature  `json:"stations"`
	Sources   []Feature  `json:"sources_remaining"`
	Unfed     bool       `json:"unfed"`
	// Geometry: the isolated stretches and the stretches that lose gas,
	// GeoJSON MultiLineStrings (null when empty).
	IsolatedGeometry json.RawMessage `json:"isolated_geometry"`
	OutageGeometry   json.RawMessage `json:"outage_geometry"`
}

// StartAt is the pipe and place an isolation started from.
type StartAt struct {
	PipeID string  `json:"pipe_id"`
	Lon    float64 `json:"lon"`
	Lat    float64 `json:"lat"`
}

// ValveAt is a valve with its position.
type ValveAt struct {
	ID    string  `json:"id"`
	Kind  string  `json:"kind"`
	Class string  `json:"pressure_class,omitempty"`
	Lon   float64 `json:"lon"`
	Lat   float64 `json:"lat"`
}

// Customer is a customer that loses gas.
type Customer struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Meters   int    `json:"meters"`
	Building string `json:"building_id,omitempty"`
}

// Feature names a station or place.
type Feature struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name,omitempty"`
}

// Isolate runs the isolation trace from start.
func (s *Service) Isolate(ctx context.Context, start Start) (_ Isolation, err error) {
	defer data.Annotate(&err, "topology.Isolate")
	g, err := s.Graph(ctx)
	if err != nil {
		return Isolation{}, err
	}
	spot, at, err := s.locate(ctx, start)
	if err != nil {
		return Isolation{}, err
	}
	iso, err := g.Isolate(spot)
	if err != nil {
		return Isolation{}, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "the pipe at the start is not in service")
	}
	out := Isolation{Start: at, Unfed: iso.Unfed, Buildings: []string{}, Customers: []Customer{}}
	if out.Valves, err = s.valvesAt(ctx, iso.Valves); err != nil {
		return out, err
	}
	if out.Passed, err = s.valvesAt(ctx, iso.Passed); err != nil {
		return out, err
	}
	out.Isolated, out.IsolatedM = pipeIDs(iso.Isolated)
	out.LostPipes, out.LostM = pipeIDs(iso.Lost)
	for _, c := range iso.Customers {
		out.Customers = append(out.Customers, Customer{ID: c.ID, Kind: c.Kind, Meters: c.Meters, Building: c.Building})
		out.Meters += c.Meters
		if c.Kind == "critical" {
			out.Critical++
		}
		if c.Building != "" {
			out.Buildings = append(out.Buildings, c.Building)
		}
	}
	slices.Sort(out.Buildings)
	out.Buildings = slices.Compact(out.Buildings)
	out.Stations, out.Sources = stationFeatures(iso.Stations), stationFeatures(iso.Sources)
	if out.IsolatedGeometry, err = s.geometry(ctx, iso.Isolated); err != nil {
		return out, err
	}
	if out.OutageGeometry, err = s.geometry(ctx, iso.Lost); err != nil {
		return out, err
	}
	out.Places, err = s.places(ctx, iso.Lost)
	return out, err
}

// locate finds the pipe and fraction an isolation starts from.
func (s *Service) locate(ctx context.Context, start Start) (network.Spot, StartAt, error) {
	n := 0
	for _, set := range []bool{start.SegmentID != nil, start.HazardID != nil, start.Point != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return network.Spot{}, StartAt{}, gasrisk.Errorf(gasrisk.EINVALID, "give exactly one of segment_id, hazard_id or point")
	}
	var x, y float64
	var gid *int64
	var err error
	switch {
	case start.SegmentID != nil:
		err = s.db.Pool.QueryRow(ctx, `SELECT ST_X(pt), ST_Y(pt), pipe_gid FROM (
			SELECT ST_LineInterpolatePoint(ST_GeometryN(sg.geom, 1), 0.5) AS pt, sg.pipe_gid
			FROM segments sg JOIN current_run c ON c.run_id = sg.run_id WHERE sg.segment_id = $1) s`, *start.SegmentID).Scan(&x, &y, &gid)
		if errors.Is(err, pgx.ErrNoRows) {
			return network.Spot{}, StartAt{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "segment_id %d is not a segment of the current analysis run", *start.SegmentID)
		}
	case start.HazardID != nil:
		err = s.db.Pool.QueryRow(ctx, `SELECT ST_X(pt), ST_Y(pt), p.gid FROM hazards h
			CROSS JOIN LATERAL (SELECT ST_PointOnSurface(h.geom) AS pt) x
			LEFT JOIN pipes p ON p.id = h.pipe_id WHERE h.id = $1`, *start.HazardID).Scan(&x, &y, &gid)
		if errors.Is(err, pgx.ErrNoRows) {
			return network.Spot{}, StartAt{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "hazard_id %d is not a hazard of the ledger", *start.HazardID)
		}
	default:
		p := *start.Point
		if len(p) != 2 || math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			return network.Spot{}, StartAt{}, gasrisk.Errorf(gasrisk.EINVALID, "point must be [lon, lat] in degrees")
		}
		var wx, wy *float64
		err = s.db.Pool.QueryRow(ctx, `SELECT ST_X(w), ST_Y(w) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326),
			(SELECT value::int FROM settings WHERE key = 'working_srid')) AS w) s`, p[0], p[1]).Scan(&wx, &wy)
		if err == nil && (wx == nil || wy == nil) {
			return network.Spot{}, StartAt{}, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "point: no gas network has been imported")
		}
		if err == nil {
			x, y = *wx, *wy
		}
	}
	if err != nil {
		return network.Spot{}, StartAt{}, err
	}
	return s.onPipe(ctx, x, y, gid, start)
}

// onPipe finds the spot of working-CRS point (x, y) on pipe gid, or on the
// nearest in-service pipe within PointM when gid is nil.
func (s *Service) onPipe(ctx context.Context, x, y float64, gid *int64, start Start) (network.Spot, StartAt, error) {
	pick := `SELECT * FROM pipes p WHERE p.gid = $3 AND p.status = 'in_service'`
	args := []any{x, y, gid}
	if gid == nil {
		pick = `SELECT * FROM pipes p WHERE p.status = 'in_service' AND ST_DWithin(p.geom, s.pt, $3) ORDER BY p.geom <-> s.pt LIMIT 1`
		args[2] = PointM
	}
	var spot network.Spot
	var at StartAt
	err := s.db.Pool.QueryRow(ctx, `SELECT p.gid, p.id, ST_LineLocatePoint(`+line+`, s.pt), ST_X(w.w), ST_Y(w.w)
		FROM (SELECT ST_SetSRID(ST_MakePoint($1, $2), (SELECT value::int FROM settings WHERE key = 'working_srid')) AS pt) s
		JOIN LATERAL (`+pick+`) p ON true
		CROSS JOIN LATERAL (SELECT ST_Transform(ST_ClosestPoint(p.geom, s.pt), 4326) AS w) w`, args...).Scan(
		&spot.Pipe, &at.PipeID, &spot.At, &at.Lon, &at.Lat)
	if errors.Is(err, pgx.ErrNoRows) {
		if start.Point != nil {
			return spot, at, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "point: no in-service gas pipe within %g m of [%g, %g]",
				PointM, (*start.Point)[0], (*start.Point)[1])
		}
		return spot, at, gasrisk.Errorf(gasrisk.EUNPROCESSABLE, "the pipe of the start is not an in-service pipe")
	}
	return spot, at, err
}
